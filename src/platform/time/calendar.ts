/**
 * Calendar arithmetic for legal deadlines, in calendar days in Brussels: the day an instant falls on,
 * adding days and months (month ends and leap years), weekends, and a given hour of a day in Brussels
 * whatever daylight saving time says.
 */

export type IsoDate = string & { readonly __brand: 'IsoDate' };

const zone = 'Europe/Brussels';

export function isoDate(value: string): IsoDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new Error(`not a date: ${value}`);
  return value as IsoDate;
}

/** The calendar day in Europe/Brussels at the given instant. */
export function brusselsDay(instant: Date): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant) as IsoDate;
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

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: IsoDate): number {
  const { y, m, d } = parse(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWeekend(day: IsoDate): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** The day itself when it is a weekday, else the Friday before. */
export function workingDayOnOrBefore(day: IsoDate): IsoDate {
  let candidate = day;
  while (isWeekend(candidate)) candidate = addDays(candidate, -1);
  return candidate;
}

/** The instant it is `hour`:00 in Brussels on that day (UTC+1 in winter, UTC+2 in summer). */
export function brusselsTime(day: IsoDate, hour: number): Date {
  const { y, m, d } = parse(day);
  for (const offset of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d, hour - offset));
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (brusselsDay(candidate) === day && Number(local) === hour) return candidate;
  }
  // An hour skipped by the spring change (02:00 on the last Sunday of March) falls on the next hour.
  return new Date(Date.UTC(y, m - 1, d, hour - 1));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parse(from);
  const b = parse(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}
