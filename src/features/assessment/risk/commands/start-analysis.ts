/** Starts a risk analysis for an entity, with a copy of the current model, and records it in the audit trail. */
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../../platform/audit/audit.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { entities } from '../../../../platform/db/schema.ts';
import { currentRiskModel } from '../queries.ts';
import { riskAnalyses } from '../schema.ts';
import type { Outcome } from './draft.ts';

export async function startAnalysis(db: Db, actorId: string, input: { entityId: string; title: string }): Promise<Outcome<{ analysisId: string }, 'unknown_entity'>> {
  return db.transaction(async (tx) => {
    const [entity] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.id, input.entityId));
    if (!entity) return { ok: false, reason: 'unknown_entity' } as const;
    const { model } = await currentRiskModel(tx);
    const [row] = await tx
      .insert(riskAnalyses)
      .values({ entityId: input.entityId, title: input.title.trim(), modelCode: model.code, modelVersion: model.version, model, startedBy: actorId })
      .returning({ id: riskAnalyses.id });
    if (!row) throw new Error('risk analysis insert returned nothing');
    await recordAudit(tx, {
      actorId,
      action: 'risk_analysis.started',
      subjectType: 'risk_analysis',
      subjectId: row.id,
      details: { entityId: input.entityId, modelCode: model.code, modelVersion: model.version },
    });
    return { ok: true, analysisId: row.id } as const;
  });
}
