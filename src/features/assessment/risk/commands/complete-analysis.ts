/** Completes an analysis once every process is fully rated; from then on it is a record that no longer changes. */
import { asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../../platform/audit/audit.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { riskAnalyses, riskProcesses } from '../schema.ts';
import { isComplete, riskProfile } from '../score.ts';
import { lockDraft } from './draft.ts';

export type CompleteAnalysisResult =
  | { ok: true }
  | { ok: false; reason: 'not_found' | 'completed' | 'empty' }
  | { ok: false; reason: 'unrated'; unrated: string[] };

export async function completeAnalysis(db: Db, actorId: string, analysisId: string): Promise<CompleteAnalysisResult> {
  return db.transaction(async (tx): Promise<CompleteAnalysisResult> => {
    const state = await lockDraft(tx, analysisId);
    if (state !== 'draft') return { ok: false, reason: state };
    const [analysis] = await tx.select({ model: riskAnalyses.model }).from(riskAnalyses).where(eq(riskAnalyses.id, analysisId));
    const processes = await tx
      .select({ id: riskProcesses.id, name: riskProcesses.name, ratings: riskProcesses.ratings })
      .from(riskProcesses)
      .where(eq(riskProcesses.analysisId, analysisId))
      .orderBy(asc(riskProcesses.createdAt));
    if (!analysis) return { ok: false, reason: 'not_found' };
    if (processes.length === 0) return { ok: false, reason: 'empty' };
    const unrated = processes.filter((p) => !isComplete(analysis.model, p.ratings)).map((p) => p.name);
    if (unrated.length > 0) return { ok: false, reason: 'unrated', unrated };
    await tx.update(riskAnalyses).set({ status: 'completed', completedAt: sql`now()` }).where(eq(riskAnalyses.id, analysisId));
    const { counts } = riskProfile(analysis.model, processes);
    await recordAudit(tx, { actorId, action: 'risk_analysis.completed', subjectType: 'risk_analysis', subjectId: analysisId, details: { processes: processes.length, ...counts } });
    return { ok: true };
  });
}
