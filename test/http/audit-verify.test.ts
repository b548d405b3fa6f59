import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAuditCheckpoint } from '../../src/platform/audit/checkpoint-job.ts';
import type { AuditAnchorFiles } from '../../src/platform/audit/checkpoints.ts';
import { rewriteWithRecomputedHashes } from '../audit-tampering.ts';
import { databaseKinds } from '../databases.ts';
import { signedInAdmin, startTestServer, type TestServer } from '../server.ts';

const silent = { info: () => undefined, error: () => undefined };

describe.each(databaseKinds)("the administrators' audit check on %s", (kind) => {
  let server: TestServer;
  let folder: string;
  let files: AuditAnchorFiles;

  beforeEach(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-http-audit-'));
    files = { signingKeyFile: path.join(folder, 'audit.key'), checkpointFile: path.join(folder, 'checkpoints.jsonl') };
    server = await startTestServer(kind, { audit: files });
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('checks the chain against the server’s own signed checkpoints and lists every break', async () => {
    const { client } = await signedInAdmin(server);
    const before = await client.get('/admin/audit/verify?lang=en');
    expect(before.html).toMatch(/The audit trail is intact: all \d+ events match the chain\./);
    expect(before.html).toContain('There is no signed checkpoint yet');

    const signed = (await writeAuditCheckpoint(server.database.db, files, silent)).written!;
    const anchored = await client.get('/admin/audit/verify?lang=en');
    expect(anchored.html).toContain(`The chain extends the signed checkpoint kept outside the database: events up to ${signed.seq} are anchored.`);

    await rewriteWithRecomputedHashes(server.database, 1, { rewritten: true });
    await server.database.execute(`update audit_log set action = 'user.created' where seq = 2`);
    const broken = await client.get('/admin/audit/verify?lang=en');
    expect(broken.status).toBe(200);
    expect(broken.html).toContain('The audit trail is not intact: 2 problems were found.');
    expect(broken.html).toContain('Event 2 does not match the chain');
    expect(broken.html).toContain(`Event ${signed.seq} no longer matches the checkpoint signed for it (${files.checkpointFile}:1)`);
  });
});
