import { describe, expect, it } from 'vitest';
import { isoDate, type IsoDate } from '../../platform/time/calendar.ts';
import { dutyStatuses, reminderTimes, type Milestones } from './deadlines.ts';
import { procedures } from './procedures.ts';
import { legalDatesOfNewReport } from './legal-dates.ts';

const d = (s: string) => isoDate(s);
const status = (procedure: keyof typeof procedures, milestones: Milestones, today: string) =>
  Object.fromEntries(dutyStatuses(procedures[procedure], milestones, d(today)).map((s) => [s.duty, [s.dueOn, s.state]]));

describe('deadlines of the integrity procedure', () => {
  it.each<[string, Milestones, string, Record<string, [IsoDate | undefined, string]>]>([
    ['just received', { received: d('2026-11-23') }, '2026-11-24', { acknowledge: [d('2026-11-30'), 'open'], give_feedback: [d('2027-02-28'), 'open'] }],
    ['acknowledgement overdue on day 8', { received: d('2026-11-23') }, '2026-12-01', { acknowledge: [d('2026-11-30'), 'overdue'], give_feedback: [d('2027-02-28'), 'open'] }],
    [
      'feedback counted from the acknowledgement',
      { received: d('2026-11-23'), acknowledged: d('2026-11-25') },
      '2026-11-26',
      { acknowledge: [d('2026-11-30'), 'met'], give_feedback: [d('2027-02-25'), 'open'] },
    ],
    [
      'an acknowledgement the reporter objected to counts as met, feedback from day 7',
      { received: d('2026-11-23'), acknowledgement_waived: d('2026-11-24') },
      '2026-12-10',
      { acknowledge: [d('2026-11-30'), 'met'], give_feedback: [d('2027-02-28'), 'open'] },
    ],
    [
      'a late acknowledgement is met late',
      { received: d('2026-11-23'), acknowledged: d('2026-12-02') },
      '2026-12-03',
      { acknowledge: [d('2026-11-30'), 'met_late'], give_feedback: [d('2027-03-02'), 'open'] },
    ],
    [
      'day 7 on 30 November before a leap year: feedback on 29 February',
      { received: d('2027-11-23') },
      '2027-11-24',
      { acknowledge: [d('2027-11-30'), 'open'], give_feedback: [d('2028-02-29'), 'open'] },
    ],
  ])('%s', (_name, milestones, today, expected) => {
    expect(status('integrity', milestones, today)).toEqual(expected);
  });
});

describe('deadlines of the psychosocial procedure', () => {
  it('runs the interview and advice clocks only once they start', () => {
    expect(status('psychosocial', { received: d('2026-11-23') }, '2026-11-24')).toEqual({
      first_contact: [d('2026-12-03'), 'open'],
      hold_interview: [undefined, 'not_started'],
      advise_employer: [undefined, 'not_started'],
    });
    expect(
      status('psychosocial', { received: d('2026-11-23'), first_contact: d('2026-11-26'), interview_requested: d('2026-12-01'), formal_request_accepted: d('2026-12-20') }, '2026-12-12'),
    ).toEqual({
      first_contact: [d('2026-12-03'), 'met'],
      hold_interview: [d('2026-12-11'), 'overdue'],
      advise_employer: [d('2027-03-20'), 'open'],
    });
  });

  it('has no deadline for a question', () => {
    expect(status('question', { received: d('2026-11-23') }, '2027-01-01')).toEqual({});
  });
});

describe('reminders', () => {
  it('reminds a week ahead, two days ahead and on the day, at 08:00 in Brussels', () => {
    expect(reminderTimes(d('2026-12-03'), d('2026-11-20')).map((t) => t.toISOString())).toEqual([
      '2026-11-26T07:00:00.000Z',
      '2026-12-01T07:00:00.000Z',
      '2026-12-03T07:00:00.000Z',
    ]);
  });

  it('never reminds on a weekend: a Sunday due day is reminded on the Friday', () => {
    const days = reminderTimes(d('2026-11-29'), d('2026-11-01')).map((t) => t.toISOString().slice(0, 10));
    expect(days).toEqual(['2026-11-20', '2026-11-27']);
  });

  it('leaves out reminders whose day has passed', () => {
    expect(reminderTimes(d('2026-12-03'), d('2026-12-02')).map((t) => t.toISOString())).toEqual(['2026-12-03T07:00:00.000Z']);
  });

  it('follows daylight saving time: 08:00 in Brussels is 06:00 UTC in summer', () => {
    expect(reminderTimes(d('2026-07-15'), d('2026-07-15'))[0]!.toISOString()).toBe('2026-07-15T06:00:00.000Z');
  });
});

describe('the legal dates a reporter is shown', () => {
  it('counts from the day in Brussels, also just before midnight UTC in summer', () => {
    expect(legalDatesOfNewReport(new Date('2026-07-01T22:30:00Z'))).toEqual({
      receivedOn: '2026-07-02',
      acknowledgementDueOn: '2026-07-09',
      feedbackDueOn: '2026-10-09',
    });
  });
});
