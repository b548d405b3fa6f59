/** Stores a process's ratings as given, complete or not: a rater can save and come back. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { riskProcesses } from '../schema.ts';
import type { ProcessRatings } from '../score.ts';
import { lockDraft, type Outcome } from './draft.ts';

export async function rateProcess(db: Db, analysisId: string, processId: string, ratings: ProcessRatings): Promise<Outcome<object, 'not_found' | 'completed'>> {
  return db.transaction(async (tx): Promise<Outcome<object, 'not_found' | 'completed'>> => {
    const state = await lockDraft(tx, analysisId);
    if (state !== 'draft') return { ok: false, reason: state };
    const rows = await tx
      .update(riskProcesses)
      .set({ ratings, updatedAt: sql`now()` })
      .where(and(eq(riskProcesses.id, processId), eq(riskProcesses.analysisId, analysisId)))
      .returning({ id: riskProcesses.id });
    return rows.length === 1 ? { ok: true } : { ok: false, reason: 'not_found' };
  });
}
