import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { freePort, spawnServer, waitUntilHealthy } from '../../bench/server-process.ts';
import { purgeReportingLeftoversJob } from '../../src/features/reporting/jobs.ts';
import { abandonedUploadAgeMs, filesWithoutRow, purgeAbandonedChunks } from '../../src/features/case-record/service.ts';
import type { DatabaseHandle } from '../../src/platform/db/client.ts';
import { databaseKinds } from '../databases.ts';
import { installedStorage } from '../installed-storage.ts';
import { reportBody, reportFields, reportFormToken, submitReportOver } from '../report-submission.ts';

const uploadBytes = 24 * 1024 * 1024;

/**
 * Starts a report whose attachment is far larger than the loopback's socket buffers and writes all of it:
 * once the last write is handed to the kernel, the server has read (and so encrypted and stored, since it
 * reads no faster than it writes chunks) most of it. The request is never finished.
 */
async function startCutOffUpload(agent: http.Agent, baseUrl: string): Promise<http.ClientRequest> {
  const token = await reportFormToken(agent, baseUrl);
  const { body, contentType } = await reportBody(token, reportFields, Buffer.from('x'));
  // The encoded form ends with the one-byte file and the closing boundary; send everything before that byte, then the rest of the file.
  const head = body.subarray(0, body.lastIndexOf(Buffer.from('\r\nx\r\n')) + 2);
  const request = http.request(new URL('/report/new', baseUrl), { method: 'POST', agent, headers: { 'content-type': contentType, 'content-length': String(body.length + uploadBytes) } });
  request.on('error', () => undefined);
  const write = (data: Buffer) => new Promise<void>((resolve, reject) => request.write(data, (error) => (error ? reject(error) : resolve())));
  await write(head);
  const line = Buffer.from('A long account of what happened, line after line.\n'.repeat(1_300));
  for (let sent = 0; sent < uploadBytes; sent += line.length) await write(line.subarray(0, Math.min(line.length, uploadBytes - sent)));
  return request;
}

async function chunkCounts(database: DatabaseHandle): Promise<Map<string, number>> {
  const rows = await database.execute('select file_id, count(*)::int as chunks from file_chunks group by file_id');
  return new Map(rows.map((row) => [String(row.file_id), Number(row.chunks)]));
}

describe.each(databaseKinds)('an upload cut off by kill -9 on %s', (kind) => {
  it('leaves chunks without a file, which the purge removes once they are old enough, keeping every live file', { timeout: 300_000 }, async () => {
    const installed = await installedStorage(kind);
    const port = await freePort();
    const server = spawnServer(installed.storage, port, { SHUTDOWN_DRAIN_SECONDS: '0', ATTACHMENT_MAX_MB: '64', LOG_LEVEL: 'warn' });
    try {
      await waitUntilHealthy(server);
      const agent = new http.Agent({ keepAlive: true });
      // Live data: a report with its file, and a file held for a form sent back for correction.
      const submitted = await submitReportOver(agent, server.url, Buffer.from('The supplier is the director’s brother.\n'.repeat(3_000)));
      expect(submitted.kind).toBe('acknowledged');
      const token = await reportFormToken(agent, server.url);
      const correction = await reportBody(token, { ...reportFields, description: '' }, Buffer.from('Held while the form is corrected.\n'.repeat(3_000)));
      const held = await fetch(`${server.url}/report/new`, { method: 'POST', headers: { 'content-type': correction.contentType }, body: new Uint8Array(correction.body) });
      expect(held.status).toBe(400);
      expect(await held.text()).toContain('name="draftId"');

      await startCutOffUpload(agent, server.url);
      const killed = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGKILL');
      await killed;
      agent.destroy();

      const database = await installed.open();
      try {
        const [caseFile] = await database.execute('select id from case_files');
        const [draftFile] = await database.execute('select id from draft_files');
        const liveIds = [String(caseFile!.id), String(draftFile!.id)];
        const before = await chunkCounts(database);
        const cutOff = await filesWithoutRow(database.db);
        expect(cutOff).toHaveLength(1);
        // Tens of encrypted 64 KB frames of the cut-off upload made it to the database.
        expect(before.get(cutOff[0]!)).toBeGreaterThan(20);

        // The hourly job right after the restart: the upload might still be under way in another process, so it stays.
        await purgeReportingLeftoversJob.run({ db: database.db, logger: { info: () => undefined, error: () => undefined } });
        expect((await chunkCounts(database)).get(cutOff[0]!)).toBe(before.get(cutOff[0]!));

        // Hours later it is gone; the live files keep every chunk.
        expect(await purgeAbandonedChunks(database.db, new Date(Date.now() + abandonedUploadAgeMs))).toBe(1);
        const after = await chunkCounts(database);
        expect(after.has(cutOff[0]!)).toBe(false);
        expect(await filesWithoutRow(database.db)).toEqual([]);
        for (const id of liveIds) expect(after.get(id)).toBe(before.get(id));
        expect(liveIds.every((id) => (before.get(id) ?? 0) > 0)).toBe(true);
      } finally {
        await database.close();
      }
    } finally {
      await server.stop();
      await installed.remove();
    }
  });
});
