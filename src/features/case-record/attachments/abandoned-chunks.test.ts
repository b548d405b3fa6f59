import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../../test/databases.ts';
import { abandonedUploadAgeMs, filesWithoutRow, purgeAbandonedChunks, sightingsKey, sweepAbandoned, type Sightings } from './abandoned-chunks.ts';

const hour = 3_600_000;
const t0 = new Date('2026-03-02T10:07:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * hour);

describe('which uploads count as abandoned', () => {
  it.each<{ case: string; orphans: string[]; previous: Sightings; now: Date; remove: string[]; keep: Sightings }>([
    { case: 'a file first seen now is only remembered', orphans: ['a'], previous: {}, now: at(0), remove: [], keep: { a: t0.toISOString() } },
    { case: 'a file seen less than the age ago stays', orphans: ['a'], previous: { a: t0.toISOString() }, now: at(5.9), remove: [], keep: { a: t0.toISOString() } },
    { case: 'a file seen the age ago goes', orphans: ['a'], previous: { a: t0.toISOString() }, now: at(6), remove: ['a'], keep: {} },
    { case: 'a file that got its row since is forgotten', orphans: [], previous: { a: t0.toISOString() }, now: at(7), remove: [], keep: {} },
    { case: 'old and new side by side', orphans: ['a', 'b'], previous: { a: t0.toISOString() }, now: at(8), remove: ['a'], keep: { b: at(8).toISOString() } },
  ])('$case', ({ orphans, previous, now, remove, keep }) => {
    expect(sweepAbandoned(orphans, previous, now, 6 * hour)).toEqual({ remove, keep });
  });
});

describe.each(databaseKinds)('purging chunks without a file on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database.close());

  async function chunksOf(fileId: string, count: number): Promise<void> {
    for (let index = 0; index < count; index++) await database.execute('insert into file_chunks (file_id, index, bytes) values ($1, $2, $3)', [fileId, index, crypto.randomBytes(64)]);
  }
  const chunkCount = async (fileId: string) => Number((await database.execute('select count(*)::int as n from file_chunks where file_id = $1', [fileId]))[0]!.n);
  async function draftRow(fileId: string): Promise<void> {
    await database.execute(`insert into draft_files (id, draft_id, file_key, name, media_type, size, expires_at) values ($1, $2, '\\x00', '\\x00', '\\x00', 1, now() + interval '1 day')`, [fileId, crypto.randomUUID()]);
  }

  it('removes the chunks of an upload cut off for hours, never those of a held file or of an upload that finished in time', async () => {
    const held = crypto.randomUUID();
    const cutOff = crypto.randomUUID();
    const slowButFinished = crypto.randomUUID();
    await chunksOf(held, 3);
    await draftRow(held);
    await chunksOf(cutOff, 4);
    await chunksOf(slowButFinished, 2);
    expect((await filesWithoutRow(database.db)).sort()).toEqual([cutOff, slowButFinished].sort());

    // First sighting: either could be an upload still under way in a live process.
    expect(await purgeAbandonedChunks(database.db, at(0))).toBe(0);
    expect(await purgeAbandonedChunks(database.db, at(1))).toBe(0);
    expect(await chunkCount(cutOff)).toBe(4);
    await draftRow(slowButFinished);

    expect(await purgeAbandonedChunks(database.db, new Date(at(0).getTime() + abandonedUploadAgeMs))).toBe(1);
    expect(await chunkCount(cutOff)).toBe(0);
    expect(await chunkCount(held)).toBe(3);
    expect(await chunkCount(slowButFinished)).toBe(2);
    // Nothing left to watch: the remembered sightings are gone too.
    expect(await database.execute('select key from settings where key = $1', [sightingsKey])).toEqual([]);
  });
});
