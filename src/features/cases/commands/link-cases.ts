/** Linking related cases (say, two reports about the same facts): only cases the handler may see both of. */
import { eq } from 'drizzle-orm';
import type { DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { cases, inCaseTransaction } from '../../case-record/service.ts';
import { caseLinks } from '../schema.ts';
import { applyCaseChange } from './case-change.ts';

export type LinkOutcome = { ok: true } | { ok: false; error: 'not_found' | 'same_case' | 'already_linked' };

/**
 * Links `caseId` to the case with `otherReference`; `mayLink` says whether the actor may see the other
 * case (an unknown and an unseen reference give the same answer).
 */
export async function linkCases(
  db: Db,
  actorId: string,
  dataKey: DataKey,
  input: { caseId: string; otherReference: string },
  mayLink: (otherCaseId: string) => Promise<boolean>,
): Promise<LinkOutcome> {
  const [other] = await db.select({ id: cases.id }).from(cases).where(eq(cases.reference, input.otherReference.trim().toUpperCase()));
  if (!other || !(await mayLink(other.id))) return { ok: false, error: 'not_found' };
  if (other.id === input.caseId) return { ok: false, error: 'same_case' };
  const [first, second] = [input.caseId, other.id].sort() as [string, string];
  return inCaseTransaction(db, async (tx): Promise<LinkOutcome> => {
    const inserted = await tx.insert(caseLinks).values({ caseId: first, linkedCaseId: second }).onConflictDoNothing().returning({ id: caseLinks.caseId });
    if (inserted.length === 0) return { ok: false, error: 'already_linked' };
    const applied = await applyCaseChange(tx, {
      caseId: input.caseId,
      version: undefined,
      actorId,
      dataKey,
      event: { kind: 'link', details: { linkedCaseId: other.id } },
      audit: { action: 'case.linked', details: { linkedCaseId: other.id } },
    });
    return applied ? { ok: true } : { ok: false, error: 'not_found' };
  });
}

