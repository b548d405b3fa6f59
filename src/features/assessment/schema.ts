/**
 * Tables of the self-assessment: versioned maturity models, assessments of an entity against one model
 * version, the participants and their own answers, the agreed (consensus) levels, and the action plan.
 * A link participant is known only by the SHA-256 of their token; answers never carry a name.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entities, users } from '../../platform/db/schema.ts';
import type { MaturityModel } from './model-definition.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** One version of a maturity model: the document as imported, and its validated form. Versions are never changed. */
export const assessmentModels = pgTable(
  'assessment_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    source: text('source').notNull(),
    definition: jsonb('definition').$type<MaturityModel>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('assessment_models_code_version_idx').on(t.code, t.version)],
);

export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entityId: uuid('entity_id')
      .notNull()
      .references(() => entities.id),
    modelId: uuid('model_id')
      .notNull()
      .references(() => assessmentModels.id),
    status: text('status').notNull().default('open'),
    startedBy: uuid('started_by').references(() => users.id),
    startedAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The weighted overall score, kept when the assessment is closed, for trends and the peer benchmark. */
    overallScore: doublePrecision('overall_score'),
  },
  (t) => [
    index('assessments_entity_idx').on(t.entityId, t.startedAt),
    index('assessments_model_entity_closed_idx').on(t.modelId, t.entityId, t.closedAt),
    check('assessments_status', sql`${t.status} in ('open', 'closed')`),
  ],
);

/** Someone invited to answer: a user of the entity, or the holder of a one-time link (only its hash is kept). */
export const assessmentParticipants = pgTable(
  'assessment_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    tokenHash: text('token_hash'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    status: text('status').notNull().default('invited'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('assessment_participants_user_idx').on(t.assessmentId, t.userId),
    uniqueIndex('assessment_participants_token_idx').on(t.tokenHash),
    check('assessment_participants_status', sql`${t.status} in ('invited', 'draft', 'submitted')`),
    check('assessment_participants_who', sql`(${t.userId} is null) <> (${t.tokenHash} is null)`),
  ],
);

/** A participant's own answer to one question: a level, a comment and a link to evidence. */
export const assessmentAnswers = pgTable(
  'assessment_answers',
  {
    participantId: uuid('participant_id')
      .notNull()
      .references(() => assessmentParticipants.id, { onDelete: 'cascade' }),
    questionCode: text('question_code').notNull(),
    level: integer('level'),
    comment: text('comment').notNull().default(''),
    evidenceUrl: text('evidence_url').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.questionCode] }), check('assessment_answers_level', sql`${t.level} between 1 and 5`)],
);

/** The level the group agreed on for one question, with the facilitator's remark. */
export const assessmentConsensus = pgTable(
  'assessment_consensus',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    questionCode: text('question_code').notNull(),
    level: integer('level'),
    remark: text('remark').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.questionCode] }), check('assessment_consensus_level', sql`${t.level} between 1 and 5`)],
);

/** Per dimension: whether the group finished it, the remark, and (once closed) its score. */
export const assessmentDimensions = pgTable(
  'assessment_dimensions',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    dimensionCode: text('dimension_code').notNull(),
    complete: boolean('complete').notNull().default(false),
    remark: text('remark').notNull().default(''),
    score: doublePrecision('score'),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.dimensionCode] })],
);

/** The action plan: next steps turned into actions with an owner and a due date, followed up until the next assessment. */
export const assessmentActions = pgTable(
  'assessment_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    dimensionCode: text('dimension_code').notNull(),
    title: text('title').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    dueOn: date('due_on').notNull(),
    status: text('status').notNull().default('planned'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assessment_actions_assessment_idx').on(t.assessmentId),
    check('assessment_actions_status', sql`${t.status} in ('planned', 'in_progress', 'done', 'dropped')`),
  ],
);
