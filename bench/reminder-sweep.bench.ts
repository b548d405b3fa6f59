/**
 * The daily reminder sweep over 1,000,000 generated cases on PostgreSQL (goal ≤ 1 s): finding the cases
 * and tasks due today, in two days and in a week through the next_due_on index, claiming each reminder
 * and handing it to the mailer. The mailer here only counts: SMTP delivery time is the mail server's.
 */
import { sweepReminders } from '../src/features/cases/reminders.ts';
import type { Mailer } from '../src/platform/mail/mailer.ts';
import { brusselsTime, workingDayOnOrBefore } from '../src/platform/time/calendar.ts';
import { caseData, result, today } from './case-data.ts';

const postgresCases = Number(process.env.BENCH_CASES ?? 1_000_000);

const data = await caseData('postgres', postgresCases);
let sent = 0;
const mailer: Mailer = {
  async send() {
    sent += 1;
  },
};
// A working day, so the sweep has reminders to send (on a weekend it would send none).
const now = brusselsTime(workingDayOnOrBefore(today), 8);
const plan = await data.handle.execute(
  `explain select c.id from cases c where c.next_due_on in ('${today}', '${today}') and c.status in ('received', 'assessing')`,
);
console.log(`# reminder-sweep plan: ${plan.map((r) => String(Object.values(r)[0])).join(' | ')}`);
const runs: number[] = [];
for (let run = 0; run < 3; run += 1) {
  await data.handle.execute('delete from case_reminder_claims');
  sent = 0;
  const started = performance.now();
  const swept = await sweepReminders(data.handle.db, mailer, now);
  runs.push((performance.now() - started) / 1000);
  console.log(`# reminder-sweep run ${run + 1}: ${swept.cases} cases, ${swept.tasks} tasks, ${sent} reminders in ${runs.at(-1)!.toFixed(2)} s`);
}
const again = performance.now();
const second = await sweepReminders(data.handle.db, mailer, now);
console.log(`# reminder-sweep second run the same day: ${second.sent} sent, ${second.alreadySent} already sent, ${((performance.now() - again) / 1000).toFixed(2)} s`);
result('reminder-sweep', 'seconds', [...runs].sort((a, b) => a - b)[1]!, 's');
