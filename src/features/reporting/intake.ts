/**
 * Receiving a report: a fresh case id and data key, the answers encrypted, the key sealed to the
 * routed handlers and to the reporter's receipt-derived key, held uploads moved in — one transaction.
 */
import crypto from 'node:crypto';
import type { Db } from '../../platform/db/client.ts';
import { newDataKey } from '../../platform/crypto/envelope.ts';
import { deriveReceiptKeys, newReceiptCode } from '../../platform/crypto/receipt.ts';
import {
  initialCaseState,
  legalDatesOfNewReport,
  moveDraftFilesToCase,
  newReference,
  recipients,
  storeNewCase,
  type LegalDates,
  type ReportingSecrets,
  type ReportInput,
} from '../case-record/service.ts';

export interface SubmittedReport extends LegalDates {
  caseId: string;
  reference: string;
  receiptCode: string;
  theme: string;
  /** Handlers to notify (by e-mail, without content). */
  handlerIds: string[];
}

export async function submitReport(db: Db, secrets: ReportingSecrets, input: ReportInput, now = new Date()): Promise<SubmittedReport> {
  const caseId = crypto.randomUUID();
  const dataKey = newDataKey();
  const receiptCode = newReceiptCode();
  const receipt = await deriveReceiptKeys(receiptCode.replace(/ /g, ''), secrets.receiptSalt);
  const dates = legalDatesOfNewReport(now);
  const handlers = await recipients(db, input.theme, input.entityId);
  const reference = newReference();
  await db.transaction(async (tx) => {
    await storeNewCase(tx, { id: caseId, reference, dataKey, input, dates, state: initialCaseState(input.kind, input.domain, dates.receivedOn), receipt, holders: handlers });
    // No audit row here: its time and its place in the chain would tell when the report arrived.
    if (input.draft) await moveDraftFilesToCase(tx, { draftId: input.draft.id, draftKey: input.draft.key, caseId, dataKey });
  });
  return { caseId, reference, receiptCode, theme: input.theme, ...dates, handlerIds: handlers.map((h) => h.userId) };
}
