import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTemplate } from './build-template.ts';
import { openDatabase } from './client.ts';
import { migrateDatabase } from './migrate.ts';
import { currentStamp, loadTemplate, readArchive, templateArchive, templateFits, usableTemplate, writeArchive } from './template.ts';

/** Tables whose rows come from the migrations themselves: fixed reference data, the same in every installation. */
const referenceTables = ['handler_functions'];

describe('the embedded database template', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-template-'));

  beforeAll(async () => {
    // `npm test` builds first; run alone, this makes the template if it is missing or stale.
    await buildTemplate();
  }, 120_000);

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('fits what is installed, and no longer fits another PGlite or a changed migration', () => {
    expect(usableTemplate()).toBe(templateArchive);
    const now = currentStamp();
    expect(templateFits(now, now)).toBe(true);
    // A template older than the newest migrations still fits: start-up applies the rest.
    expect(templateFits({ ...now, migrations: now.migrations.slice(0, -1) }, now)).toBe(true);
    expect(templateFits({ ...now, pglite: '0.0.1' }, now)).toBe(false);
    expect(templateFits({ ...now, migrations: ['0'.repeat(64), ...now.migrations.slice(1)] }, now)).toBe(false);
  });

  it('holds no secret: only reference tables and the migration log have rows', async () => {
    const database = new PGlite({ loadDataDir: new Blob([fs.readFileSync(templateArchive)], { type: 'application/x-tar' }) });
    try {
      const tables = await database.query<{ schema: string; name: string }>(
        `select table_schema as schema, table_name as name from information_schema.tables
          where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
      );
      const withRows: string[] = [];
      for (const { schema, name } of tables.rows) {
        const count = await database.query<{ n: number }>(`select count(*)::int as n from "${schema}"."${name}"`);
        if (count.rows[0]!.n > 0) withRows.push(`${schema}.${name}`);
      }
      expect(withRows.sort()).toEqual(['drizzle.__drizzle_migrations', ...referenceTables.map((table) => `public.${table}`)].sort());
    } finally {
      await database.close();
    }
  });

  it('fills a new folder with PG_VERSION last, which then opens with every migration applied', async () => {
    const dataDir = path.join(scratch, 'new');
    fs.mkdirSync(dataDir, { mode: 0o700 });
    await loadTemplate(templateArchive, dataDir, true);
    const archived = readArchive(fs.readFileSync(templateArchive)).filter((entry) => !entry.directory);
    for (const entry of archived) expect(fs.readFileSync(path.join(dataDir, entry.name)).equals(entry.data)).toBe(true);

    const handle = await openDatabase({ dataDir });
    try {
      const before = await handle.execute('select count(*)::int as n from drizzle.__drizzle_migrations');
      await migrateDatabase(handle);
      const after = await handle.execute('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(after[0]!.n).toBe(currentStamp().migrations.length);
      expect(before[0]!.n).toBe(after[0]!.n);
    } finally {
      await handle.close();
    }
  });

  it('starts a first start cut off before PG_VERSION over again', async () => {
    const dataDir = path.join(scratch, 'cut-off');
    fs.mkdirSync(dataDir, { mode: 0o700 });
    // What an interrupted load leaves: some files, no PG_VERSION, one of them only half written.
    const partial = readArchive(fs.readFileSync(templateArchive)).filter((entry) => entry.name !== 'PG_VERSION').slice(0, 40);
    for (const entry of partial) {
      const target = path.join(dataDir, entry.name);
      if (entry.directory) fs.mkdirSync(target, { recursive: true });
      else fs.writeFileSync(target, entry.data.subarray(0, Math.floor(entry.data.length / 2)));
    }
    const handle = await openDatabase({ dataDir });
    try {
      expect(await handle.execute('select count(*)::int as n from handler_functions')).toEqual([{ n: expect.any(Number) }]);
    } finally {
      await handle.close();
    }
  });

  it('writes and reads its archive format, refusing entries that leave the folder', () => {
    const archive = writeArchive([
      { name: 'base', directory: true, data: Buffer.alloc(0) },
      { name: 'base/1', directory: false, data: Buffer.from('x'.repeat(700)) },
      { name: `${'long/'.repeat(25)}file`, directory: false, data: Buffer.from('deep') },
    ]);
    expect(readArchive(archive).map((entry) => [entry.name, entry.directory, entry.data.toString().length])).toEqual([
      ['base', true, 0],
      ['base/1', false, 700],
      [`${'long/'.repeat(25)}file`, false, 4],
    ]);
    const escaping = writeArchive([{ name: '../outside', directory: false, data: Buffer.from('no') }]);
    expect(() => readArchive(escaping)).toThrow(/should not have/);
  });
});
