/**
 * The legal dates a reporter is shown, as calendar days in Brussels: acknowledgement within 7 days of
 * receipt and feedback within 3 months of the acknowledgement, or of day 7 when none was sent
 * (EU Directive 2019/1937 art. 9(1)(b) and (f); Flemish decree of 18 November 2022).
 */

export type IsoDate = string & { readonly __brand: 'IsoDate' };

/** The calendar day in Europe/Brussels at the given instant. */
export function brusselsDay(instant: Date): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  return parts as IsoDate;
}

function parse(day: IsoDate): { y: number; m: number; d: number } {
  const [y, m, d] = day.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
}

function format(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as IsoDate;
}

export function addDays(day: IsoDate, days: number): IsoDate {
  const { y, m, d } = parse(day);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Same day of the month, months later; the last day of the month when that day does not exist (31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: IsoDate, months: number): IsoDate {
  const { y, m, d } = parse(day);
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return format(year, month + 1, Math.min(d, lastDay));
}

export interface LegalDates {
  receivedOn: IsoDate;
  acknowledgementDueOn: IsoDate;
  feedbackDueOn: IsoDate;
}

export function legalDates(receivedAt: Date, acknowledgedOn?: IsoDate): LegalDates {
  const receivedOn = brusselsDay(receivedAt);
  const acknowledgementDueOn = addDays(receivedOn, 7);
  return { receivedOn, acknowledgementDueOn, feedbackDueOn: addMonths(acknowledgedOn ?? acknowledgementDueOn, 3) };
}
