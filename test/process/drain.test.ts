import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { freePort, spawnServer, waitUntilHealthy } from '../../bench/server-process.ts';
import { databaseKinds } from '../databases.ts';
import { installedStorage } from '../installed-storage.ts';
import { submitReportOver, type SubmissionOutcome } from '../report-submission.ts';

const workers = 6;
const drainSeconds = 5;

/** A probe on a connection of its own, as a load balancer's. */
async function readyz(baseUrl: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: await response.text() };
}

describe.each(databaseKinds)('SIGTERM under load on %s', (kind) => {
  it('drains: /readyz fails at once, answers then close their connections, no request is cut off, every acknowledged report is stored', { timeout: 300_000 }, async () => {
    const installed = await installedStorage(kind);
    const port = await freePort();
    const server = spawnServer(installed.storage, port, { SHUTDOWN_DRAIN_SECONDS: String(drainSeconds), REPORT_RATE_LIMIT: '100000', LOG_LEVEL: 'warn' });
    try {
      await waitUntilHealthy(server);
      const agent = new http.Agent({ keepAlive: true, maxSockets: workers });
      const outcomes: { outcome: SubmissionOutcome }[] = [];
      let signalled = false;
      // As behind a load balancer: new submissions start only while the readiness probe (every 200 ms) says ready.
      let routing = true;
      const probes: { status: number; body: string }[] = [];
      const probing = (async () => {
        for (let probe = 0; probe < 3_000 && routing; probe++) {
          await sleep(200);
          const answer = await readyz(server.url).catch(() => ({ status: 0, body: '' }));
          // Before the signal a slow answer on a loaded machine is no reason to stop.
          if (!signalled) continue;
          probes.push(answer);
          if (answer.status !== 200) routing = false;
        }
      })();
      const attachment = Buffer.from('A note on the invoices.\n'.repeat(2_000));
      const submitting = Array.from({ length: workers }, async () => {
        for (let round = 0; round < 500 && routing; round++) {
          outcomes.push({ outcome: await submitReportOver(agent, server.url, attachment) });
        }
      });
      const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
      for (let wait = 0; wait < 600 && outcomes.filter((o) => o.outcome.kind === 'acknowledged').length < workers * 2; wait++) await sleep(100);

      server.child.kill('SIGTERM');
      signalled = true;
      await Promise.all([probing, ...submitting]);
      // Probing stopped at the first failure, which said why, and came at once (a probe may have been under way at the signal).
      expect(probes.at(-1)).toEqual({ status: 503, body: JSON.stringify({ status: 'draining' }) });
      expect(probes.length).toBeLessThanOrEqual(5);
      expect(await exited).toBe(0);
      agent.destroy();

      const resets = outcomes.filter((o) => o.outcome.kind === 'reset');
      expect(resets).toEqual([]);
      expect(outcomes.filter((o) => o.outcome.kind !== 'acknowledged')).toEqual([]);
      const acknowledged = outcomes.flatMap((o) => (o.outcome.kind === 'acknowledged' ? [o.outcome.reference] : []));
      // Answers sent after the signal (at least those in flight then) close their connection.
      expect(outcomes.some((o) => o.outcome.kind === 'acknowledged' && o.outcome.connectionClosed)).toBe(true);

      const database = await installed.open();
      try {
        const stored = new Set((await database.execute('select reference from cases')).map((row) => String(row.reference)));
        expect(acknowledged.filter((reference) => !stored.has(reference))).toEqual([]);
        expect(acknowledged.length).toBeGreaterThan(workers * 2 - 1);
      } finally {
        await database.close();
      }
    } finally {
      await server.stop();
      await installed.remove();
    }
  });
});
