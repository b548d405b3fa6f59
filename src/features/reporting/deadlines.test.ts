import { describe, expect, it } from 'vitest';
import { addDays, addMonths, brusselsDay, legalDates, type IsoDate } from './deadlines.ts';

const day = (s: string) => s as IsoDate;

describe('legal dates', () => {
  it.each([
    // [instant (UTC), day in Brussels]
    ['2026-03-28T23:30:00Z', '2026-03-29'], // winter time: UTC+1
    ['2026-07-01T22:30:00Z', '2026-07-02'], // summer time: UTC+2
    ['2026-07-01T21:59:00Z', '2026-07-01'],
    ['2026-10-25T00:30:00Z', '2026-10-25'], // the night summer time ends
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('counts %s as the day %s in Brussels', (instant, expected) => {
    expect(brusselsDay(new Date(instant))).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-05-15', 3, '2026-08-15'],
    ['2026-12-10', 12, '2027-12-10'],
  ])('adds to %s %i months: %s', (from, months, expected) => {
    expect(addMonths(day(from), months)).toBe(expected);
  });

  it('counts calendar days across the end of a year and February of a leap year', () => {
    expect(addDays(day('2026-12-28'), 7)).toBe('2027-01-04');
    expect(addDays(day('2028-02-25'), 7)).toBe('2028-03-03');
  });

  it('asks for acknowledgement within 7 days and feedback 3 months after day 7 when none was sent', () => {
    expect(legalDates(new Date('2026-11-23T10:00:00Z'))).toEqual({
      receivedOn: '2026-11-23',
      acknowledgementDueOn: '2026-11-30',
      feedbackDueOn: '2027-02-28',
    });
  });

  it('counts feedback from the acknowledgement when one was sent', () => {
    expect(legalDates(new Date('2026-11-23T10:00:00Z'), day('2026-11-25')).feedbackDueOn).toBe('2027-02-25');
  });
});
