/**
 * Tables of case management: the timeline, tasks, links, exclusions, keys waiting to be re-sealed, the
 * confidential identity's seals and reveal requests, redactions, and the anonymous statistical record
 * that outlives every case for the figures. Everything a handler writes is ciphertext under the case key.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entities, users } from '../../platform/db/schema.ts';
// Table to table: drizzle-kit loads schema files on their own, so this one imports the reporting schema directly.
import { cases } from '../reporting/schema.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
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

export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** Encrypted under the case key: a task's wording can tell what the case is about. */
    title: bytea('title').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    dueOn: date('due_on'),
    doneOn: date('done_on'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_tasks_case_idx').on(t.caseId), index('case_tasks_assignee_idx').on(t.assigneeId, t.dueOn).where(sql`${t.doneOn} is null`)],
);

/** Related cases (say, two reports about the same facts); stored once per pair, smaller id first. */
export const caseLinks = pgTable(
  'case_links',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    linkedCaseId: uuid('linked_case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.linkedCaseId] }), check('case_links_ordered', sql`${t.caseId} < ${t.linkedCaseId}`)],
);

/** People named as involved, or who declared a conflict of interest: they never read the case and cannot be granted it. */
export const caseExclusions = pgTable(
  'case_exclusions',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    declaredBy: uuid('declared_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), check('case_exclusions_reason', sql`${t.reason} in ('involved', 'conflict_of_interest')`)],
);

/**
 * A handler assigned a case whose key nobody has sealed to them yet (a reassignment by an administrator
 * or the coordinator, who cannot open it): the next key holder to open the case seals it, or the
 * operator's escrow key does. Until then the handler sees the metadata only.
 */
export const casePendingSeals = pgTable(
  'case_pending_seals',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    seesRedacted: boolean('sees_redacted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index('case_pending_seals_user_idx').on(t.userId)],
);

/** The confidential identity's own key, sealed to the handlers allowed to see who reported (docs/law.md §1, Directive art. 16). */
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

/**
 * A request to reveal the confidential identity to another handler. The requester seals the identity
 * key to them at once, but the seal only takes effect when a designated custodian approves.
 */
export const identityRevealRequests = pgTable(
  'identity_reveal_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    forUserId: uuid('for_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    /** Encrypted under the case key; the custodian reads it with the case's metadata only. */
    reason: bytea('reason').notNull(),
    pendingSeal: bytea('pending_seal'),
    status: text('status').notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('identity_reveal_requests_case_idx').on(t.caseId),
    check('identity_reveal_requests_status', sql`${t.status} in ('pending', 'approved', 'refused')`),
  ],
);

/**
 * Masked passages of a case's text (the report's fields, a message, an attachment's name), as character
 * ranges. Holders sealed with `sees_redacted` read the masked version; the original stays for the others.
 */
export const caseRedactions = pgTable(
  'case_redactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** 'answers.description', 'message:<id>', 'file-name:<id>' … */
    target: text('target').notNull(),
    ranges: jsonb('ranges').$type<{ start: number; end: number }[]>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_redactions_target_idx').on(t.caseId, t.target)],
);

/**
 * The anonymous statistical record of every case, kept by a database trigger from `cases` (so no
 * command can forget it) and surviving retention with its link to the case cut. The figures read only
 * this table; coordinators and auditors see psychosocial dossiers only through it.
 */
export const caseStatistics = pgTable(
  'case_statistics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    procedure: text('procedure').notNull(),
    domain: text('domain').notNull(),
    theme: text('theme').notNull(),
    entityId: uuid('entity_id').references(() => entities.id, { onDelete: 'set null' }),
    channel: text('channel').notNull(),
    requesterRole: text('requester_role').notNull(),
    identityChoice: text('identity_choice').notNull(),
    status: text('status').notNull(),
    receivedOn: date('received_on').notNull(),
    acknowledgedOn: date('acknowledged_on'),
    feedbackOn: date('feedback_on'),
    closedOn: date('closed_on'),
    outcome: text('outcome'),
    measures: text('measures').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex('case_statistics_case_idx').on(t.caseId),
    index('case_statistics_received_idx').on(t.receivedOn),
    index('case_statistics_entity_idx').on(t.entityId, t.receivedOn),
  ],
);

/**
 * How many cases each procedure has in each state, per closing day (null while open), kept by database
 * triggers on `cases` (migration 0010) as rows of changes (+n, −n) that are only ever added, so two
 * transactions never wait for each other on a counter; the counts are their sums, and a nightly job
 * (`cases.compact-tallies`) folds them into one row per key. The dashboard's counts by state are a sum over
 * a few thousand rows instead of a count over every open case. Derived data, rebuilt from `cases` if ever in doubt.
 */
export const caseTallies = pgTable(
  'case_tallies',
  {
    procedure: text('procedure').notNull(),
    status: text('status').notNull(),
    closedOn: date('closed_on'),
    n: integer('n').notNull(),
  },
  (t) => [index('case_tallies_closed_idx').on(t.closedOn, t.status)],
);

/**
 * The deadline reminders sent, one row per reminder (case or task, duty, due day, person) and day: a
 * reminder is claimed here before it is sent (the primary key decides), so a second run of the daily job
 * sends nothing twice. Rows older than two weeks are pruned by the job.
 */
export const caseReminderClaims = pgTable(
  'case_reminder_claims',
  {
    key: text('key').primaryKey(),
    sentOn: date('sent_on').notNull(),
  },
  (t) => [index('case_reminder_claims_sent_idx').on(t.sentOn)],
);
