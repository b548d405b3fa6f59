/**
 * The embedded database's template: a new data folder is filled from a folder made at build time instead of
 * running PostgreSQL's initdb at its first start.
 *
 * initdb takes seconds and grows PGlite's WebAssembly memory to about 800 MB, which a process never gives
 * back. So the build (bin/build.js, src/platform/db/build-template.ts) runs it once, applies every committed
 * migration, shuts the database down cleanly and keeps the folder as a tar archive. At a first start the
 * archive's files are written into the new folder with PG_VERSION last: PGlite (and client.ts) take
 * PG_VERSION to mean "a database is here", so a first start cut off half-way starts over at the next one
 * instead of opening half a database.
 *
 * Nothing secret is in the template: the migrations create tables and insert fixed reference rows only
 * (template.test.ts checks which tables have rows). Every key and secret of an installation
 * is made at run time, in its own folder (setup token, users' keys, the audit signing key beside the folder).
 * PostgreSQL's system identifier in pg_control is the same for every folder made from one template; it only
 * tells replicas of one cluster apart, which PGlite has none of.
 *
 * The template is used only when it was made by the PGlite now installed and from migrations that are still
 * the committed ones (same names, same content); start-up then applies only the migrations made after it.
 * Otherwise (no build, another PGlite, a changed migration) the folder is initialised by initdb (client.ts).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder, templateFolder } from './files.ts';

/** What a template was made from, kept beside its archive. */
export interface TemplateStamp {
  /** The version of @electric-sql/pglite that ran initdb: another version's PostgreSQL may not read the folder. */
  pglite: string;
  /** The hashes (drizzle's: sha256 of the SQL) of the migrations applied in the template, in order. */
  migrations: string[];
}

export const templateArchive = path.join(templateFolder, 'pgdata.tar');
export const templateStampFile = path.join(templateFolder, 'template.json');

/** The installed PGlite's version (its package.json is not among its exports, so it is read from the folder). */
export function installedPgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let folder = path.dirname(entry);
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === '@electric-sql/pglite' && parsed.version) return parsed.version;
    }
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('@electric-sql/pglite: package.json not found');
    folder = parent;
  }
}

/** The stamp a template made now would have. */
export function currentStamp(): TemplateStamp {
  return { pglite: installedPgliteVersion(), migrations: readMigrationFiles({ migrationsFolder }).map((migration) => migration.hash) };
}

/** Whether a template made from `made` can stand in for initdb and the migrations it holds, given what is installed now. */
export function templateFits(made: TemplateStamp, now: TemplateStamp): boolean {
  return made.pglite === now.pglite && made.migrations.length <= now.migrations.length && made.migrations.every((hash, index) => hash === now.migrations[index]);
}

/** The template's archive when there is one that fits what is installed; undefined otherwise. */
export function usableTemplate(): string | undefined {
  let made: TemplateStamp;
  try {
    made = JSON.parse(fs.readFileSync(templateStampFile, 'utf8')) as TemplateStamp;
  } catch {
    return undefined;
  }
  return fs.existsSync(templateArchive) && templateFits(made, currentStamp()) ? templateArchive : undefined;
}

/*
 * The archive is a POSIX ustar file of regular files and directories (this module writes it, and PGlite's
 * own loadDataDir reads it for in-memory databases). 512-byte header, then the content padded to 512 bytes;
 * two zero blocks end it.
 */
const block = 512;

export interface ArchiveEntry {
  /** Relative path with '/' separators, no leading slash. */
  name: string;
  directory: boolean;
  data: Buffer;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(entry: ArchiveEntry): Buffer {
  const buffer = Buffer.alloc(block);
  const name = entry.directory ? `${entry.name}/` : entry.name;
  // Names over 100 bytes go in the prefix field (split at a '/'); a data folder has none that long.
  let prefix = '';
  let rest = name;
  if (Buffer.byteLength(name) > 100) {
    const split = name.lastIndexOf('/', name.length - 2);
    prefix = name.slice(0, split);
    rest = name.slice(split + 1);
    if (split < 0 || Buffer.byteLength(rest) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`path too long for the template archive: ${name}`);
  }
  buffer.write(rest, 0, 100);
  buffer.write(octal(entry.directory ? 0o700 : 0o600, 8), 100);
  buffer.write(octal(0, 8), 108);
  buffer.write(octal(0, 8), 116);
  buffer.write(octal(entry.directory ? 0 : entry.data.length, 12), 124);
  buffer.write(octal(0, 12), 136);
  buffer.write(entry.directory ? '5' : '0', 156);
  buffer.write('ustar\0', 257);
  buffer.write('00', 263);
  buffer.write(prefix, 345, 155);
  // The checksum is the byte sum of the header with its own field read as spaces.
  buffer.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of buffer) sum += byte;
  buffer.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return buffer;
}

