/** Changes to an analysis happen only while it is a draft; this takes the analysis row's lock and says whether it still is one. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../../platform/db/client.ts';
import { riskAnalyses } from '../schema.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Outcome<T extends object, Reason extends string> = ({ ok: true } & T) | { ok: false; reason: Reason };

/** Locks the analysis row (FOR UPDATE), so completing it and changing it cannot interleave. */
export async function lockDraft(tx: Tx, analysisId: string): Promise<'draft' | 'not_found' | 'completed'> {
  const [row] = await tx.select({ status: riskAnalyses.status }).from(riskAnalyses).where(eq(riskAnalyses.id, analysisId)).for('update');
  if (!row) return 'not_found';
  return row.status === 'draft' ? 'draft' : 'completed';
}
