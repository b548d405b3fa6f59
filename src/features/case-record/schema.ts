/**
 * Tables of the case record, shared by the reporting point and the back office: a case's metadata (needed
 * for routing, deadlines and figures) is in clear by design; everything the reporter or a handler writes
 * is ciphertext under the case's data key. Also the key seals, messages, files, the timeline, the routing
 * table and the handlers' unlocked keys. No column records an IP address, a user agent, or an arrival
 * time finer than the day.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entities, sessions, users } from '../../platform/db/schema.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
});

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    /** Shown on the proof of filing; random, so it reveals neither the receipt code nor how many reports came before. */
    reference: text('reference').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel').notNull().default('web'),
    domain: text('domain').notNull(),
    theme: text('theme').notNull(),
    entityId: uuid('entity_id').references(() => entities.id),
    requesterRole: text('requester_role').notNull(),
    identityChoice: text('identity_choice').notNull(),
    wantsMeeting: boolean('wants_meeting').notNull().default(false),
    contactPreference: text('contact_preference').notNull().default('site_only'),
    status: text('status').notNull().default('received'),
    /** The day only: a precise time could be matched against door badges or network logs. */
    receivedOn: date('received_on').notNull(),
    acknowledgementDueOn: date('acknowledgement_due_on').notNull(),
    feedbackDueOn: date('feedback_due_on').notNull(),
    receiptLookupHash: text('receipt_lookup_hash'),
    /** The reporter's answers (what, when, where, who, contact details) as encrypted JSON. */
    content: bytea('content').notNull(),
    // Case management (features/cases): metadata in clear by design, for routing, deadlines and figures.
    /** The procedure the case follows (procedures.ts); set from the report's kind and domain, changed at triage. */
    procedure: text('procedure').notNull().default('integrity'),
    /** The day each milestone of procedures.ts happened, e.g. {"received":"2026-03-02","acknowledged":"2026-03-04"}. */
    milestones: jsonb('milestones').$type<Record<string, string>>().notNull().default({}),
    /** The earliest open legal deadline and its duty, kept by the commands so reminders and overdue lists are an index scan. */
    nextDueOn: date('next_due_on'),
    nextDuty: text('next_duty'),
    priority: text('priority').notNull().default('normal'),
    triagedOn: date('triaged_on'),
    /** ISO 37002 8.3: the risk of retaliation assessed at triage; the agreed protection measures are in the encrypted triage note. */
    retaliationRisk: text('retaliation_risk'),
    /** Why no acknowledgement was sent (docs/law.md §2): the reporter objected, it would endanger their identity, or already handled. */
    acknowledgementWaiver: text('acknowledgement_waiver'),
    outcome: text('outcome'),
    measures: text('measures').array().notNull().default(sql`'{}'::text[]`),
    closedOn: date('closed_on'),
    /** ISO 37002 8.5: a check-in on the reporter's protection after closure. */
    protectionCheckInOn: date('protection_check_in_on'),
    /** Oral reports: the record the handler wrote awaits the reporter's review (docs/law.md §1, Directive art. 18(2)-(4)). */
    recordReview: text('record_review'),
    /** Confidential identity fields, encrypted under a key of their own (case_identity_seals below, identity-seal.ts). */
    identity: bytea('identity'),
    legalHold: boolean('legal_hold').notNull().default(false),
    /** Optimistic concurrency: every change increments it; a form carries the version it was read at. */
    version: integer('version').notNull().default(1),
    registeredBy: uuid('registered_by').references(() => users.id, { onDelete: 'set null' }),
    /**
     * Who holds the case's key and who waits for a seal, copied from case_key_seals and
     * case_pending_seals by database triggers (migration 0010) whoever writes them: the case lists and
     * the dashboard filter on these without a lookup per case. The case page reads the seals themselves.
     */
    keyHolders: uuid('key_holders').array().notNull().default(sql`'{}'::uuid[]`),
    awaitingSeal: uuid('awaiting_seal').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [
    uniqueIndex('cases_reference_idx').on(t.reference),
    uniqueIndex('cases_receipt_idx').on(t.receiptLookupHash),
    index('cases_entity_idx').on(t.entityId),
    index('cases_next_due_idx').on(t.nextDueOn).where(sql`${t.nextDueOn} is not null`),
    index('cases_status_idx').on(t.status, t.receivedOn, t.id),
    index('cases_procedure_idx').on(t.procedure, t.receivedOn, t.id),
    index('cases_closed_idx').on(t.closedOn).where(sql`${t.closedOn} is not null`),
    // Case lists and dashboards (features/cases/lists): the search on either group of a reference
    // (IB-XXXX-YYYY) whatever the collation. The theme filter, the counts by state and the cases only one
    // person can open use indexes that carry the holders (INCLUDE), so need to know is checked in the
    // index alone; drizzle-kit cannot write INCLUDE, so they live in migrations 0010 and 0012 only:
    // cases_theme_holders_idx, cases_status_closed_holders_idx, cases_open_holders_idx, cases_single_holder_idx,
    // and cases_received_holders_idx (the list's default order, which replaced cases_received_idx).
    index('cases_reference_first_idx').on(sql`substr(${t.reference}, 4, 4)`),
    index('cases_reference_second_idx').on(sql`substr(${t.reference}, 9, 4)`),
    check('cases_kind', sql`${t.kind} in ('question', 'report')`),
    check('cases_channel', sql`${t.channel} in ('web', 'phone', 'email', 'letter', 'in_person')`),
    check('cases_procedure', sql`${t.procedure} in ('integrity', 'psychosocial', 'question')`),
    check('cases_priority', sql`${t.priority} in ('low', 'normal', 'high', 'urgent')`),
    check('cases_outcome', sql`${t.outcome} is null or ${t.outcome} in ('founded', 'partly_founded', 'unfounded', 'not_investigated', 'answered')`),
    check('cases_identity', sql`${t.identityChoice} in ('anonymous', 'confidential', 'named')`),
    check('cases_contact', sql`${t.contactPreference} in ('site_only', 'email', 'phone')`),
  ],
);

