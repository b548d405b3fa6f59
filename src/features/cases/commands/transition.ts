/**
 * Moving a case through its lifecycle: the procedure must allow the step, every step but the automatic
 * acknowledgement is explained, the milestone it stands for is dated (the deadline engine's input), and
 * steps the law ties to the reporter carry a message to them: the acknowledgement (with the external
 * channels, docs/law.md §1 EU7), the feedback (EU6), the answer to a question, and a forwarding (told, with consent, §2).
 */
import { eq } from 'drizzle-orm';
import type { DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { brusselsDay, type IsoDate } from '../../../platform/time/calendar.ts';
import { addMessage, cases, inCaseTransaction, nextDeadline, procedures, type Milestones, type ProcedureCode } from '../../case-record/service.ts';
import { isTerminal, transition, type CaseStatus } from '../lifecycle.ts';
import { applyCaseChange } from './case-change.ts';

export const acknowledgementWaivers = ['reporter_objected', 'endangers_identity', 'already_handled'] as const;
export type AcknowledgementWaiver = (typeof acknowledgementWaivers)[number];

export interface TransitionInput {
  caseId: string;
  version: number;
  to: CaseStatus;
  reason: string;
  /** Sent to the reporter's inbox; required where the law makes the step a message to them. */
  messageToReporter: string;
  waiver?: AcknowledgementWaiver | undefined;
  reporterConsented?: boolean | undefined;
  /** ISO 37002 8.5: when closing, a day to check on the reporter's protection. */
  protectionCheckInOn?: IsoDate | undefined;
}

export type TransitionError = 'not_allowed' | 'reason_required' | 'message_required' | 'waiver_required' | 'consent_required' | 'stale' | 'not_found';
export type TransitionOutcome = { ok: true; status: CaseStatus } | { ok: false; error: TransitionError };

/** Steps whose meaning is a message to the reporter. */
export function needsMessageToReporter(procedure: ProcedureCode, to: CaseStatus): boolean {
  if (to === 'acknowledged' || to === 'feedback_given' || to === 'forwarded') return true;
  return procedure === 'question' && to === 'closed';
}

export async function transitionCase(db: Db, actorId: string, dataKey: DataKey, input: TransitionInput, now = new Date()): Promise<TransitionOutcome> {
  return inCaseTransaction(db, async (tx): Promise<TransitionOutcome> => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, input.caseId));
    if (!row) return { ok: false, error: 'not_found' };
    if (row.version !== input.version) return { ok: false, error: 'stale' };
    const procedure = row.procedure as ProcedureCode;
    const checked = transition({ status: row.status as CaseStatus, procedure }, input.to, input.reason);
    if (!checked.ok) return { ok: false, error: checked.reason };
    if (checked.milestone === 'acknowledgement_waived' && !input.waiver) return { ok: false, error: 'waiver_required' };
    if (input.to === 'forwarded' && !input.reporterConsented) return { ok: false, error: 'consent_required' };
    const message = input.messageToReporter.trim();
    if (needsMessageToReporter(procedure, input.to) && message === '') return { ok: false, error: 'message_required' };

    const today = brusselsDay(now);
    const milestones: Milestones = { ...(row.milestones as Milestones) };
    if (checked.milestone && milestones[checked.milestone] === undefined) milestones[checked.milestone] = today;
    const terminal = isTerminal(checked.status);
    const next = terminal ? undefined : nextDeadline(procedures[procedure], milestones);
    const applied = await applyCaseChange(tx, {
      caseId: row.id,
      version: input.version,
      actorId,
      dataKey,
      update: {
        status: checked.status,
        milestones,
        nextDueOn: next?.dueOn ?? null,
        nextDuty: next?.duty ?? null,
        closedOn: terminal ? today : null,
        ...(checked.milestone === 'acknowledgement_waived' ? { acknowledgementWaiver: input.waiver ?? null } : {}),
        ...(checked.status === 'closed' ? { protectionCheckInOn: input.protectionCheckInOn ?? null } : {}),
      },
      event: {
        kind: 'status',
        details: { from: row.status, to: checked.status, milestone: checked.milestone ?? null, reopening: checked.reopening, waiver: input.waiver ?? null },
        body: input.reason.trim() || undefined,
      },
      audit: { action: 'case.status_changed', details: { from: row.status, to: checked.status } },
    });
    if (!applied) return { ok: false, error: 'stale' };
    if (message !== '') await addMessage(tx, { caseId: row.id, dataKey, author: 'handler', authorUserId: actorId, body: message });
    return { ok: true, status: checked.status };
  });
}
