/** Adding, renaming and removing the processes of a draft analysis. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { riskProcesses } from '../schema.ts';
import { lockDraft, type Outcome } from './draft.ts';

export interface ProcessFields {
  name: string;
  description: string;
}

export type ProcessEditResult = Outcome<{ processId: string }, 'not_found' | 'completed'>;

export async function addProcess(db: Db, analysisId: string, fields: ProcessFields): Promise<ProcessEditResult> {
  return db.transaction(async (tx): Promise<ProcessEditResult> => {
    const state = await lockDraft(tx, analysisId);
    if (state !== 'draft') return { ok: false, reason: state };
    const [row] = await tx
      .insert(riskProcesses)
      .values({ analysisId, name: fields.name.trim(), description: fields.description.trim() })
      .returning({ id: riskProcesses.id });
    if (!row) throw new Error('process insert returned nothing');
    return { ok: true, processId: row.id };
  });
}

export async function updateProcess(db: Db, analysisId: string, processId: string, fields: ProcessFields): Promise<ProcessEditResult> {
  return db.transaction(async (tx): Promise<ProcessEditResult> => {
    const state = await lockDraft(tx, analysisId);
    if (state !== 'draft') return { ok: false, reason: state };
    const rows = await tx
      .update(riskProcesses)
      .set({ name: fields.name.trim(), description: fields.description.trim(), updatedAt: sql`now()` })
      .where(and(eq(riskProcesses.id, processId), eq(riskProcesses.analysisId, analysisId)))
      .returning({ id: riskProcesses.id });
    return rows.length === 1 ? { ok: true, processId } : { ok: false, reason: 'not_found' };
  });
}

export async function removeProcess(db: Db, analysisId: string, processId: string): Promise<ProcessEditResult> {
  return db.transaction(async (tx): Promise<ProcessEditResult> => {
    const state = await lockDraft(tx, analysisId);
    if (state !== 'draft') return { ok: false, reason: state };
    const rows = await tx
      .delete(riskProcesses)
      .where(and(eq(riskProcesses.id, processId), eq(riskProcesses.analysisId, analysisId)))
      .returning({ id: riskProcesses.id });
    return rows.length === 1 ? { ok: true, processId } : { ok: false, reason: 'not_found' };
  });
}
