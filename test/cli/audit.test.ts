import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { writeAuditCheckpoint } from '../../src/platform/audit/checkpoint-job.ts';
import { encodePublicKey, readSigningKey } from '../../src/platform/audit/checkpoints.ts';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/client.ts';
import { migrateDatabase } from '../../src/platform/db/migrate.ts';
import { appendEvents, rewriteWithRecomputedHashes } from '../audit-tampering.ts';
import { databaseKinds, freshDatabase } from '../databases.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bureau = path.join(root, 'bin/bureau.js');
const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** Runs `bureau ARGS` to completion with a clean environment of our own. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bureau, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const silent = { info: () => undefined, error: () => undefined };

describe.each(databaseKinds)('bureau audit on %s', (kind) => {
  it('proves a valid chain extends its checkpoints, and catches a rewrite with recomputed hashes and a forged checkpoint', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-cli-audit-'));
    folders.push(folder);
    // The key and the checkpoint file go to their defaults, beside (not inside) the data folder.
    const dataDir = path.join(folder, 'data');
    const postgres = kind === 'postgres' ? await freshDatabase('postgres') : undefined;
    const env: Record<string, string> = { DATA_DIR: dataDir, ...(postgres ? { DATABASE_URL: postgres.url! } : {}) };
    const config = loadConfig(env);
    expect(path.dirname(config.audit.signingKeyFile)).toBe(folder);
    // PGlite allows one process at a time: the test opens the folder only while no bureau command runs.
    const withDatabase = async (work: (database: DatabaseHandle) => Promise<void>) => {
      if (postgres) return work(postgres);
      const database = await openDatabase({ dataDir });
      try {
        await migrateDatabase(database);
        await work(database);
      } finally {
        await database.close();
      }
    };
    try {
      await withDatabase(async (database) => {
        await appendEvents(database.db, 4);
        await writeAuditCheckpoint(database.db, config.audit, silent);
        await appendEvents(database.db, 2, 4);
        await writeAuditCheckpoint(database.db, config.audit, silent);
      });

      const publicKey = await run(['audit', 'public-key'], env);
      expect(publicKey.code).toBe(0);
      expect(publicKey.stdout.trim()).toBe(encodePublicKey(readSigningKey(config.audit.signingKeyFile)!.publicKey));
      const offSite = path.join(folder, 'off-site-checkpoints.jsonl');
      fs.copyFileSync(config.audit.checkpointFile, offSite);
      const pinned = ['--checkpoints', offSite, '--public-key', publicKey.stdout.trim()];

      const intact = await run(['audit', 'verify'], env);
      expect(intact.stdout).toContain('Audit trail intact: 6 rows.');
      expect(intact.stdout).toContain(`It extends all 2 signed checkpoints in ${config.audit.checkpointFile}; rows up to 6 are anchored.`);
      expect(intact.code).toBe(0);

      await withDatabase((database) => rewriteWithRecomputedHashes(database, 2, { method: 'oidc' }));
      const rewritten = await run(['audit', 'verify', ...pinned], env);
      expect(rewritten.stdout).not.toContain('intact');
      expect(rewritten.stderr).toContain('Audit trail broken: 2 problems in 6 rows.');
      expect(rewritten.stderr).toContain(`row 4: checkpoint mismatch (${offSite}:1 signed another hash: the chain was rewritten)`);
      expect(rewritten.stderr).toContain(`row 6: checkpoint mismatch (${offSite}:2 signed another hash: the chain was rewritten)`);
      expect(rewritten.code).toBe(2);

      // An attacker who cannot sign writes a checkpoint for the rewritten head: it is refused as forged.
      const [, second] = fs.readFileSync(offSite, 'utf8').trim().split('\n');
      let currentHead = '';
      await withDatabase(async (database) => {
        currentHead = String((await database.execute('select hash from audit_log where seq = 6'))[0]!.hash);
      });
      const forgedFile = path.join(folder, 'forged.jsonl');
      fs.writeFileSync(forgedFile, `${JSON.stringify({ ...JSON.parse(second!), hash: currentHead })}\n`);
      const forged = await run(['audit', 'verify', '--checkpoints', forgedFile, '--public-key', publicKey.stdout.trim()], env);
      expect(forged.stderr).toContain(`${forgedFile}:1: bad checkpoint for row 6 (forged: the signature does not verify)`);
      expect(forged.code).toBe(2);

      const usage = await run(['audit', 'verify', '--checkpoints'], env);
      expect(usage.code).toBe(64);
      expect(usage.stderr).toContain('audit verify [--checkpoints FILE]');
    } finally {
      await postgres?.close();
    }
  }, 600_000);
});
