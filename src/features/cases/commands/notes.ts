/** Internal notes: encrypted under the case key, visible to the case's key holders only, never to the reporter. */
import type { DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { applyCaseChange } from './case-change.ts';
import { inCaseTransaction } from '../../case-record/service.ts';

export async function addNote(db: Db, actorId: string, dataKey: DataKey, input: { caseId: string; body: string }): Promise<{ ok: boolean }> {
  return inCaseTransaction(db, async (tx) => ({
    // A note cannot conflict with another change, so it does not check the version.
    ok: await applyCaseChange(tx, {
      caseId: input.caseId,
      version: undefined,
      actorId,
      dataKey,
      event: { kind: 'note', body: input.body },
      audit: { action: 'case.note_added' },
    }),
  }));
}
