/** Backs up every application table to one gzip'd JSON-lines file, and restores such a file into an empty database. */
import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle, Db, Row } from './client.ts';

/*
 * File layout, one JSON value per line:
 *   1. header: { format, version, createdAt, migrations: { count, lastHash }, tables: [{ name, columns, rows }] }
 *   2. for each table in header order (parents before children), exactly `rows` lines, each the row
 *      as PostgreSQL's own row_to_json text: timestamps as ISO 8601 with offset, jsonb nested, bytea as
 *      base64. The row text is never parsed into JavaScript numbers, so bigint and numeric stay exact.
 *   3. trailer: { end: true }, so a cut-off file is refused rather than half restored.
 *
 * Every table in the `public` schema is kept, including those features add later. pg-boss's `pgboss`
 * schema (queued jobs, schedules) is not: schedules are declared again when the app starts, and a
 * queued reminder or purge simply runs again on its next schedule.
 */

export const backupFormat = 'integrity-bureau-backup';
const backupVersion = 1;

interface TableInFile {
  name: string;
  columns: string[];
  rows: number;
}

interface BackupHeader {
  format: typeof backupFormat;
  version: number;
  createdAt: string;
  migrations: MigrationLevel;
  tables: TableInFile[];
}

interface MigrationLevel {
  count: number;
  lastHash: string | null;
}

export interface BackupSummary {
  tables: Record<string, number>;
}

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

async function query(tx: Transaction, text: string): Promise<Row[]> {
  // drizzle returns node-postgres's or PGlite's result object; both carry `rows`.
  return ((await tx.execute(sql.raw(text))) as unknown as { rows: Row[] }).rows;
}

async function queryWith(tx: Transaction, statement: ReturnType<typeof sql>): Promise<Row[]> {
  return ((await tx.execute(statement)) as unknown as { rows: Row[] }).rows;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface Column {
  name: string;
  type: string;
}

interface SelfReference {
  columns: string[];
  referencedColumns: string[];
}

interface TableShape {
  name: string;
  columns: Column[];
  selfReferences: SelfReference[];
}

/** The public tables in an order where every table comes after the tables its foreign keys point to. */
async function readTables(tx: Transaction): Promise<TableShape[]> {
  const columnRows = await query(
    tx,
    `select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type
       from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      order by c.relname, a.attnum`,
  );
  const foreignKeys = await query(
    tx,
    `select child.relname as child, parent.relname as parent,
            array(select attname from unnest(k.conkey) with ordinality u(n, i) join pg_attribute on attrelid = k.conrelid and attnum = u.n order by u.i)::text[] as columns,
            array(select attname from unnest(k.confkey) with ordinality u(n, i) join pg_attribute on attrelid = k.confrelid and attnum = u.n order by u.i)::text[] as referenced
       from pg_constraint k join pg_class child on child.oid = k.conrelid join pg_class parent on parent.oid = k.confrelid
       join pg_namespace n on n.oid = child.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`,
  );
  const tables = new Map<string, TableShape>();
  for (const row of columnRows) {
    const name = row.table as string;
    if (!tables.has(name)) tables.set(name, { name, columns: [], selfReferences: [] });
    tables.get(name)!.columns.push({ name: row.column as string, type: row.type as string });
  }
  const parents = new Map<string, Set<string>>([...tables.keys()].map((name) => [name, new Set<string>()]));
  for (const key of foreignKeys) {
    const child = key.child as string;
    const parent = key.parent as string;
    if (child === parent) tables.get(child)?.selfReferences.push({ columns: key.columns as string[], referencedColumns: key.referenced as string[] });
    else parents.get(child)?.add(parent);
  }
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  while (placed.size < tables.size) {
    const ready = [...tables.keys()].filter((name) => !placed.has(name) && [...parents.get(name)!].every((p) => placed.has(p)));
    if (ready.length === 0) throw new Error('The foreign keys between public tables form a cycle; backup cannot order them.');
    for (const name of ready.sort()) {
      ordered.push(tables.get(name)!);
      placed.add(name);
    }
  }
  return ordered;
}

async function readMigrationLevel(tx: Transaction): Promise<MigrationLevel> {
  const rows = await query(tx, `select count(*)::int as count, (select hash from drizzle.__drizzle_migrations order by id desc limit 1) as hash from drizzle.__drizzle_migrations`);
  return { count: rows[0]!.count as number, lastHash: (rows[0]!.hash as string | null) ?? null };
}

/** Selects a table's rows as JSON text, with bytea turned into base64 (a third smaller than hex). */
function rowsAsJsonQuery(table: TableShape): string {
  const columns = table.columns.map((c) =>
    c.type === 'bytea' ? `encode(${quoteIdent(c.name)}, 'base64') as ${quoteIdent(c.name)}` : quoteIdent(c.name),
  );
  return `select row_to_json(t)::text as json from (select ${columns.join(', ')} from ${quoteIdent(table.name)}) t`;
}

/**
 * Orders a self-referencing table's rows so that each row comes after the row it points to (a tree's
 * parents first). Within one insert statement the order would not matter, but restore inserts in batches.
 */
function parentsFirst(lines: string[], references: SelfReference[]): string[] {
  const rows = lines.map((line) => ({ line, value: JSON.parse(line) as Row }));
  const keyOf = (row: Row, columns: string[]) => JSON.stringify(columns.map((c) => row[c] ?? null));
  const emitted = new Set<number>();
  const visiting = new Set<number>();
  const result: string[] = [];
  const indexes = references.map((ref) => new Map(rows.map((row, i) => [keyOf(row.value, ref.referencedColumns), i])));
  const visit = (i: number) => {
    if (emitted.has(i) || visiting.has(i)) return;
    visiting.add(i);
    references.forEach((ref, r) => {
      const target = indexes[r]!.get(keyOf(rows[i]!.value, ref.columns));
      if (target !== undefined && target !== i) visit(target);
    });
    emitted.add(i);
    result.push(rows[i]!.line);
  };
  rows.forEach((_, i) => visit(i));
  return result;
}

async function* backupLines(tx: Transaction, tables: TableShape[], header: BackupHeader): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const table of tables) {
    const buffered: string[] = [];
    // A cursor streams big tables instead of loading them whole.
    await query(tx, `declare backup_rows no scroll cursor for ${rowsAsJsonQuery(table)}`);
    for (;;) {
      const batch = await query(tx, `fetch forward 500 from backup_rows`);
      for (const row of batch) {
        if (table.selfReferences.length > 0) buffered.push(row.json as string);
        else yield `${row.json as string}\n`;
      }
      if (batch.length < 500) break;
    }
    await query(tx, `close backup_rows`);
    for (const line of parentsFirst(buffered, table.selfReferences)) yield `${line}\n`;
  }
  yield `${JSON.stringify({ end: true })}\n`;
}

