/** Reading the self-assessment's data: models, assessments, participants, answers, consensus, peers and actions. */
import { and, asc, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { entities, userRoles, users } from '../../platform/db/schema.ts';
import { assessmentActions, assessmentAnswers, assessmentConsensus, assessmentDimensions, assessmentModels, assessmentParticipants, assessments } from './schema.ts';
import type { MaturityModel } from './model-definition.ts';
import type { PeerAggregate } from './benchmark.ts';
import type { EntityScope } from './policy.ts';

export interface ModelVersion {
  id: string;
  code: string;
  version: number;
  definition: MaturityModel;
  createdAt: Date;
}

export async function listModelVersions(db: Db): Promise<ModelVersion[]> {
  return db
    .select({ id: assessmentModels.id, code: assessmentModels.code, version: assessmentModels.version, definition: assessmentModels.definition, createdAt: assessmentModels.createdAt })
    .from(assessmentModels)
    .orderBy(asc(assessmentModels.code), desc(assessmentModels.version));
}

/** The newest version of each model: the ones a new assessment can use. */
export async function latestModelVersions(db: Db): Promise<ModelVersion[]> {
  const all = await listModelVersions(db);
  return all.filter((m, i) => i === 0 || all[i - 1]!.code !== m.code);
}

export async function getModelVersion(db: Db, modelId: string) {
  const [row] = await db.select().from(assessmentModels).where(eq(assessmentModels.id, modelId));
  return row;
}

export interface AssessmentSummary {
  id: string;
  entityId: string;
  entityName: string;
  modelId: string;
  modelCode: string;
  modelVersion: number;
  definition: MaturityModel;
  status: 'open' | 'closed';
  startedAt: Date;
  closedAt: Date | null;
  overallScore: number | null;
}

const summaryColumns = {
  id: assessments.id,
  entityId: assessments.entityId,
  entityName: entities.name,
  modelId: assessments.modelId,
  modelCode: assessmentModels.code,
  modelVersion: assessmentModels.version,
  status: assessments.status,
  startedAt: assessments.startedAt,
  closedAt: assessments.closedAt,
  overallScore: assessments.overallScore,
};

/**
 * Model versions never change once stored, so each process keeps the definitions it has read: a model is
 * some 100 KB of JSON that every page of an assessment would otherwise fetch and parse again.
 */
const definitions = new Map<string, MaturityModel>();

export async function modelDefinition(db: Db, modelId: string): Promise<MaturityModel> {
  const cached = definitions.get(modelId);
  if (cached) return cached;
  const [row] = await db.select({ definition: assessmentModels.definition }).from(assessmentModels).where(eq(assessmentModels.id, modelId));
  if (!row) throw new Error(`model ${modelId} does not exist`);
  if (definitions.size > 100) definitions.clear();
  definitions.set(modelId, row.definition);
  return row.definition;
}

async function withDefinitions(db: Db, rows: Omit<AssessmentSummary, 'definition'>[]): Promise<AssessmentSummary[]> {
  const result: AssessmentSummary[] = [];
  for (const row of rows) result.push({ ...row, definition: await modelDefinition(db, row.modelId) });
  return result;
}

export async function getAssessment(db: Db, assessmentId: string): Promise<AssessmentSummary | undefined> {
  const rows = await db
    .select(summaryColumns)
    .from(assessments)
    .innerJoin(entities, eq(entities.id, assessments.entityId))
    .innerJoin(assessmentModels, eq(assessmentModels.id, assessments.modelId))
    .where(eq(assessments.id, assessmentId));
  return (await withDefinitions(db, rows as Omit<AssessmentSummary, 'definition'>[]))[0];
}

export async function listAssessments(db: Db, scope: EntityScope): Promise<AssessmentSummary[]> {
  if (scope.kind === 'entities' && scope.entityIds.length === 0) return [];
  const rows = await db
    .select(summaryColumns)
    .from(assessments)
    .innerJoin(entities, eq(entities.id, assessments.entityId))
    .innerJoin(assessmentModels, eq(assessmentModels.id, assessments.modelId))
    .where(scope.kind === 'all' ? undefined : inArray(assessments.entityId, scope.entityIds))
    .orderBy(desc(assessments.startedAt))
    .limit(200);
  return withDefinitions(db, rows as Omit<AssessmentSummary, 'definition'>[]);
}

export async function listEntityChoices(db: Db, scope: EntityScope) {
  if (scope.kind === 'entities' && scope.entityIds.length === 0) return [];
  return db
    .select({ id: entities.id, name: entities.name })
    .from(entities)
    .where(scope.kind === 'all' ? undefined : inArray(entities.id, scope.entityIds))
    .orderBy(asc(entities.name));
}

/** The open assessments a user was invited to answer. */
export async function invitationsFor(db: Db, userId: string) {
  return db
    .select({ participantId: assessmentParticipants.id, status: assessmentParticipants.status, entityName: entities.name, definition: assessmentModels.definition, startedAt: assessments.startedAt })
    .from(assessmentParticipants)
    .innerJoin(assessments, eq(assessments.id, assessmentParticipants.assessmentId))
    .innerJoin(entities, eq(entities.id, assessments.entityId))
    .innerJoin(assessmentModels, eq(assessmentModels.id, assessments.modelId))
    .where(and(eq(assessmentParticipants.userId, userId), eq(assessments.status, 'open')))
    .orderBy(desc(assessments.startedAt));
}

export interface ParticipantRow {
  id: string;
  userId: string | null;
  displayName: string | null;
  status: 'invited' | 'draft' | 'submitted';
  tokenExpiresAt: Date | null;
}

export async function participantsOf(db: Db, assessmentId: string): Promise<ParticipantRow[]> {
  const rows = await db
    .select({ id: assessmentParticipants.id, userId: assessmentParticipants.userId, displayName: users.displayName, status: assessmentParticipants.status, tokenExpiresAt: assessmentParticipants.tokenExpiresAt })
    .from(assessmentParticipants)
    .leftJoin(users, eq(users.id, assessmentParticipants.userId))
    .where(eq(assessmentParticipants.assessmentId, assessmentId))
    .orderBy(asc(assessmentParticipants.createdAt));
  return rows as ParticipantRow[];
}

export async function getParticipant(db: Db, participantId: string) {
  const [row] = await db.select().from(assessmentParticipants).where(eq(assessmentParticipants.id, participantId));
  return row;
}

export async function participantByTokenHash(db: Db, tokenHash: string) {
  const [row] = await db.select().from(assessmentParticipants).where(eq(assessmentParticipants.tokenHash, tokenHash));
  return row;
}

export async function answersOf(db: Db, participantId: string) {
  return db.select().from(assessmentAnswers).where(eq(assessmentAnswers.participantId, participantId));
}

/** The submitted answers only, without any link to who gave them. */
export async function submittedLevels(db: Db, assessmentId: string) {
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assessmentParticipants)
    .where(and(eq(assessmentParticipants.assessmentId, assessmentId), eq(assessmentParticipants.status, 'submitted')));
  const levels = await db
    .select({ questionCode: assessmentAnswers.questionCode, level: assessmentAnswers.level, comment: assessmentAnswers.comment, evidenceUrl: assessmentAnswers.evidenceUrl })
    .from(assessmentAnswers)
    .innerJoin(assessmentParticipants, eq(assessmentParticipants.id, assessmentAnswers.participantId))
    .where(and(eq(assessmentParticipants.assessmentId, assessmentId), eq(assessmentParticipants.status, 'submitted')));
  return { submitted: count?.n ?? 0, levels };
}