export function writeArchive(entries: ArchiveEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry));
    if (!entry.directory && entry.data.length > 0) {
      parts.push(entry.data);
      const padding = (block - (entry.data.length % block)) % block;
      if (padding > 0) parts.push(Buffer.alloc(padding));
    }
  }
  parts.push(Buffer.alloc(2 * block));
  return Buffer.concat(parts);
}

function field(buffer: Buffer, start: number, length: number): string {
  const raw = buffer.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

export function readArchive(archive: Buffer): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let offset = 0;
  while (offset + block <= archive.length) {
    const head = archive.subarray(offset, offset + block);
    if (head.every((byte) => byte === 0)) break;
    const prefix = field(head, 345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(head, 0, 100);
    const size = Number.parseInt(field(head, 124, 12).trim() || '0', 8);
    const type = field(head, 156, 1);
    const relative = name.replace(/^\/+/, '').replace(/\/+$/, '');
    // Only what a data folder holds: no links, no path leaving the folder.
    if (!Number.isSafeInteger(size) || size < 0 || relative.split('/').some((part) => part === '..') || (type !== '0' && type !== '' && type !== '5')) {
      throw new Error(`the template archive has an entry it should not have: ${name}`);
    }
    offset += block;
    if (relative) entries.push({ name: relative, directory: type === '5', data: archive.subarray(offset, offset + size) });
    offset += Math.ceil(size / block) * block;
  }
  return entries;
}

/** Every file and folder under `folder`, folders before what they hold, as archive entries. */
export function folderEntries(folder: string, under = ''): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  for (const item of fs.readdirSync(path.join(folder, under), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const name = under ? `${under}/${item.name}` : item.name;
    if (item.isDirectory()) {
      entries.push({ name, directory: true, data: Buffer.alloc(0) });
      entries.push(...folderEntries(folder, name));
    } else if (item.isFile()) {
      entries.push({ name, directory: false, data: fs.readFileSync(path.join(folder, name)) });
    }
  }
  return entries;
}

async function syncPath(target: string): Promise<void> {
  const handle = await fs.promises.open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Syncs the paths to disk several at a time: one after the other, the 1,300 files of a new folder took about
 * 4 s on the development machine's disk; side by side (libuv's 4 threads) about 0.6 s.
 */
async function syncAll(paths: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < paths.length) await syncPath(paths[next++]!);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/**
 * Fills a new data folder (which the caller has locked, and which holds no PG_VERSION) from the template's
 * archive. With `sync`, every file and folder reaches the disk before PG_VERSION is written, and PG_VERSION
 * before this returns, as after initdb (docs/operations.md, durability).
 */
export async function loadTemplate(archive: string, dataDir: string, sync: boolean): Promise<void> {
  const entries = readArchive(fs.readFileSync(archive));
  const marker = entries.find((entry) => entry.name === 'PG_VERSION' && !entry.directory);
  if (!marker) throw new Error(`the template archive ${archive} holds no PG_VERSION`);
  const folders: string[] = [];
  const files: string[] = [];
  for (const entry of entries) {
    if (entry === marker) continue;
    const target = path.join(dataDir, ...entry.name.split('/'));
    if (entry.directory) {
      fs.mkdirSync(target, { recursive: true, mode: 0o700 });
      folders.push(target);
    } else {
      fs.writeFileSync(target, entry.data, { mode: 0o600 });
      files.push(target);
    }
  }
  if (sync) {
    await syncAll(files);
    await syncAll([...folders, dataDir]);
  }
  const versionFile = path.join(dataDir, 'PG_VERSION');
  fs.writeFileSync(versionFile, marker.data, { mode: 0o600 });
  if (sync) {
    await syncPath(versionFile);
    await syncPath(dataDir);
  }
}
