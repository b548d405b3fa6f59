/**
 * Deadline reminders, so no legal deadline (docs/law.md §1 and §4) passes unnoticed: each day, every key
 * holder of a case whose next legal deadline is
 * a week away, two days away or today (moved to the Friday before when it falls on a weekend, as
 * deadlines.ts `reminderTimes` says) gets an e-mail with the case's reference and the duty, never its
 * content; so does the assignee of an open task due on such a day. The candidates are found through the
 * `next_due_on` index (a handful of due days, whatever the number of cases), and each reminder is claimed
 * in `case_reminder_claims` before it is sent, so a second run on the same day sends nothing twice.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { isLanguage, type Language } from '../../platform/i18n/languages.ts';
import type { MessageKey } from '../../platform/i18n/catalog.ts';
import { translator } from '../../platform/i18n/translate.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { addDays, brusselsDay, isWeekend, type IsoDate } from '../../platform/time/calendar.ts';
import { reminderOffsets, reminderTimes } from '../case-record/service.ts';
import { caseStatuses, isTerminal } from './lifecycle.ts';
import { rowsOf } from './lists/query.ts';

/** Claims of sent reminders are pruned after this many days. */
const keepDays = 14;

/** The days a reminder sent on `today` can be about: the working day a reminder falls on is today for these due days. */
export function dueDaysRemindedOn(today: IsoDate): IsoDate[] {
  if (isWeekend(today)) return [];
  // Today, and when today is a Friday, the weekend after it (its reminders move to the Friday).
  const base = [today, ...(isWeekendAfter(today) ? [addDays(today, 1), addDays(today, 2)] : [])];
  const days = new Set<IsoDate>();
  for (const day of base) for (const offset of reminderOffsets) days.add(addDays(day, offset));
  // Keep only the due days whose reminder schedule really contains today (the engine is the authority).
  return [...days].filter((dueOn) => reminderTimes(dueOn, today).some((at) => brusselsDay(at) === today)).sort();
}

function isWeekendAfter(day: IsoDate): boolean {
  return isWeekend(addDays(day, 1));
}

export interface SweepResult {
  dueDays: IsoDate[];
  /** Cases and tasks found due on those days. */
  cases: number;
  tasks: number;
  /** E-mails sent now, and reminders skipped because they were already sent today. */
  sent: number;
  alreadySent: number;
  failed: number;
}

interface Reminder {
  key: string;
  email: string;
  language: Language;
  subject: MessageKey;
  body: MessageKey;
  values: Record<string, string>;
}

const inList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

const openStatuses = caseStatuses.filter((s) => !isTerminal(s));

/** Finds what to remind today, claims each reminder, and sends the claimed ones. */
export async function sweepReminders(db: Db, mailer: Mailer, now: Date = new Date()): Promise<SweepResult> {
  const today = brusselsDay(now);
  const dueDays = dueDaysRemindedOn(today);
  const result: SweepResult = { dueDays, cases: 0, tasks: 0, sent: 0, alreadySent: 0, failed: 0 };
  await db.execute(sql`delete from case_reminder_claims where sent_on < ${addDays(today, -keepDays)}`);
  if (dueDays.length === 0) return result;

  // Key holders of open cases due on those days; never someone excluded from the case, never a disabled account.
  const holders = await rowsOf(
    db,
    sql`select c.id, c.reference, c.next_duty, c.next_due_on::text as due_on, u.id as user_id, u.email, u.language
      from cases c
      join case_key_seals s on s.case_id = c.id and s.user_id is not null
      join users u on u.id = s.user_id and u.disabled_at is null
      where c.next_due_on in (${inList(dueDays)}) and c.status in (${inList(openStatuses)})
        and not exists (select 1 from case_exclusions x where x.case_id = c.id and x.user_id = u.id)`,
  );
  const tasks = await rowsOf(
    db,
    sql`select t.id, c.reference, t.due_on::text as due_on, u.id as user_id, u.email, u.language
      from case_tasks t
      join cases c on c.id = t.case_id
      join users u on u.id = t.assignee_id and u.disabled_at is null
      where t.done_on is null and t.due_on in (${inList(dueDays)})
        and exists (select 1 from case_key_seals s where s.case_id = c.id and s.user_id = u.id)
        and not exists (select 1 from case_exclusions x where x.case_id = c.id and x.user_id = u.id)`,
  );
  result.cases = new Set(holders.map((h) => String(h.id))).size;
  result.tasks = new Set(tasks.map((t) => String(t.id))).size;

  const language = (value: unknown): Language => (isLanguage(value) ? value : 'nl');
  const reminders: Reminder[] = [
    ...holders.map((h) => ({
      key: `${today}:case:${String(h.id)}:${String(h.next_duty)}:${String(h.due_on)}:${String(h.user_id)}`,
      email: String(h.email),
      language: language(h.language),
      subject: 'reminders.subject' as const,
      body: 'reminders.body' as const,
      values: { reference: String(h.reference), date: String(h.due_on), duty: String(h.next_duty ?? '') },
    })),
    ...tasks.map((t) => ({
      key: `${today}:task:${String(t.id)}:${String(t.user_id)}`,
      email: String(t.email),
      language: language(t.language),
      subject: 'reminders.taskSubject' as const,
      body: 'reminders.taskBody' as const,
      values: { reference: String(t.reference), date: String(t.due_on) },
    })),
  ];
  if (reminders.length === 0) return result;

  // Claim first (one statement, the primary key decides), send only what this run claimed.
  const claimed = new Set<string>();
  for (let start = 0; start < reminders.length; start += 1000) {
    const chunk = reminders.slice(start, start + 1000);
    const rows = await rowsOf(
      db,
      sql`insert into case_reminder_claims (key, sent_on) select k, ${today}::date from unnest(${sql`array[${inList(chunk.map((r) => r.key))}]::text[]`}) as k
        on conflict (key) do nothing returning key`,
    );
    for (const row of rows) claimed.add(String(row.key));
  }
  for (const reminder of reminders) {
    if (!claimed.has(reminder.key)) {
      result.alreadySent += 1;
      continue;
    }
    const t = translator(reminder.language);
    const values = 'duty' in reminder.values ? { ...reminder.values, duty: dutyLabel(t, reminder.values.duty!) } : reminder.values;
    try {
      await mailer.send({ to: reminder.email, subject: t(reminder.subject, values), text: t(reminder.body, values) });
      result.sent += 1;
    } catch {
      // Not sent: release the claim so the next run (pg-boss retries a failed job) tries again.
      await db.execute(sql`delete from case_reminder_claims where key = ${reminder.key}`);
      result.failed += 1;
    }
  }
  if (result.failed > 0) throw Object.assign(new Error(`${result.failed} reminder(s) could not be sent`), { result });
  return result;
}

function dutyLabel(t: ReturnType<typeof translator>, duty: string): string {
  const key = `caseLists.duty.${duty}`;
  const text = t(key as MessageKey);
  return text === key ? duty : text;
}
