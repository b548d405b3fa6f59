/**
 * `bureau demo` and `serve --demo`: the demo administration with its accounts, then something for every
 * page to show — cases over five years (lists, dashboards, deadlines) and last year's figures published
 * with a commentary in the four languages (`/figures`).
 */
import type { DatabaseHandle } from '../platform/db/client.ts';
import { brusselsDay, type IsoDate } from '../platform/time/calendar.ts';
import type { Language } from '../platform/i18n/languages.ts';
import { createPublication, indicatorIds, publicationScope, publishPublication, saveCommentary } from '../features/figures/service.ts';
import { generateDemoCases } from './demo-cases.ts';
import fs from 'node:fs';
import { demoAccountsFile, formatDemoAccounts, seedDemo } from './demo.ts';

/** Enough for every list, chart and deadline to show something, few enough to generate in a second or two. */
export const demoCaseCount = 1500;

const demoCommentary: Record<Language, string> = {
  nl: 'Dit is een **demonstratie**: de dossiers zijn gegenereerd. Cellen met minder dan vijf dossiers, en de cellen die ze zouden verraden, zijn verborgen.',
  fr: 'Ceci est une **démonstration** : les dossiers sont générés. Les cellules de moins de cinq dossiers, et celles qui les trahiraient, sont masquées.',
  en: 'This is a **demonstration**: the cases are generated. Cells with fewer than five cases, and the cells that would give them away, are hidden.',
  de: 'Dies ist eine **Demonstration**: Die Fälle sind generiert. Zellen mit weniger als fünf Fällen und die Zellen, die sie verraten würden, sind ausgeblendet.',
};

export interface DemoActivity {
  cases: number;
  /** The year whose figures were published, when they could be. */
  publishedYear: number | undefined;
}

/** Adds the demo's cases and publishes last year's figures as the demo coordinator. */
export async function seedDemoActivity(handle: DatabaseHandle, today: IsoDate = brusselsDay(new Date())): Promise<DemoActivity> {
  const generated = await generateDemoCases(handle, demoCaseCount, { today });
  const [coordinator] = await handle.execute(`select user_id from user_roles where role = 'integrity_coordinator' order by user_id limit 1`);
  if (!coordinator) return { cases: generated.cases, publishedYear: undefined };
  const actorId = String(coordinator.user_id);
  const year = Number(today.slice(0, 4)) - 1;
  const created = await createPublication(handle.db, actorId, { year, indicators: [...indicatorIds] });
  if (!created.ok) return { cases: generated.cases, publishedYear: undefined };
  const languages = Object.keys(demoCommentary) as Language[];
  await saveCommentary(handle.db, actorId, publicationScope(created.id), languages.map((language) => ({ section: 'introduction', language, body: demoCommentary[language] })));
  const published = await publishPublication(handle.db, actorId, { publicationId: created.id, reason: '', today });
  return { cases: generated.cases, publishedYear: published.ok ? year : undefined };
}

function describeActivity(activity: DemoActivity): string {
  const figures = activity.publishedYear ? ` and published the figures of ${activity.publishedYear} at /figures/${activity.publishedYear}` : '';
  return `Added ${activity.cases.toLocaleString('en')} generated cases over five years${figures}.`;
}

/** Where a filled demo's accounts are, for a second run: so a crash after the seed never hides them. */
function accountsFileNote(file: string): string {
  return fs.existsSync(file) ? ` The demo accounts made for it are in ${file}.` : '';
}

function accountsFileSaved(file: string): string {
  return `They are also in ${file}, readable by your user only; delete it once you have noted them.`;
}

/** For `serve --demo`: seeds an empty database before the server starts, and leaves a filled one alone. */
export async function seedAndPrint(database: DatabaseHandle, dataDir: string): Promise<void> {
  const file = demoAccountsFile(dataDir);
  const accounts = await seedDemo(database.db, { accountsFile: file });
  if (!accounts) {
    console.log(`\n  The database is not empty, so no demo data was added. The server starts with what is there.${accountsFileNote(file)}\n`);
    return;
  }
  console.log(`\n${formatDemoAccounts(accounts)}\n${accountsFileSaved(file)}\n\n${describeActivity(await seedDemoActivity(database))}\n`);
}

/** `bureau demo`: seeds and prints, or refuses a database that is not empty. */
export async function runDemoCommand(database: DatabaseHandle, dataDir: string, io: { out(line: string): void; err(line: string): void }): Promise<number> {
  const file = demoAccountsFile(dataDir);
  const accounts = await seedDemo(database.db, { accountsFile: file });
  if (!accounts) {
    io.err(`bureau demo: the database is not empty. Demo data only goes into a new installation: point DATA_DIR (or DATABASE_URL) at an empty one.${accountsFileNote(file)}`);
    return 65;
  }
  io.out(formatDemoAccounts(accounts));
  io.out(accountsFileSaved(file));
  io.out(describeActivity(await seedDemoActivity(database)));
  return 0;
}
