/**
 * Tables only the reporting point uses: single-use form tokens, and the sessions of reporters signed in
 * with their receipt code. The case itself is in the case record (features/case-record).
 */
import { customType, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
// Table to table, the one import of the case record that skips its service.ts: drizzle-kit loads each
// schema file on its own and cannot load the crypto code that service.ts brings along (top-level await).
import { cases } from '../case-record/schema.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
});

/** Single-use form tokens: a form posted twice, or a forged one, is refused without any cookie. */
export const usedFormTokens = pgTable('used_form_tokens', {
  nonceHash: text('nonce_hash').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * A reporter signed in with their receipt code. The case's data key is kept wrapped under a key that
 * lives only in the reporter's cookie, so neither the cookie nor this row alone opens the case.
 */
export const receiptSessions = pgTable('receipt_sessions', {
  tokenHash: text('token_hash').primaryKey(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id, { onDelete: 'cascade' }),
  wrappedDataKey: bytea('wrapped_data_key').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

