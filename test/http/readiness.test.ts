import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, postgresServerUrl } from '../databases.ts';
import { startTestServer, type TestServer } from '../server.ts';

async function readyz(server: TestServer): Promise<{ status: number; body: unknown; connection: string | null }> {
  const response = await fetch(`${server.baseUrl}/readyz`);
  return { status: response.status, body: await response.json(), connection: response.headers.get('connection') };
}

/** Polls /readyz until it answers the status (the write probe's answer stands a few seconds); bounded. */
async function readyzUntil(server: TestServer, status: number): Promise<{ status: number; body: unknown }> {
  let answer = await readyz(server);
  for (let attempt = 0; attempt < 100 && answer.status !== status; attempt++) {
    await sleep(200);
    answer = await readyz(server);
  }
  return answer;
}

/** Runs statements on the PostgreSQL server's own database, outside the app's pool. */
async function onPostgresServer(statements: { text: string; values?: unknown[] }[]): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement.text, statement.values);
  } finally {
    await client.end();
  }
}

/**
 * Makes the database refuse writes while it still answers reads. On PostgreSQL: the database's default
 * becomes read-only and the app's connections are ended, so its pool reconnects read-only. On PGlite (one
 * connection): that connection's default becomes read-only.
 */
async function makeReadOnly(server: TestServer, readOnly: boolean): Promise<void> {
  if (server.database.kind === 'pglite') {
    await server.database.execute(`set default_transaction_read_only = ${readOnly ? 'on' : 'off'}`);
    return;
  }
  const name = new URL(server.database.url!).pathname.slice(1);
  await onPostgresServer([
    { text: `alter database ${name} ${readOnly ? 'set default_transaction_read_only = on' : 'reset default_transaction_read_only'}` },
    { text: 'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', values: [name] },
  ]);
}

describe.each(databaseKinds)('readiness on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await makeReadOnly(server, false).catch(() => undefined);
    await server.close();
  });

  it('is ready when the database takes a write, and leaves nothing behind', async () => {
    expect(await readyz(server)).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(await server.database.execute("select key from settings where key = 'health.write-probe'")).toEqual([]);
  });

  it('is not ready while the database answers reads but refuses writes, and ready again once it takes them', async () => {
    await makeReadOnly(server, true);
    expect(await readyzUntil(server, 503)).toEqual({ status: 503, body: { status: 'unavailable' }, connection: expect.any(String) });
    // Reads still work (a connection the server ended may fail once before the pool replaces it).
    const read = () => server.database.execute('select 1 as one');
    expect(await read().catch(read)).toEqual([{ one: 1 }]);
    expect(server.logLines.some((line) => line.includes('the database does not take a write'))).toBe(true);
    await makeReadOnly(server, false);
    expect(await readyzUntil(server, 200)).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('is not ready while draining, and every answer then closes its connection', async () => {
    server.app.parts.readiness.startDraining();
    expect(await readyz(server)).toEqual({ status: 503, body: { status: 'draining' }, connection: 'close' });
    const page = await fetch(`${server.baseUrl}/healthz`);
    expect(page.status).toBe(200);
    expect(page.headers.get('connection')).toBe('close');
  });
});
