/** What other features may use of case management: the legal dates of a new report. */
import { brusselsDay, type IsoDate } from '../../platform/time/calendar.ts';
import { dueDate } from './deadlines.ts';
import { procedures } from './procedures.ts';

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
