/**
 * The per-address limits hold where the issue of a load balancer and several processes would break them:
 * a forged X-Forwarded-For through a real appending proxy, and two real `bureau serve` processes on one
 * PostgreSQL database.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSetup, issueSetupToken } from '../../src/features/setup/service.ts';
import { databaseKinds, freshDatabase, postgresServerUrl, type TestDatabase } from '../databases.ts';
import { installWithAdmin, startTestServer, type TestServer } from '../server.ts';

const root = path.resolve(import.meta.dirname, '../..');

interface Answer {
  status: number;
  body: string;
}

/** One HTTP request from a chosen loopback source address, so a test can play several clients. */
function requestFrom(sourceAddress: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: init.method ?? 'GET', headers: init.headers, localAddress: sourceAddress, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

function formTokenIn(html: string): string {
  const match = /name="formToken" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form token on the page');
  return match[1];
}

/** Fetches a fresh follow-up form and tries a wrong receipt code with it; returns the status. */
async function guessReceipt(sourceAddress: string, baseUrl: string, headers: Record<string, string> = {}): Promise<number> {
  const form = await requestFrom(sourceAddress, `${baseUrl}/report/follow-up`);
  const body = new URLSearchParams({ formToken: formTokenIn(form.body), receiptCode: '0000 0000 0000 0000' }).toString();
  const answer = await requestFrom(sourceAddress, `${baseUrl}/report/follow-up`, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } });
  return answer.status;
}

/**
 * A load balancer as nginx with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for` is: it
 * appends the address the client connected from to whatever X-Forwarded-For the client sent.
 */
async function startAppendingProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((request, response) => {
    const sent = request.headers['x-forwarded-for'];
    const client = request.socket.remoteAddress ?? '';
    const headers = { ...request.headers, 'x-forwarded-for': sent ? `${String(sent)}, ${client}` : client };
    const forwarded = http.request(
      { host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers, localAddress: '127.0.0.1', agent: false },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', () => response.writeHead(502).end());
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.each(databaseKinds)('behind a load balancer that appends to X-Forwarded-For (%s)', (kind) => {
  let server: TestServer;
  let proxy: Awaited<ReturnType<typeof startAppendingProxy>>;
  beforeAll(async () => {
    server = await startTestServer(kind, { trustProxy: ['127.0.0.1'], rateLimits: { reportsPerAddress: 60, receiptAttemptsPerAddress: 3 } });
    await installWithAdmin(server);
    proxy = await startAppendingProxy(server.baseUrl);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  it('limits receipt guesses by the address the load balancer saw, whatever X-Forwarded-For the client forges', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await guessReceipt('127.0.0.2', proxy.url, { 'x-forwarded-for': `198.51.100.${i}` }));
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    // Another client behind the same load balancer is not limited, even when it names the limited one.
    expect(await guessReceipt('127.0.0.3', proxy.url, { 'x-forwarded-for': '127.0.0.2' })).toBe(401);
    // Reaching the server directly, past the load balancer, the forged header is not believed either.
    expect(await guessReceipt('127.0.0.2', server.baseUrl, { 'x-forwarded-for': '198.51.100.77' })).toBe(429);
    // Neither the counters nor the log name an address, real or forged.
    const stored = JSON.stringify(await server.database.execute('select * from rate_limits.counters'));
    expect(stored).not.toMatch(/127\.0\.0\.[23]|198\.51\.100/);
    // The reporting point logs only server errors; a back-office page through the proxy writes request lines.
    const linesBefore = server.logLines.length;
    expect((await requestFrom('127.0.0.2', `${proxy.url}/sign-in`, { headers: { 'x-forwarded-for': '198.51.100.99' } })).status).toBe(200);
    expect(server.logLines.length).toBeGreaterThan(linesBefore);
    expect(server.logLines.join('\n')).not.toMatch(/127\.0\.0\.[23]|198\.51\.100/);
  }, 120_000);
});

interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  baseUrl: Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

/** `node bin/bureau.js serve` on a port of its own choosing, with exactly the environment given. */
function serve(env: Record<string, string>): ServeProcess {
  const child = spawn(process.execPath, [path.join(root, 'bin/bureau.js'), 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`bureau serve exited: ${output.slice(-2000)}`)));
  });
  baseUrl.catch(() => undefined);
  return {
    child,
    baseUrl,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('starting a server with an unsafe proxy or limit configuration', () => {
  it('refuses TRUST_PROXY=true and says what to write instead', async () => {
    const server = serve({ TRUST_PROXY: 'true', DATA_DIR: path.join(root, 'tmp-never-created') });
    await expect(server.baseUrl).rejects.toThrow(/bureau: Invalid configuration: TRUST_PROXY: "true" would believe every X-Forwarded-For entry.*TRUST_PROXY=10\.0\.0\.5/);
    expect(server.child.exitCode).toBe(1);
  }, 60_000);

  it('refuses to serve on PostgreSQL without the secret the processes share for their limits', async () => {
    const server = serve({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/never-reached' });
    await expect(server.baseUrl).rejects.toThrow(/bureau: Invalid configuration: RATE_LIMIT_SECRET is needed with DATABASE_URL/);
    expect(server.child.exitCode).toBe(1);
  }, 60_000);
});

describe.skipIf(!postgresServerUrl)('two app processes on one PostgreSQL', () => {
  let database: TestDatabase;
  const processes: ServeProcess[] = [];
  beforeAll(async () => {
    database = await freshDatabase('postgres');
    const token = await issueSetupToken(database.db);
    await completeSetup(database.db, { token: token!, organisationName: 'Testland', defaultLanguage: 'nl', displayName: 'Admin', email: 'admin@example.be', password: 'an admin password' });
    const env = { DATABASE_URL: database.url!, RATE_LIMIT_SECRET: 'a shared secret of at least thirty-two characters', RECEIPT_RATE_LIMIT: '4', RUN_JOBS: 'false', COOKIE_SECURE: 'false' };
    processes.push(serve(env), serve(env));
    await Promise.all(processes.map((p) => p.baseUrl));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await database?.close();
  }, 60_000);

  it('allows the configured number of receipt guesses per address in all, not that number per process', async () => {
    const [first, second] = await Promise.all(processes.map((p) => p.baseUrl));
    const answers: string[] = [];
    for (let i = 0; i < 8; i++) {
      const [name, url] = i % 2 === 0 ? ['first', first!] : ['second', second!];
      answers.push(`${name} ${await guessReceipt('127.0.0.1', url)}`);
    }
    expect(answers).toEqual(['first 401', 'second 401', 'first 401', 'second 401', 'first 429', 'second 429', 'first 429', 'second 429']);
    const counters = await database.execute(`select scope, hits from rate_limits.counters where scope = 'POST /report/follow-up'`);
    expect(counters).toEqual([{ scope: 'POST /report/follow-up', hits: 8 }]);
  }, 120_000);
});
