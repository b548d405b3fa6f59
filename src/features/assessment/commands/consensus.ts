/** The facilitator's consensus (agreed levels and remarks) and closing the assessment, which fixes its scores for trends and the peer benchmark. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { ConsensusInput } from '../consensus-form.ts';
import type { MaturityModel } from '../model-definition.ts';
import { overallScore, scoreDimensions } from '../scoring.ts';
import { assessmentConsensus, assessmentDimensions, assessments } from '../schema.ts';
import type { Outcome } from './running.ts';

export async function recordConsensus(db: Db, actorId: string, assessmentId: string, input: ConsensusInput): Promise<Outcome<object, 'closed'>> {
  return db.transaction(async (tx) => {
    const [assessment] = await tx.select({ status: assessments.status }).from(assessments).where(eq(assessments.id, assessmentId)).for('update');
    if (!assessment || assessment.status !== 'open') return { ok: false as const, reason: 'closed' as const };
    await tx.delete(assessmentConsensus).where(eq(assessmentConsensus.assessmentId, assessmentId));
    const rows = [...input.levels].map(([questionCode, level]) => ({ assessmentId, questionCode, level, remark: input.remarks.get(questionCode) ?? '' }));
    if (rows.length > 0) await tx.insert(assessmentConsensus).values(rows);
    await tx.delete(assessmentDimensions).where(eq(assessmentDimensions.assessmentId, assessmentId));
    const dimensionRows = [...input.dimensions].map(([dimensionCode, d]) => ({ assessmentId, dimensionCode, complete: d.complete, remark: d.remark }));
    if (dimensionRows.length > 0) await tx.insert(assessmentDimensions).values(dimensionRows);
    const agreed = rows.filter((r) => r.level !== null).length;
    const complete = dimensionRows.filter((d) => d.complete).map((d) => d.dimensionCode);
    await recordAudit(tx, { actorId, action: 'assessment.consensus_recorded', subjectType: 'assessment', subjectId: assessmentId, details: { agreedLevels: agreed, completeDimensions: complete } });
    return { ok: true as const };
  });
}

/** Closes an assessment whose every dimension is complete, storing the scores it ends with. */
export async function closeAssessment(db: Db, actorId: string, assessmentId: string, model: MaturityModel): Promise<Outcome<object, 'closed' | 'incomplete'>> {
  return db.transaction(async (tx) => {
    const [assessment] = await tx.select({ status: assessments.status }).from(assessments).where(eq(assessments.id, assessmentId)).for('update');
    if (!assessment || assessment.status !== 'open') return { ok: false as const, reason: 'closed' as const };
    const dimensionRows = await tx.select().from(assessmentDimensions).where(eq(assessmentDimensions.assessmentId, assessmentId));
    const complete = new Set(dimensionRows.filter((d) => d.complete).map((d) => d.dimensionCode));
    if (model.dimensions.some((d) => !complete.has(d.code))) return { ok: false as const, reason: 'incomplete' as const };
    const agreedRows = await tx.select().from(assessmentConsensus).where(eq(assessmentConsensus.assessmentId, assessmentId));
    const agreed = new Map(agreedRows.filter((r) => r.level !== null).map((r) => [r.questionCode, r.level!]));
    const scores = scoreDimensions(model, agreed);
    for (const s of scores) {
      await tx
        .update(assessmentDimensions)
        .set({ score: s.score })
        .where(and(eq(assessmentDimensions.assessmentId, assessmentId), eq(assessmentDimensions.dimensionCode, s.code)));
    }
    const overall = overallScore(scores);
    await tx.update(assessments).set({ status: 'closed', closedAt: sql`now()`, overallScore: overall }).where(eq(assessments.id, assessmentId));
    await recordAudit(tx, { actorId, action: 'assessment.closed', subjectType: 'assessment', subjectId: assessmentId, details: { overallScore: overall } });
    return { ok: true as const };
  });
}
