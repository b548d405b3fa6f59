/** Reading risk analyses, their processes and the current model. */
import { asc, desc, eq, inArray, and } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { entities } from '../../../platform/db/schema.ts';
import type { EntityScope } from '../policy.ts';
import { builtInRiskModel, builtInRiskModelSource, type RiskModel } from './model.ts';
import { riskAnalyses, riskModels, riskProcesses } from './schema.ts';
import type { ProcessRatings } from './score.ts';

export interface AnalysisSummary {
  id: string;
  title: string;
  entityId: string;
  entityName: string;
  status: 'draft' | 'completed';
  createdAt: Date;
  completedAt: Date | null;
}

export interface Analysis extends AnalysisSummary {
  model: RiskModel;
}

export interface RiskProcess {
  id: string;
  name: string;
  description: string;
  ratings: ProcessRatings;
}

const summaryColumns = {
  id: riskAnalyses.id,
  title: riskAnalyses.title,
  entityId: riskAnalyses.entityId,
  entityName: entities.name,
  status: riskAnalyses.status,
  createdAt: riskAnalyses.createdAt,
  completedAt: riskAnalyses.completedAt,
};

export async function listAnalyses(db: Db, scope: EntityScope): Promise<AnalysisSummary[]> {
  if (scope.kind === 'entities' && scope.entityIds.length === 0) return [];
  const rows = await db
    .select(summaryColumns)
    .from(riskAnalyses)
    .innerJoin(entities, eq(entities.id, riskAnalyses.entityId))
    .where(scope.kind === 'all' ? undefined : inArray(riskAnalyses.entityId, scope.entityIds))
    .orderBy(desc(riskAnalyses.createdAt))
    .limit(500);
  return rows.map((row) => ({ ...row, status: row.status as AnalysisSummary['status'] }));
}

export async function getAnalysis(db: Db, analysisId: string): Promise<Analysis | undefined> {
  const [row] = await db
    .select({ ...summaryColumns, model: riskAnalyses.model })
    .from(riskAnalyses)
    .innerJoin(entities, eq(entities.id, riskAnalyses.entityId))
    .where(eq(riskAnalyses.id, analysisId));
  return row ? { ...row, status: row.status as Analysis['status'] } : undefined;
}

export async function listProcesses(db: Db, analysisId: string): Promise<RiskProcess[]> {
  return db
    .select({ id: riskProcesses.id, name: riskProcesses.name, description: riskProcesses.description, ratings: riskProcesses.ratings })
    .from(riskProcesses)
    .where(eq(riskProcesses.analysisId, analysisId))
    .orderBy(asc(riskProcesses.createdAt), asc(riskProcesses.id));
}

export async function getProcess(db: Db, analysisId: string, processId: string): Promise<RiskProcess | undefined> {
  const [row] = await db
    .select({ id: riskProcesses.id, name: riskProcesses.name, description: riskProcesses.description, ratings: riskProcesses.ratings })
    .from(riskProcesses)
    .where(and(eq(riskProcesses.analysisId, analysisId), eq(riskProcesses.id, processId)));
  return row;
}

export interface CurrentModel {
  model: RiskModel;
  source: string;
  builtIn: boolean;
}

/** The newest imported model, or the built-in one while none has been imported. */
export async function currentRiskModel(db: Db): Promise<CurrentModel> {
  const [row] = await db.select({ model: riskModels.model, source: riskModels.source }).from(riskModels).orderBy(desc(riskModels.createdAt)).limit(1);
  if (row) return { model: row.model, source: row.source, builtIn: false };
  return { model: builtInRiskModel(), source: builtInRiskModelSource(), builtIn: true };
}

/** The entities a user may start an analysis for, with their names, in the tree's reading order when given. */
export async function entityChoices(db: Db, scope: EntityScope): Promise<{ id: string; name: string }[]> {
  if (scope.kind === 'entities' && scope.entityIds.length === 0) return [];
  return db
    .select({ id: entities.id, name: entities.name })
    .from(entities)
    .where(scope.kind === 'all' ? undefined : inArray(entities.id, scope.entityIds))
    .orderBy(asc(entities.name));
}
