import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCases } from '../../src/cli/demo-cases.ts';
import { seedDemo, type DemoAccount } from '../../src/cli/demo.ts';
import { databaseKinds } from '../databases.ts';
import { startTestServer, type TestServer } from '../server.ts';
import { discover, formsOf, isJsonError, nextAttack, routesFromPrintout, seededRandom, sendRaw, signIn, type Outcome, type Target } from '../fuzz/abuse.ts';

/**
 * Bounded for CI (about 45 s on PGlite, 30 s more on PostgreSQL): a fixed number of requests per database,
 * each with its own deadline. PostgreSQL gets half, since the edge refuses most malformed input before any
 * query; FUZZ_REQUESTS sets both for a longer run.
 */
const requestsOn = (kind: string) => Number(process.env.FUZZ_REQUESTS ?? (kind === 'pglite' ? 1200 : 600));
const perRequestTimeoutMs = 20_000;
const timeouts = { requestMs: 6_000, idleMs: 3_000 };

/** One account per kind of person, so every back-office form is reached signed in. */
const roleOrder = ['administrator', 'integrity_coordinator', 'case_handler', 'entity_actor', 'bureau_member'];

async function fuzzWorld(server: TestServer): Promise<Target> {
  const accounts = (await seedDemo(server.database.db)) as DemoAccount[];
  await generateDemoCases(server.database, 12);
  await server.app.parts.installation.isInstalled();
  const chosen = roleOrder.flatMap((role) => accounts.filter((a) => a.roles.startsWith(role)).slice(0, 1));
  const sessions = [];
  for (const account of chosen) sessions.push(await signIn(server.baseUrl, account.roles.split('(')[0]!, account));
  const pages: string[] = [];
  const forms = [];
  for (const session of sessions) {
    const found = await discover(server.baseUrl, ['/', '/cases', '/admin', '/figures-admin', '/assessment', '/risk-analysis', '/account'], session, 30);
    pages.push(...found.pages);
    forms.push(...found.forms);
  }
  const anonymous = await discover(server.baseUrl, ['/report', '/report/new', '/report/follow-up', '/sign-in', '/figures'], undefined, 12);
  pages.push(...anonymous.pages);
  forms.push(...anonymous.forms);
  return { routes: routesFromPrintout(server.app.printRoutes({ commonPrefix: false })), pages, forms, sessions };
}

describe.each(databaseKinds)('the server under seeded malformed requests on %s', (kind) => {
  let server: TestServer;
  let target: Target;

  beforeAll(async () => {
    server = await startTestServer(kind, { timeouts });
    target = await fuzzWorld(server);
  }, 180_000);
  afterAll(() => server?.close());

  it('lists the routes of every feature and finds forms signed in and at the reporting point', () => {
    const paths = new Set(target.routes.map((r) => r.path));
    for (const expected of ['/report/new', '/sign-in', '/cases/:', '/admin/users', '/figures-admin']) expect([...paths].some((p) => p.startsWith(expected))).toBe(true);
    const actions = target.forms.map((f) => f.action);
    expect(actions).toContain('/report/new');
    expect(actions.some((a) => a.startsWith('/cases/'))).toBe(true);
    expect(actions.some((a) => a.startsWith('/admin/'))).toBe(true);
    expect(target.forms.length).toBeGreaterThan(20);
  });

  it('never answers 5xx, never hangs and never answers with a JSON error', async () => {
    const random = seededRandom(kind === 'pglite' ? 23 : 24);
    const requestsPerDatabase = requestsOn(kind);
    const port = Number(new URL(server.baseUrl).port);
    const failures: string[] = [];
    const statuses = new Map<string, number>();
    let sent = 0;
    async function worker() {
      while (sent < requestsPerDatabase) {
        sent += 1;
        let attack = nextAttack(random, target);
        // The reporting point's forms carry single-use tokens: half the time, a fresh one.
        if (attack.label.startsWith('POST /report') && random() < 0.5) {
          const form = target.forms.find((f) => attack.label.startsWith(`POST ${f.action}`));
          if (form) {
            const html = await (await fetch(new URL(form.page, server.baseUrl))).text();
            const fresh = formsOf(html, form.page, undefined).find((f) => f.action === form.action);
            if (fresh) attack = nextAttack(() => 0.1, { ...target, forms: [fresh] }, fresh.fields);
          }
        }
        const outcome: Outcome = await sendRaw(port, attack, perRequestTimeoutMs);
        statuses.set(String(outcome.status), (statuses.get(String(outcome.status)) ?? 0) + 1);
        if (outcome.status === 'hang' || (typeof outcome.status === 'number' && outcome.status >= 500) || isJsonError(outcome)) {
          failures.push(`${attack.label} → ${outcome.status} ${outcome.contentType} ${outcome.body.slice(0, 120)}`);
        }
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()]);
    console.log(`fuzz on ${kind}: ${sent} requests over ${target.routes.length} routes and ${target.forms.length} forms; answers ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
  }, 600_000);

  it('closes a connection whose body stalls, and one whose body trickles past the request timeout', async () => {
    const port = Number(new URL(server.baseUrl).port);
    const stalled = await new Promise<number>((resolve) => {
      const started = Date.now();
      const socket = net.connect(port, '127.0.0.1', () => socket.write('POST /report/new HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\n'));
      socket.on('data', () => undefined);
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', () => undefined);
    });
    expect(stalled).toBeGreaterThanOrEqual(timeouts.idleMs - 500);
    expect(stalled).toBeLessThan(timeouts.idleMs + 10_000);

    const trickled = await new Promise<{ ms: number; answer: string }>((resolve) => {
      const started = Date.now();
      let answer = '';
      const socket = net.connect(port, '127.0.0.1', () => socket.write('POST /admin/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n'));
      // One byte a second: never idle, never done.
      const drip = setInterval(() => socket.writable && socket.write('a'), 1_000);
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('close', () => {
        clearInterval(drip);
        resolve({ ms: Date.now() - started, answer });
      });
      socket.on('error', () => undefined);
    });
    expect(trickled.ms).toBeLessThan(timeouts.requestMs + 20_000);
    // Either Node's 408 with our page, or a closed connection; never a JSON body.
    if (trickled.answer) expect(trickled.answer).toMatch(/^HTTP\/1\.1 408[\s\S]*text\/html/);
  }, 60_000);
});
