import crypto from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { createLogger } from '../../platform/logging.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { isoDate } from '../../platform/time/calendar.ts';
import { caseRemindersJob } from './jobs.ts';
import { dueDaysRemindedOn, sweepReminders } from './reminders.ts';

describe('the due days reminded on a day', () => {
  it.each([
    // A Wednesday: due today, in two days (Friday), in a week (next Wednesday).
    ['2026-03-04', ['2026-03-04', '2026-03-06', '2026-03-11']],
    // A Thursday: due Saturday is two days ahead (a weekday, so no move), and a week ahead.
    ['2026-03-05', ['2026-03-05', '2026-03-07', '2026-03-12']],
    // A Friday also takes the weekend's reminders: due Sat and Sun (on the day), Sun to Tue (two days ahead), Fri to Sun next week.
    ['2026-03-06', ['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10', '2026-03-13', '2026-03-14', '2026-03-15']],
    // Weekends send nothing: Friday did.
    ['2026-03-07', []],
    ['2026-03-08', []],
    // Across the spring clock change and a leap day.
    ['2028-02-28', ['2028-02-28', '2028-03-01', '2028-03-06']],
  ])('on %s', (today, expected) => {
    expect(dueDaysRemindedOn(isoDate(today))).toEqual(expected);
  });
});

describe.each(databaseKinds)('the daily reminder job on %s', (kind) => {
  let database: TestDatabase;
  let smtp: SMTPServer;
  const mails: { to: string; body: string }[] = [];
  // Friday 6 March 2026, 07:00 UTC (08:00 in Brussels).
  const friday = new Date('2026-03-06T07:00:00Z');

  beforeAll(async () => {
    database = await freshDatabase(kind);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (d: Buffer) => (body += d.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await database?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('mails each key holder the reference and duty of cases due today, in two days or a week, once a day, never content', async () => {
    const user = async (email: string, language: string, disabled = false) =>
      String(
        (
          await database.execute(`insert into users (email, display_name, language, disabled_at) values ($1, $1, $2, $3) returning id`, [
            email,
            language,
            disabled ? new Date() : null,
          ])
        )[0]!.id,
      );
    const anna = await user('anna@example.be', 'nl');
    const bert = await user('bert@example.be', 'en');
    const xavier = await user('xavier@example.be', 'nl');
    const gone = await user('gone@example.be', 'nl', true);
    const addCase = async (reference: string, status: string, nextDueOn: string | null, sealed: string[], excluded: string[] = []) => {
      const id = crypto.randomUUID();
      await database.execute(
        `insert into cases (id, reference, kind, domain, theme, requester_role, identity_choice, status, received_on, acknowledgement_due_on, feedback_due_on,
           content, procedure, next_due_on, next_duty)
         values ($1, $2, 'report', 'integrity', 'fraud', 'staff', 'anonymous', $3, '2026-02-27', '2026-03-06', '2026-06-06', $4, 'integrity', $5, $6)`,
        [id, reference, status, new TextEncoder().encode('Marker-Inhoud-5521'), nextDueOn, nextDueOn ? 'acknowledge' : null],
      );
      for (const userId of sealed) await database.execute('insert into case_key_seals (case_id, user_id, sealed_key) values ($1, $2, $3)', [id, userId, new Uint8Array([1])]);
      for (const userId of excluded) await database.execute(`insert into case_exclusions (case_id, user_id, reason) values ($1, $2, 'conflict_of_interest')`, [id, userId]);
      return id;
    };
    await addCase('IB-DUE0-TDAY', 'received', '2026-03-06', [anna, bert, gone]);
    await addCase('IB-DUE7-WEEK', 'acknowledged', '2026-03-13', [anna]);
    await addCase('IB-DUE0-SUND', 'received', '2026-03-08', [anna]);
    const wednesday = await addCase('IB-DUE5-NONE', 'assessing', '2026-03-11', [anna]);
    await addCase('IB-DONE-CLSD', 'closed', '2026-03-06', [anna]);
    await addCase('IB-EXCL-TDAY', 'received', '2026-03-06', [anna, xavier], [xavier]);
    await database.execute('insert into case_tasks (case_id, title, assignee_id, due_on) values ($1, $2, $3, $4)', [wednesday, new Uint8Array([1]), anna, '2026-03-10']);

    const mailer = createMailer(`smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`, 'bureau@example.be', createLogger('silent'));
    const logged: object[] = [];
    const job = caseRemindersJob(mailer, () => friday);
    expect(job.cron).toBe('0 6 * * *');
    await job.run({ db: database.db, logger: { info: (details) => logged.push(details), error: () => undefined } });
    expect(logged).toEqual([expect.objectContaining({ sent: 6, alreadySent: 0, failed: 0, cases: 4, tasks: 1 })]);
    await expect.poll(() => mails.length).toBe(6);
    const to = (address: string) => mails.filter((m) => m.to === address).map((m) => m.body);
    expect(to('anna@example.be')).toHaveLength(5);
    expect(to('bert@example.be')).toHaveLength(1);
    expect(to('xavier@example.be')).toEqual([]);
    expect(to('gone@example.be')).toEqual([]);
    const annaMails = to('anna@example.be').join('\n');
    for (const reference of ['IB-DUE0-TDAY', 'IB-DUE7-WEEK', 'IB-DUE0-SUND', 'IB-EXCL-TDAY', 'IB-DUE5-NONE']) expect(annaMails).toContain(reference);
    expect(annaMails).not.toContain('IB-DONE-CLSD');
    expect(annaMails).toContain('ontvangst bevestigen');
    expect(to('bert@example.be')[0]).toContain('Reminder: deadline in case IB-DUE0-TDAY');
    expect(mails.map((m) => m.body).join('\n')).not.toContain('Marker-Inhoud');

    // A second run the same day (a retry, a second process) sends nothing again.
    logged.length = 0;
    await job.run({ db: database.db, logger: { info: (details) => logged.push(details), error: () => undefined } });
    expect(logged).toEqual([expect.objectContaining({ sent: 0, alreadySent: 6 })]);
    // On Saturday nothing is sent: Friday took the weekend's reminders.
    const saturday = await sweepReminders(database.db, mailer, new Date('2026-03-07T07:00:00Z'));
    expect(saturday).toMatchObject({ sent: 0, dueDays: [] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mails).toHaveLength(6);
  });
});
