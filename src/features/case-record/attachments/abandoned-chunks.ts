/**
 * Finds and removes encrypted chunks of uploads that were cut off: a file's chunks are written before its
 * row (attachments/encrypted-upload.ts), so a process that dies mid-upload leaves chunks that belong to no
 * file, and no request will ever come back for them. An upload still running in a live process looks the
 * same, so a chunk set is only removed once it has been seen without a file for longer than any upload
 * can take; the first sighting of each is kept in `settings`, since `file_chunks` records no time.
 */
import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { settings } from '../../../platform/db/schema.ts';
import { caseFiles, draftFiles, fileChunks } from '../schema.ts';

/** Far beyond any upload (request time limits end one within minutes), so nothing in progress is touched. */
export const abandonedUploadAgeMs = 6 * 3_600_000;

/** Files seen earlier with chunks but without a row, by id, with when they were first seen (ISO time). */
export type Sightings = Record<string, string>;

export const sightingsKey = 'reporting.chunks-without-file';

/** At most this many files are tracked per run; the rest wait for the next runs. */
const batchSize = 10_000;

/**
 * Given the files that now have chunks but no row, and what earlier runs saw: the files to remove (seen
 * without a row for at least ageMs) and the sightings to keep. A file that got its row is forgotten.
 */
export function sweepAbandoned(orphans: readonly string[], previous: Sightings, now: Date, ageMs: number): { remove: string[]; keep: Sightings } {
  const remove: string[] = [];
  const keep: Sightings = {};
  for (const fileId of orphans) {
    const firstSeen = previous[fileId] ?? now.toISOString();
    if (now.getTime() - Date.parse(firstSeen) >= ageMs) remove.push(fileId);
    else keep[fileId] = firstSeen;
  }
  return { remove, keep };
}

const withoutFile = (db: Pick<Db, 'select'>) =>
  and(notExists(db.select({ one: sql`1` }).from(caseFiles).where(eq(caseFiles.id, fileChunks.fileId))), notExists(db.select({ one: sql`1` }).from(draftFiles).where(eq(draftFiles.id, fileChunks.fileId))));

/** The ids of files whose chunks belong to no case file and no draft. */
export async function filesWithoutRow(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ fileId: fileChunks.fileId }).from(fileChunks).where(withoutFile(db)).limit(batchSize);
  return rows.map((row) => row.fileId);
}

/** One run: removes the chunks of uploads abandoned for ageMs and remembers the newer ones; returns how many files went. */
export async function purgeAbandonedChunks(db: Db, now: Date = new Date(), ageMs: number = abandonedUploadAgeMs): Promise<number> {
  const orphans = await filesWithoutRow(db);
  const [stored] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, sightingsKey));
  const { remove, keep } = sweepAbandoned(orphans, (stored?.value as Sightings | undefined) ?? {}, now, ageMs);
  await db.transaction(async (tx) => {
    // Checked again in the delete itself: a file that got its row since the search keeps its chunks.
    if (remove.length > 0) await tx.delete(fileChunks).where(and(inArray(fileChunks.fileId, remove), withoutFile(tx)));
    if (Object.keys(keep).length === 0) await tx.delete(settings).where(eq(settings.key, sightingsKey));
    else await tx.insert(settings).values({ key: sightingsKey, value: keep }).onConflictDoUpdate({ target: settings.key, set: { value: keep } });
  });
  return remove.length;
}
