/**
 * Tables of the integrity risk analysis: imported versions of the risk model, the analyses (each keeps a
 * copy of the model it was made with, so a later model never changes an earlier report) and their processes
 * with their ratings.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entities, users } from '../../../platform/db/schema.ts';
import type { RiskModel } from './model.ts';
import type { ProcessRatings } from './score.ts';

/** Risk models imported by a coordinator; without any, the built-in model is used. */
export const riskModels = pgTable(
  'risk_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    /** The file as imported, so it can be downloaded and edited again. */
    source: text('source').notNull(),
    model: jsonb('model').$type<RiskModel>().notNull(),
    importedBy: uuid('imported_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('risk_models_code_version_idx').on(t.code, t.version)],
);

export const riskAnalyses = pgTable(
  'risk_analyses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entityId: uuid('entity_id')
      .notNull()
      .references(() => entities.id),
    title: text('title').notNull(),
    modelCode: text('model_code').notNull(),
    modelVersion: integer('model_version').notNull(),
    model: jsonb('model').$type<RiskModel>().notNull(),
    status: text('status').notNull().default('draft'),
    startedBy: uuid('started_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('risk_analyses_entity_idx').on(t.entityId, t.createdAt),
    check('risk_analyses_status', sql`${t.status} in ('draft', 'completed')`),
    check('risk_analyses_completed_at', sql`(${t.status} = 'completed') = (${t.completedAt} is not null)`),
  ],
);

export const riskProcesses = pgTable(
  'risk_processes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    analysisId: uuid('analysis_id')
      .notNull()
      .references(() => riskAnalyses.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    ratings: jsonb('ratings').$type<ProcessRatings>().notNull().default({ inherent: {}, enhancing: {}, controls: {}, comments: {} }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('risk_processes_analysis_idx').on(t.analysisId, t.createdAt)],
);
