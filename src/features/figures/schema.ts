/**
 * Tables of the figures: yearly publications (a draft the coordinator assembles), their published
 * versions (immutable snapshots of the protected numbers, never recomputed) and the coordinator's
 * commentary, per section and language, for a publication or for one entity's feedback.
 */
import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