export async function consensusOf(db: Db, assessmentId: string) {
  const questions = await db.select().from(assessmentConsensus).where(eq(assessmentConsensus.assessmentId, assessmentId));
  const dimensions = await db.select().from(assessmentDimensions).where(eq(assessmentDimensions.assessmentId, assessmentId));
  return { questions, dimensions };
}

/** The users who hold a role for the entity: who can be invited to answer and who can own an action. */
export async function entityUsers(db: Db, entityId: string) {
  return db
    .selectDistinct({ id: users.id, displayName: users.displayName })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.entityId, entityId), sql`${users.disabledAt} is null`))
    .orderBy(asc(users.displayName));
}

/** The entity's earlier closed assessments of the same model (any version), oldest first, with their dimension scores. */
export async function previousAssessments(db: Db, assessment: AssessmentSummary) {
  const rows = await db
    .select({ id: assessments.id, closedAt: assessments.closedAt, overallScore: assessments.overallScore, version: assessmentModels.version })
    .from(assessments)
    .innerJoin(assessmentModels, eq(assessmentModels.id, assessments.modelId))
    .where(and(eq(assessments.entityId, assessment.entityId), eq(assessmentModels.code, assessment.modelCode), eq(assessments.status, 'closed'), lt(assessments.startedAt, assessment.startedAt), ne(assessments.id, assessment.id)))
    .orderBy(asc(assessments.closedAt))
    .limit(10);
  const scores = rows.length === 0 ? [] : await db.select().from(assessmentDimensions).where(inArray(assessmentDimensions.assessmentId, rows.map((r) => r.id)));
  return rows.map((r) => ({ ...r, dimensions: new Map(scores.filter((s) => s.assessmentId === r.id).map((s) => [s.dimensionCode, s.score])) }));
}