/** Writes a consistent backup: one REPEATABLE READ, read-only transaction sees a single snapshot of every table. */
export async function backupDatabase(handle: DatabaseHandle, file: string): Promise<BackupSummary> {
  return handle.db.transaction(
    async (tx) => {
      await query(tx, `set local timezone = 'UTC'`);
      const tables = await readTables(tx);
      const counts: TableInFile[] = [];
      for (const table of tables) {
        const [row] = await query(tx, `select count(*)::int as n from ${quoteIdent(table.name)}`);
        counts.push({ name: table.name, columns: table.columns.map((c) => c.name), rows: row!.n as number });
      }
      const header: BackupHeader = {
        format: backupFormat,
        version: backupVersion,
        createdAt: new Date().toISOString(),
        migrations: await readMigrationLevel(tx),
        tables: counts,
      };
      await pipeline(Readable.from(backupLines(tx, tables, header)), zlib.createGzip(), fs.createWriteStream(file));
      return { tables: Object.fromEntries(counts.map((t) => [t.name, t.rows])) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

function checkHeader(header: Partial<BackupHeader>, target: MigrationLevel): BackupHeader {
  if (header.format !== backupFormat) throw new Error('This file is not an Integrity Bureau backup.');
  if (header.version !== backupVersion) throw new Error(`This backup has format version ${header.version}; this app reads version ${backupVersion}.`);
  const source = header.migrations!;
  if (source.count !== target.count || source.lastHash !== target.lastHash) {
    throw new Error(
      `The backup was made at migration ${source.count}, the database is at migration ${target.count}. ` +
        'Restore with the app version that made the backup, then upgrade.',
    );
  }
  return header as BackupHeader;
}

/** Refuses a database in use: restoring must never mix two installations' data. */
async function checkEmpty(tx: Transaction, tables: TableShape[]): Promise<void> {
  for (const name of ['installation', 'users', 'audit_log']) {
    if (!tables.some((t) => t.name === name)) continue;
    const [row] = await query(tx, `select exists (select 1 from ${quoteIdent(name)}) as used`);
    if (row!.used) {
      throw new Error(
        `Restore needs an empty database, but this one already has data (table "${name}" is not empty). ` +
          'Create a new database, run the migrations, and restore into that.',
      );
    }
  }
}

async function insertBatch(tx: Transaction, table: TableShape, columns: string[], lines: string[]): Promise<void> {
  const types = new Map(table.columns.map((c) => [c.name, c.type]));
  const declared = columns.map((c) => {
    const type = types.get(c);
    if (!type) throw new Error(`The backup has a column ${table.name}.${c} that this database does not have.`);
    return `${quoteIdent(c)} ${type === 'bytea' ? 'text' : type}`;
  });
  const selected = columns.map((c) => (types.get(c) === 'bytea' ? `decode(r.${quoteIdent(c)}, 'base64')` : `r.${quoteIdent(c)}`));
  const statement = `insert into ${quoteIdent(table.name)} (${columns.map(quoteIdent).join(', ')})
    select ${selected.join(', ')} from json_to_recordset(`;
  const json = `[${lines.join(',')}]`;
  // The rows travel as one text parameter and PostgreSQL parses them, so no value passes through a JS number.
  await queryWith(tx, sql`${sql.raw(statement)}${json}::text::json) as r(${sql.raw(declared.join(', '))})`);
}

/** Moves serial and identity sequences past the restored ids, so the next insert does not collide. */
async function advanceSequences(tx: Transaction, tables: TableShape[]): Promise<void> {
  for (const table of tables) {
    for (const column of table.columns) {
      const [row] = await queryWith(tx, sql`select pg_get_serial_sequence(${quoteIdent(table.name)}, ${column.name}) as seq`);
      if (!row?.seq) continue;
      await query(
        tx,
        `select setval('${row.seq as string}', coalesce((select max(${quoteIdent(column.name)}) from ${quoteIdent(table.name)}), 0) + 1, false)`,
      );
    }
  }
}

/**
 * Restores a backup into an empty, migrated database, in one transaction: all of it or nothing. Rows
 * the migrations seeded (such as the default handler functions) are replaced by the backup's. Ids and
 * the audit chain with its head are kept as they were, so `verifyAuditTrail` holds afterwards.
 */
export async function restoreDatabase(handle: DatabaseHandle, file: string): Promise<BackupSummary> {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    const next = await iterator.next();
    if (next.done) throw new Error('The backup file ends too early; it is incomplete or damaged.');
    return next.value;
  };
  try {
    return await handle.db.transaction(async (tx) => {
      const tables = await readTables(tx);
      const header = checkHeader(JSON.parse(await nextLine()) as Partial<BackupHeader>, await readMigrationLevel(tx));
      await checkEmpty(tx, tables);
      // Triggers that derive rows from others (holders and tallies of cases) stand aside: the backup carries what they derived.
      await query(tx, `select set_config('bureau.restoring', 'on', true)`);
      for (const table of [...tables].reverse()) await query(tx, `delete from ${quoteIdent(table.name)}`);
      for (const inFile of header.tables) {
        const table = tables.find((t) => t.name === inFile.name);
        if (!table) throw new Error(`The backup has a table "${inFile.name}" that this database does not have.`);
        // Rows a trigger made while earlier tables were restored (the statistical record of each case) give way to the backup's own.
        await query(tx, `delete from ${quoteIdent(table.name)}`);
        let batch: string[] = [];
        for (let i = 0; i < inFile.rows; i += 1) {
          batch.push(await nextLine());
          if (batch.length === 500) {
            await insertBatch(tx, table, inFile.columns, batch);
            batch = [];
          }
        }
        if (batch.length > 0) await insertBatch(tx, table, inFile.columns, batch);
      }
      if ((JSON.parse(await nextLine()) as { end?: boolean }).end !== true) {
        throw new Error('The backup file has more rows than its header announces; it is damaged.');
      }
      await advanceSequences(tx, tables);
      return { tables: Object.fromEntries(header.tables.map((t) => [t.name, t.rows])) };
    });
  } finally {
    lines.close();
  }
}
