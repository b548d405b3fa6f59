/**
 * The deadline engine: from a procedure and the days a case's milestones happened, when each duty is
 * due, whether it is met or overdue, and when to remind the handler. Pure functions of their inputs.
 */
import { addDays, addMonths, brusselsTime, daysBetween, workingDayOnOrBefore, type IsoDate } from '../../platform/time/calendar.ts';
import type { DeadlineRule, Milestone, Procedure } from './procedures.ts';

export type Milestones = Partial<Record<Milestone, IsoDate>>;

export interface DutyStatus {
  duty: string;
  basis: string;
  /** Undefined while nothing has started the clock (say, no formal request yet). */
  dueOn: IsoDate | undefined;
  metOn: IsoDate | undefined;
  state: 'not_started' | 'open' | 'met' | 'met_late' | 'overdue';
}

export function dueDate(rule: DeadlineRule, milestones: Milestones): IsoDate | undefined {
  const start = rule.startsAt.find((s) => milestones[s.milestone] !== undefined);
  if (!start) return undefined;
  let day = addDays(milestones[start.milestone]!, start.plusDays ?? 0);
  if (rule.days) day = addDays(day, rule.days);
  if (rule.months) day = addMonths(day, rule.months);
  return day;
}

export function dutyStatuses(procedure: Procedure, milestones: Milestones, today: IsoDate): DutyStatus[] {
  return procedure.deadlines.map((rule) => {
    const dueOn = dueDate(rule, milestones);
    const metOn = rule.metBy.map((m) => milestones[m]).find((day): day is IsoDate => day !== undefined);
    const state: DutyStatus['state'] =
      metOn !== undefined
        ? dueOn !== undefined && metOn > dueOn
          ? 'met_late'
          : 'met'
        : dueOn === undefined
          ? 'not_started'
          : today > dueOn
            ? 'overdue'
            : 'open';
    return { duty: rule.duty, basis: rule.basis, dueOn, metOn, state };
  });
}

/** Days before a due day when the handler is reminded: a week ahead, two days ahead, and on the day. */
export const reminderOffsets = [7, 2, 0] as const;

/**
 * The instants to remind a handler of a due day: never on a weekend (moved to the Friday before), at
 * 08:00 in Brussels, and never in the past or twice on the same day.
 */
export function reminderTimes(dueOn: IsoDate, today: IsoDate, hour = 8): Date[] {
  const days = reminderOffsets
    .map((offset) => workingDayOnOrBefore(addDays(dueOn, -offset)))
    .filter((day) => daysBetween(today, day) >= 0);
  return [...new Set(days)].sort().map((day) => brusselsTime(day as IsoDate, hour));
}

/**
 * The earliest duty still to be done, kept on the case row (next_due_on, next_duty) so that reminders and
 * overdue lists are an index scan over a million cases rather than this engine run on each.
 */
export function nextDeadline(procedure: Procedure, milestones: Milestones): { duty: string; dueOn: IsoDate } | undefined {
  let next: { duty: string; dueOn: IsoDate } | undefined;
  for (const rule of procedure.deadlines) {
    if (rule.metBy.some((m) => milestones[m] !== undefined)) continue;
    const dueOn = dueDate(rule, milestones);
    if (dueOn !== undefined && (next === undefined || dueOn < next.dueOn)) next = { duty: rule.duty, dueOn };
  }
  return next;
}
