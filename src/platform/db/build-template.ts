/**
 * Makes the embedded database's template (see template.ts) at build time: initdb in a scratch folder, every
 * committed migration, a clean shutdown, and the folder kept as a tar archive beside a stamp of what it was
 * made from. Skipped when the template there already fits what is installed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder, templateFolder } from './files.ts';
import { currentStamp, folderEntries, templateArchive, templateStampFile, writeArchive, type TemplateStamp } from './template.ts';

/** Files PostgreSQL leaves that a new folder must not inherit: the postmaster's pid file and the server log. */
const leftOvers = new Set(['postmaster.pid', 'postmaster.opts', 'logfile']);

/** Builds the template unless the one there was made from the same PGlite and migrations; true when it built one. */
export async function buildTemplate(): Promise<boolean> {
  const stamp = currentStamp();
  try {
    const made = JSON.parse(fs.readFileSync(templateStampFile, 'utf8')) as TemplateStamp;
    if (fs.existsSync(templateArchive) && JSON.stringify(made) === JSON.stringify(stamp)) return false;
  } catch {
    // No template yet.
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bureau-template-'));
  try {
    const dataDir = path.join(scratch, 'pgdata');
    fs.mkdirSync(dataDir, { mode: 0o700 });
    const database = new PGlite({ dataDir });
    try {
      await database.waitReady;
      await migrate(drizzle(database), { migrationsFolder });
    } finally {
      // A clean shutdown: the folder is checkpointed, so a folder made from it starts without recovery.
      await database.close();
    }
    const entries = folderEntries(dataDir).filter((entry) => !leftOvers.has(entry.name));
    fs.mkdirSync(templateFolder, { recursive: true });
    // Written under other names and renamed, the stamp last: a build cut off never leaves an archive with a stamp it does not match.
    fs.rmSync(templateStampFile, { force: true });
    fs.writeFileSync(`${templateArchive}.new`, writeArchive(entries));
    fs.renameSync(`${templateArchive}.new`, templateArchive);
    fs.writeFileSync(`${templateStampFile}.new`, `${JSON.stringify(stamp, null, 2)}\n`);
    fs.renameSync(`${templateStampFile}.new`, templateStampFile);
    return true;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
