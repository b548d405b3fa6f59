/**
 * Tables of the figures: yearly publications (a draft the coordinator assembles), their published
 * versions (immutable snapshots of the protected numbers, never recomputed) and the coordinator's
 * commentary, per section and language, for a publication or for one entity's feedback.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/db/schema.ts';

/** The draft of one year's publication: the period and the indicators chosen. */
export const figurePublications = pgTable(
  'figure_publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    indicators: text('indicators').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('figure_publications_year_idx').on(t.year)],
);

/**
 * Each time a publication goes out: the snapshot (protected tables, labels, commentary) as published.
 * A correction adds a version and supersedes the previous; unpublishing withdraws it. Rows are never
 * deleted, so the public version list keeps every date and reason.
 */
export const figurePublicationVersions = pgTable(
  'figure_publication_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicationId: uuid('publication_id')
      .notNull()
      .references(() => figurePublications.id, { onDelete: 'restrict' }),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    /** Why a correction was published (empty for the first version). */
    reason: text('reason'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Why the version was withdrawn or replaced. */
    endReason: text('end_reason'),
  },
  (t) => [
    uniqueIndex('figure_publication_versions_idx').on(t.publicationId, t.version),
    check('figure_publication_versions_status', sql`${t.status} in ('published', 'superseded', 'withdrawn')`),
  ],
);

/** The coordinator's commentary ("duiding") in Markdown: per publication section, or per entity and year. */
export const figureCommentary = pgTable(
  'figure_commentary',
  {
    /** 'publication:<id>' or 'entity:<entity id>:<year>'. */
    scope: text('scope').notNull(),
    section: text('section').notNull(),
    language: text('language').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.section, t.language] })],
);

/*
 * The statistical record summed per month of receipt, one table per breakdown the indicators read, so a
 * publication adds up thousands of rows instead of scanning a million records. Kept by database triggers
 * on case_statistics (migration 0013), whoever writes it, as rows of changes (+n, −n) that are only ever
 * added, as the case tallies are; the counts are their sums, and the nightly job
 * (`figures.compact-statistics`) folds them into one row per key. No foreign key: a deleted entity's
 * records lose their entity through their own key, and the triggers carry that change here.
 */

/** Contacts by kind, domain, theme and channel. */
export const statisticsMonthWhat = pgTable(
  'statistics_month_what',
  {
    month: date('month').notNull(),
    kind: text('kind').notNull(),
    domain: text('domain').notNull(),
    theme: text('theme').notNull(),
    channel: text('channel').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [index('statistics_month_what_idx').on(t.month)],
);

/** Contacts by kind, domain and entity (null when the entity is unknown or was deleted). */
export const statisticsMonthEntity = pgTable(
  'statistics_month_entity',
  {
    month: date('month').notNull(),
    kind: text('kind').notNull(),
    domain: text('domain').notNull(),
    entityId: uuid('entity_id'),
    n: integer('n').notNull(),
  },
  (t) => [index('statistics_month_entity_idx').on(t.month)],
);

/** Contacts by kind, domain, requester role, identity choice, outcome ('none' while there is none) and measures. */
export const statisticsMonthWho = pgTable(
  'statistics_month_who',
  {
    month: date('month').notNull(),
    kind: text('kind').notNull(),
    domain: text('domain').notNull(),
    requesterRole: text('requester_role').notNull(),
    identityChoice: text('identity_choice').notNull(),
    outcome: text('outcome').notNull(),
    measures: text('measures').array().notNull(),
    n: integer('n').notNull(),
  },
  (t) => [index('statistics_month_who_idx').on(t.month)],
);

/** Reports by domain and whole days from receipt to acknowledgement and to feedback (null when not yet), and whether the feedback came in time. */
export const statisticsMonthMilestones = pgTable(
  'statistics_month_milestones',
  {
    month: date('month').notNull(),
    domain: text('domain').notNull(),
    ackDays: integer('ack_days'),
    fbDays: integer('fb_days'),
    fbWithin: boolean('fb_within'),
    n: integer('n').notNull(),
  },
  (t) => [index('statistics_month_milestones_idx').on(t.month)],
);

/** Contacts by kind, domain and month of closing (null while open): the cases open at a month's end, and the trend per year. */
export const statisticsMonthOpen = pgTable(
  'statistics_month_open',
  {
    month: date('month').notNull(),
    kind: text('kind').notNull(),
    domain: text('domain').notNull(),
    closedMonth: date('closed_month'),
    n: integer('n').notNull(),
  },
  (t) => [index('statistics_month_open_idx').on(t.month)],
);
