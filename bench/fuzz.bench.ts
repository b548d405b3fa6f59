/**
 * Abuse figures: 20,000 seeded malformed requests (test/fuzz/abuse.ts) against a real `bureau serve --demo`
 * process, signed in as each kind of person where forms need it. Counts server errors and hangs, and how much
 * resident memory the process still holds two minutes after the abuse stopped, above its baseline after a
 * warm-up. On PGlite, and on
 * PostgreSQL when one answers (the difference is PGlite's WASM heap, which grows and is never given back).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer } from '../test/server.ts';
import { discover, isJsonError, nextAttack, routesFromPrintout, seededRandom, sendRaw, signIn, type Account, type Route, type Session, type Target } from '../test/fuzz/abuse.ts';
import { freePort, postgresReachable, removeDirectory, residentMegabytes, result, spawnServer, temporaryDirectory, temporaryPostgresDatabase, waitUntilHealthy, type Storage } from './server-process.ts';

const requests = Number(process.env.FUZZ_REQUESTS ?? 20_000);
const concurrency = 8;
const perRequestTimeoutMs = 30_000;
/** V8 gives memory back when it collects while idle; the first look comes after 30 s, the figure after two minutes. */
const firstLookMs = 30_000;
const pauseAfterAbuseMs = 120_000;

/** The routes as the built app lists them (an in-memory PGlite app, closed at once). */
async function appRoutes(): Promise<Route[]> {
  const server = await startTestServer('pglite');
  try {
    return routesFromPrintout(server.app.printRoutes({ commonPrefix: false }));
  } finally {
    await server.close();
  }
}

/** The demo accounts as `serve --demo` prints them. */
function demoAccounts(output: string): (Account & { roles: string })[] {
  const accounts: (Account & { roles: string })[] = [];
  for (const match of output.matchAll(/^(\S+@demo\.example)\s+(\S+)\s+(\S+)\s+(.+)$/gm)) {
    accounts.push({ email: match[1]!, password: match[2]!, totpSecret: match[3] === '-' ? undefined : match[3]!, roles: match[4]!.trim() });
  }
  return accounts;
}

async function waitForAccounts(output: () => string): Promise<(Account & { roles: string })[]> {
  for (let i = 0; i < 600; i++) {
    const accounts = demoAccounts(output());
    if (accounts.length >= 5 && /Added [\d,]+ generated cases/.test(output())) return accounts;
    await sleep(100);
  }
  throw new Error(`no demo accounts printed:\n${output()}`);
}

async function run(label: string, storage: Storage, routes: Route[]): Promise<void> {
  const port = await freePort();
  // `serve --demo` seeds the demo administration and its cases before it listens, and prints the accounts.
  const demo = spawnServer(storage, port, { COOKIE_SECURE: 'false', LOG_LEVEL: 'warn' }, ['--demo']);
  try {
    await waitUntilHealthy(demo, 300_000);
    const accounts = await waitForAccounts(demo.output);
    const sessions: Session[] = [];
    for (const role of ['administrator', 'integrity_coordinator', 'case_handler', 'entity_actor', 'bureau_member']) {
      const account = accounts.find((a) => a.roles.startsWith(role));
      if (account) sessions.push(await signIn(demo.url, role, account));
    }
    const pages: string[] = [];
    const forms = [];
    for (const session of sessions) {
      const found = await discover(demo.url, ['/', '/cases', '/admin', '/figures-admin', '/assessment', '/risk-analysis', '/account'], session, 40);
      pages.push(...found.pages);
      forms.push(...found.forms);
    }
    const anonymous = await discover(demo.url, ['/report', '/report/new', '/report/follow-up', '/sign-in', '/figures'], undefined, 15);
    pages.push(...anonymous.pages);
    forms.push(...anonymous.forms);
    const target: Target = { routes, pages, forms, sessions };
    const pid = demo.child.pid!;

    // Warm-up: every page once more as its owner, and a first round of abuse, so caches and pools are full.
    const warmRandom = seededRandom(1);
    for (let i = 0; i < 400; i++) await sendRaw(port, nextAttack(warmRandom, target), perRequestTimeoutMs);
    // The baseline is read after the same idle pause as the final figure, so both are memory V8 kept, not garbage it had not yet collected.
    await sleep(pauseAfterAbuseMs);
    const baseline = residentMegabytes(pid) ?? Number.NaN;

    const random = seededRandom(23);
    let sent = 0;
    let serverErrors = 0;
    let hangs = 0;
    let jsonErrors = 0;
    let peak = baseline;
    const examples = new Map<string, number>();
    const sampler = setInterval(() => (peak = Math.max(peak, residentMegabytes(pid) ?? 0)), 500);
    const started = performance.now();
    async function worker() {
      while (sent < requests) {
        sent += 1;
        const attack = nextAttack(random, target);
        const outcome = await sendRaw(port, attack, perRequestTimeoutMs);
        const failed = outcome.status === 'hang' ? 'hang' : typeof outcome.status === 'number' && outcome.status >= 500 ? String(outcome.status) : isJsonError(outcome) ? 'json' : undefined;
        if (outcome.status === 'hang') hangs += 1;
        else if (typeof outcome.status === 'number' && outcome.status >= 500) serverErrors += 1;
        else if (isJsonError(outcome)) jsonErrors += 1;
        if (failed) examples.set(`${attack.label} → ${failed}`, (examples.get(`${attack.label} → ${failed}`) ?? 0) + 1);
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    await sleep(firstLookMs);
    const afterFirstLook = residentMegabytes(pid) ?? Number.NaN;
    await sleep(pauseAfterAbuseMs - firstLookMs);
    const after = residentMegabytes(pid) ?? Number.NaN;

    console.log(`# ${label}: ${requests} requests over ${routes.length} routes and ${forms.length} forms as ${sessions.length} people in ${seconds.toFixed(0)} s`);
    for (const [example, count] of [...examples].slice(0, 20)) console.log(`#   ${count} × ${example}`);
    const suffix = label === 'pglite' ? '' : `_${label}`;
    result('fuzz', `server_errors${suffix}`, serverErrors, 'count', 0);
    result('fuzz', `hangs${suffix}`, hangs, 'count', 0);
    result('fuzz', `json_errors${suffix}`, jsonErrors, 'count', 0);
    result('fuzz', `rss_baseline${suffix}`, baseline, 'MB', 0);
    result('fuzz', `rss_peak${suffix}`, peak, 'MB', 0);
    result('fuzz', `rss_growth_after_30s${suffix}`, afterFirstLook - baseline, 'MB', 0);
    result('fuzz', `rss_growth${suffix}`, after - baseline, 'MB', 0);
    result('fuzz', `rss_growth_percent${suffix}`, ((after - baseline) / baseline) * 100, '%', 1);
    result('fuzz', `requests_per_second${suffix}`, requests / seconds, 'req/s', 0);
  } finally {
    await demo.stop();
  }
}

const routes = await appRoutes();
const directory = temporaryDirectory('fuzz');
try {
  await run('pglite', { dataDir: directory }, routes);
} finally {
  removeDirectory(directory);
}
if (process.env.FUZZ_POSTGRES !== 'false' && (await postgresReachable())) {
  const database = await temporaryPostgresDatabase();
  try {
    await run('postgres', { databaseUrl: database.url }, routes);
  } finally {
    await database.drop();
  }
} else {
  console.log('# PostgreSQL not reachable (or FUZZ_POSTGRES=false): PGlite only');
}
