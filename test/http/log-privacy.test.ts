import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { users } from '../../src/platform/db/schema.ts';
import { createLogger, serializeError } from '../../src/platform/logging.ts';
import { completeSetup, issueSetupToken } from '../../src/features/setup/service.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../databases.ts';
import { Client, signedInAdmin, startTestServer, type TestServer } from '../server.ts';

/** What a real failing query throws, caught. */
async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('the query was expected to fail');
}

function captureLog() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { lines, logger: createLogger('info', sink) };
}

describe.each(databaseKinds)('database errors in the log on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database.close());

  it('logs a failed query with its SQLSTATE, fingerprint and tables, never its parameters', async () => {
    const nulError = await failure(() => database.db.select().from(users).where(eq(users.email, 'needle-one\u0000b@x.example')));
    const uuidError = await failure(() => database.db.select().from(users).where(eq(users.id, 'needle-two-not-a-uuid')));
    // The raw errors do carry what was typed: that is what must not reach the log.
    expect(String((nulError as Error).message)).toContain('needle-one');
    expect(JSON.stringify(serializeError(uuidError))).not.toContain('needle-two');
    const { lines, logger } = captureLog();
    logger.error({ err: nulError }, 'request failed');
    logger.error({ err: uuidError }, 'request failed');
    logger.flush?.();
    const log = lines.join('');
    expect(log).not.toContain('needle');
    const [first, second] = lines.map((line) => JSON.parse(line) as { err: { message: string; query: { fingerprint: string; tables: string[] }; cause: { errorCode: string; message: string } } });
    expect(first!.err.message).toBe('Failed query');
    expect(first!.err.query.tables).toEqual(['users']);
    expect(first!.err.query.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(first!.err.cause.errorCode).toBe('22021');
    expect(second!.err.cause.errorCode).toBe('22P02');
    // The message stays useful: what went wrong, with the value cut out.
    expect(second!.err.cause.message).toMatch(/^invalid input syntax for type uuid: "…"$/);
  });

  it('keeps a unique violation\'s constraint but not its detail, which names the value', async () => {
    await database.execute(`insert into users (email, display_name, password_hash) values ('needle-three@x.example', 'N', 'x')`).catch(() => undefined);
    const duplicate = await failure(() => database.db.insert(users).values({ email: 'needle-three@x.example', displayName: 'N', passwordHash: 'x' } as typeof users.$inferInsert));
    const logged = JSON.stringify(serializeError(duplicate));
    expect(logged).not.toContain('needle');
    expect(logged).toContain('23505');
  });
});

describe('what people type into forms never reaches the log of the real app', () => {
  let server: TestServer;
  let database: TestDatabase;
  let probeUrl: string;
  const probe = captureLog();
  let closeProbe: () => Promise<void>;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    // A route that hands a submitted value straight to a query that fails, as the earlier bugs did.
    database = await freshDatabase('pglite');
    const token = await issueSetupToken(database.db);
    await completeSetup(database.db, { token: token!, organisationName: 'T', defaultLanguage: 'nl', displayName: 'A', email: 'a@example.be', password: 'long enough password' });
    const app = await buildApp({ config: loadConfig({ COOKIE_SECURE: 'false' }, { port: 0 }), database, logger: probe.logger });
    app.get('/probe', async (request) => database.db.select().from(users).where(eq(users.id, String((request.query as Record<string, unknown>).value))));
    probeUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    closeProbe = async () => {
      await app.close();
      await database.close();
    };
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await closeProbe?.();
  });

  it('logs a query that failed on a typed value without the value', async () => {
    const response = await fetch(`${probeUrl}/probe?value=needle-probe-value`, { redirect: 'manual' });
    expect(response.status).toBe(500);
    const log = probe.lines.join('');
    expect(log).toContain('request failed');
    expect(log).toContain('22P02');
    expect(log).not.toContain('needle-probe-value');
  });

  it('keeps sign-in, search and refused input out of the log', async () => {
    const { client } = await signedInAdmin(server);
    const anonymous = new Client(server.baseUrl);
    await anonymous.get('/sign-in');
    await anonymous.post('/sign-in', { email: 'needle-email@x.example', password: 'needle-password' });
    await anonymous.post('/sign-in', { email: 'needle-nul\u0000@x.example', password: 'x' });
    await client.get('/cases?q=needle-search');
    await client.get('/cases?q=needle-nul%00');
    await client.get('/admin/audit?actor=needle-audit');
    await client.get('/report/proof/needle-proof');
    await client.get('/report/proof/needle%00proof');
    const log = server.logLines.join('\n');
    expect(log).not.toContain('needle');
  });
});
