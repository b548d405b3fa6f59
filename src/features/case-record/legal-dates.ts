/**
 * The legal dates a new case starts with: the day it was received, when the acknowledgement and the
 * feedback are due, and the procedure with its first deadline (procedures.ts, deadlines.ts).
 */
import { brusselsDay, type IsoDate } from '../../platform/time/calendar.ts';
import { dueDate, nextDeadline } from './deadlines.ts';
import { initialProcedure, procedures, type ProcedureCode } from './procedures.ts';

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
