/**
 * What other features may use of case management: the legal dates and starting state of a new report,
 * sealing a new case's identity and escrow key, and the anonymous statistical record the figures read.
 */
import { brusselsDay, type IsoDate } from '../../platform/time/calendar.ts';
import { dueDate, nextDeadline } from './deadlines.ts';
import { initialProcedure, procedures, type ProcedureCode } from './procedures.ts';

export { sealIdentityForNewCase, type IdentityFields } from './identity.ts';
export { sealToEscrow } from './escrow.ts';
export { storeNewCase, type NewCase } from './new-case.ts';
export { notifyHandlers, notifyKeyHolders, type CaseNotice, type NotifyParts } from './notify.ts';
export { caseStatistics } from './schema.ts';

export interface LegalDates {
  receivedOn: IsoDate;
  acknowledgementDueOn: IsoDate;
  feedbackDueOn: IsoDate;
}

/** The dates a reporter is shown at once: acknowledgement within 7 days, feedback 3 months after day 7 unless acknowledged sooner. */
export function legalDatesOfNewReport(receivedAt: Date): LegalDates {
  const receivedOn = brusselsDay(receivedAt);
  const [acknowledge, feedback] = procedures.integrity.deadlines;
  return {
    receivedOn,
    acknowledgementDueOn: dueDate(acknowledge!, { received: receivedOn })!,
    feedbackDueOn: dueDate(feedback!, { received: receivedOn })!,
  };
}

export interface InitialCaseState {
  procedure: ProcedureCode;
  milestones: Record<string, string>;
  nextDueOn: IsoDate | null;
  nextDuty: string | null;
}

/** The procedure, milestones and first deadline a new contact starts with (triage may change the procedure). */
export function initialCaseState(kind: 'question' | 'report', domain: 'wellbeing' | 'integrity', receivedOn: IsoDate): InitialCaseState {
  const procedure = initialProcedure(kind, domain);
  const milestones = { received: receivedOn };
  const next = nextDeadline(procedures[procedure], milestones);
  return { procedure, milestones, nextDueOn: next?.dueOn ?? null, nextDuty: next?.duty ?? null };
}

/** The record of an oral report, as the reporter reviews it through their receipt sign-in (EU Directive art. 18). */
export { answerRecord, isRecordReviewState, latestVersion, recordHistory, correctionsMaxLength, type RecordEntry, type RecordReviewState } from './commands/write-record.ts';