/**
 * Quartiles of the other entities' latest closed assessment of this model version, per dimension and
 * overall, computed by the database (percentile_cont): only aggregates come back, never an entity.
 */
export async function peerAggregate(db: Db, modelId: string, excludingEntityId: string): Promise<PeerAggregate> {
  type AggregateRow = { code: string | null; entities: number; q1: number | null; median: number | null; q3: number | null };
  const result = await db.execute(sql`
    with latest as (
      select distinct on (${assessments.entityId}) ${assessments.id} as id, ${assessments.overallScore} as overall
      from ${assessments}
      where ${assessments.modelId} = ${modelId} and ${assessments.status} = 'closed' and ${assessments.entityId} <> ${excludingEntityId}
      order by ${assessments.entityId}, ${assessments.closedAt} desc
    )
    select null as code, count(*)::int as entities,
      percentile_cont(0.25) within group (order by overall) as q1,
      percentile_cont(0.5) within group (order by overall) as median,
      percentile_cont(0.75) within group (order by overall) as q3
    from latest
    union all
    select d.dimension_code, count(*)::int,
      percentile_cont(0.25) within group (order by d.score),
      percentile_cont(0.5) within group (order by d.score),
      percentile_cont(0.75) within group (order by d.score)
    from latest join ${assessmentDimensions} d on d.assessment_id = latest.id
    group by d.dimension_code`);
  // Both drivers answer with { rows }.
  const list = (result as unknown as { rows: AggregateRow[] }).rows;
  const quartilesOf = (row: { q1: number | null; median: number | null; q3: number | null }) =>
    row.median === null ? null : { q1: Number(row.q1), median: Number(row.median), q3: Number(row.q3) };
  const overall = list.find((r) => r.code === null);
  return {
    entities: Number(overall?.entities ?? 0),
    overall: overall ? quartilesOf(overall) : null,
    dimensions: new Map(list.filter((r) => r.code !== null).map((r) => [r.code!, quartilesOf(r)])),
  };
}

export async function actionsOf(db: Db, assessmentId: string) {
  return db
    .select({ id: assessmentActions.id, dimensionCode: assessmentActions.dimensionCode, title: assessmentActions.title, ownerName: users.displayName, dueOn: assessmentActions.dueOn, status: assessmentActions.status })
    .from(assessmentActions)
    .innerJoin(users, eq(users.id, assessmentActions.ownerId))
    .where(eq(assessmentActions.assessmentId, assessmentId))
    .orderBy(asc(assessmentActions.dueOn));
}

/** Open actions of the entity's earlier assessments: followed up until the next assessment. */
export async function openEarlierActions(db: Db, assessment: AssessmentSummary) {
  return db
    .select({ id: assessmentActions.id, assessmentId: assessmentActions.assessmentId, title: assessmentActions.title, dueOn: assessmentActions.dueOn, status: assessmentActions.status, ownerName: users.displayName })
    .from(assessmentActions)
    .innerJoin(assessments, eq(assessments.id, assessmentActions.assessmentId))
    .innerJoin(users, eq(users.id, assessmentActions.ownerId))
    .where(and(eq(assessments.entityId, assessment.entityId), lt(assessments.startedAt, assessment.startedAt), inArray(assessmentActions.status, ['planned', 'in_progress'])))
    .orderBy(asc(assessmentActions.dueOn));
}
