import { describe, expect, it } from 'vitest';
import { addDays, addMonths, brusselsDay, brusselsTime, daysBetween, isoDate, workingDayOnOrBefore } from './calendar.ts';

describe('calendar days in Brussels', () => {
  it.each([
    // [instant (UTC), day in Brussels]
    ['2026-03-28T23:30:00Z', '2026-03-29'], // winter time: UTC+1
    ['2026-07-01T22:30:00Z', '2026-07-02'], // summer time: UTC+2
    ['2026-07-01T21:59:00Z', '2026-07-01'],
    ['2026-10-25T00:30:00Z', '2026-10-25'], // the night summer time ends
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('counts %s as the day %s', (instant, expected) => {
    expect(brusselsDay(new Date(instant))).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-05-15', 3, '2026-08-15'],
    ['2026-12-10', 12, '2027-12-10'],
    ['2028-02-29', 12, '2029-02-28'],
  ])('adds to %s %i months: %s', (from, months, expected) => {
    expect(addMonths(isoDate(from), months)).toBe(expected);
  });

  it.each([
    ['2026-12-28', 7, '2027-01-04'],
    ['2028-02-25', 7, '2028-03-03'],
    ['2026-03-25', 10, '2026-04-04'], // across the spring clock change: still whole days
  ])('adds to %s %i days: %s', (from, days, expected) => {
    expect(addDays(isoDate(from), days)).toBe(expected);
  });

  it.each([
    ['2026-11-23', '2026-11-23'], // Monday
    ['2026-11-28', '2026-11-27'], // Saturday → Friday
    ['2026-11-29', '2026-11-27'], // Sunday → Friday
  ])('moves %s to the working day %s', (day, expected) => {
    expect(workingDayOnOrBefore(isoDate(day))).toBe(expected);
  });

  it.each([
    ['2026-01-15', '2026-01-15T07:00:00.000Z'], // winter: 08:00 is 07:00 UTC
    ['2026-07-15', '2026-07-15T06:00:00.000Z'], // summer: 08:00 is 06:00 UTC
    ['2026-03-29', '2026-03-29T06:00:00.000Z'], // the day summer time starts
    ['2026-10-25', '2026-10-25T07:00:00.000Z'], // the day summer time ends
  ])('finds 08:00 in Brussels on %s at %s', (day, expected) => {
    expect(brusselsTime(isoDate(day), 8).toISOString()).toBe(expected);
  });

  it('counts days between dates across a leap day', () => {
    expect(daysBetween(isoDate('2028-02-28'), isoDate('2028-03-01'))).toBe(2);
  });

  it('refuses something that is not a date', () => {
    expect(() => isoDate('2026-13-45')).toThrow();
    expect(() => isoDate('23/11/2026')).toThrow();
  });
});