/** The case's data key sealed to each handler with access, and to the reporter's receipt-derived key. */
export const caseKeySeals = pgTable(
  'case_key_seals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** Null for the reporter's seal. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    sealedKey: bytea('sealed_key').notNull(),
    /** Sealed by a referral with redaction: this holder sees the masked text only (cases/redaction.ts). */
    seesRedacted: boolean('sees_redacted').notNull().default(false),
  },
  (t) => [
    uniqueIndex('case_key_seals_user_idx').on(t.caseId, t.userId),
    uniqueIndex('case_key_seals_reporter_idx')
      .on(t.caseId)
      .where(sql`${t.userId} is null`),
    index('case_key_seals_by_user_idx').on(t.userId),
  ],
);

export const caseMessages = pgTable(
  'case_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Orders messages within a case; not a time. */
    position: bigserial('position', { mode: 'number' }).notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    author: text('author').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id),
    sentOn: date('sent_on').notNull(),
    body: bytea('body').notNull(),
  },
  (t) => [index('case_messages_case_idx').on(t.caseId, t.position), check('case_messages_author', sql`${t.author} in ('reporter', 'handler')`)],
);

/**
 * Attachments of a case (or of one of its messages). Each file's content is encrypted under a key of its
 * own, kept here wrapped under the case's data key; name and type are encrypted too.
 */
export const caseFiles = pgTable(
  'case_files',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => caseMessages.id, { onDelete: 'cascade' }),
    fileKey: bytea('file_key').notNull(),
    name: bytea('name').notNull(),
    mediaType: bytea('media_type').notNull(),
    size: integer('size').notNull(),
  },
  (t) => [index('case_files_case_idx').on(t.caseId)],
);

/**
 * Encrypted content in secretstream frames, one row per frame, so a file is written and read as a
 * stream and never held whole in memory. Used for case files and for uploads held while a form is corrected.
 */
export const fileChunks = pgTable(
  'file_chunks',
  {
    fileId: uuid('file_id').notNull(),
    index: integer('index').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.index] })],
);

/**
 * Files uploaded with a form that had to be corrected: encrypted under a key that only the reporter's
 * form carries (a hidden field), removed at submission or after 24 hours.
 */
export const draftFiles = pgTable(
  'draft_files',
  {
    id: uuid('id').primaryKey(),
    draftId: uuid('draft_id').notNull(),
    /** The file's own key, wrapped under the draft key; at submission it is re-wrapped under the case key. */
    fileKey: bytea('file_key').notNull(),
    name: bytea('name').notNull(),
    mediaType: bytea('media_type').notNull(),
    size: integer('size').notNull(),
    /** Rounded up to the hour, so it does not tell when the form was sent. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('draft_files_draft_idx').on(t.draftId), index('draft_files_expires_idx').on(t.expiresAt)],
);

/** Which handlers receive a report, by theme and entity; a rule without either is the default group. */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    theme: text('theme'),
    entityId: uuid('entity_id').references(() => entities.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('routing_rules_match_idx').on(sql`coalesce(${t.theme}, '')`, sql`coalesce(${t.entityId}::text, '')`)],
);

export const routingRuleHandlers = pgTable(
  'routing_rule_handlers',
  {
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => routingRules.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.userId] })],
);

/** A handler's unlocked private key for one back-office session, wrapped under a key in their cookie. */
export const unlockedKeys = pgTable('unlocked_keys', {
  sessionTokenHash: text('session_token_hash')
    .primaryKey()
    .references(() => sessions.tokenHash, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  wrappedPrivateKey: bytea('wrapped_private_key').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * The case's timeline as handlers see it: status changes, triage, notes, referrals, classification,
 * tasks, links, redactions. `body` (a reason or a note) is encrypted under the case key; `details`
 * holds only metadata (from/to status, milestone, task id), so the coordinator's overview can show it.
 */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    position: bigserial('position', { mode: 'number' }).notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    body: bytea('body'),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.position),
    check(
      'case_events_kind',
      sql`${t.kind} in ('registered', 'status', 'triage', 'procedure', 'note', 'referral', 'classification', 'task', 'link', 'redaction', 'exclusion', 'reassignment', 'identity', 'record', 'hold')`,
    ),
  ],
);

/** The confidential identity's own key, sealed to the handlers allowed to see who reported (identity-seal.ts). */
export const caseIdentitySeals = pgTable(
  'case_identity_seals',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sealedKey: bytea('sealed_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] })],
);
