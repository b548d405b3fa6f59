/** Test helper: the real app listening on a loopback port over a fresh database, with a cookie-keeping client. */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createLogger } from '../src/platform/logging.ts';
import { completeSetup, issueSetupToken } from '../src/features/setup/service.ts';
import { unusedTotp, newTotpSecret } from '../src/platform/auth/totp.ts';
import { freshDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';

export interface TestServer {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  baseUrl: string;
  /** Every log line the server wrote, for tests that check what is (not) logged. */
  logLines: string[];
  close(): Promise<void>;
}

export async function startTestServer(kind: DatabaseKind, overrides: Partial<Config> = {}): Promise<TestServer> {
  const database = await freshDatabase(kind);
  // Audit anchor files of its own that do not exist, so a developer's ./data checkpoints never leak into a test.
  const anchor = path.join(os.tmpdir(), `ib-test-audit-${crypto.randomBytes(6).toString('hex')}`);
  const audit = { signingKeyFile: `${anchor}.key`, checkpointFile: `${anchor}.jsonl` };
  const config = loadConfig({ LOG_LEVEL: 'info', COOKIE_SECURE: 'false' }, { port: 0, host: '127.0.0.1', audit, ...overrides });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  const app = await buildApp({ config, database, logger: createLogger(config.logLevel, sink) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    database,
    config,
    baseUrl: address,
    logLines,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const adminAccount = { email: 'admin@example.be', password: 'correct horse battery staple', displayName: 'Ada Admin' };

/** Runs setup directly, as the setup page would, and returns the administrator's id. */
export async function installWithAdmin(server: TestServer): Promise<string> {
  const token = await issueSetupToken(server.database.db);
  const result = await completeSetup(server.database.db, {
    token: token!,
    organisationName: 'Testland',
    defaultLanguage: 'nl',
    ...adminAccount,
  });
  if (!result.ok) throw new Error(`setup failed: ${result.reason}`);
  await server.app.parts.installation.isInstalled();
  return result.userId;
}

export interface Page {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

/** A minimal browser without JavaScript: keeps cookies, follows nothing by itself, finds the CSRF token in forms. */
export class Client {
  private cookies = new Map<string, string>();
  lastHtml = '';

  constructor(private readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Page> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      redirect: 'manual',
      headers: { cookie: this.cookieHeader(), ...init.headers },
      body: init.body,
    });
    this.remember(response.headers);
    const html = await response.text();
    if (response.headers.get('content-type')?.includes('text/html')) this.lastHtml = html;
    return { status: response.status, headers: response.headers, html, location: response.headers.get('location') };
  }

  get(path: string, headers?: Record<string, string>): Promise<Page> {
    return this.request('GET', path, { headers });
  }

  /** The CSRF token of the last page's forms. */
  csrfToken(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (!match?.[1]) throw new Error('no CSRF token on the last page');
    return match[1];
  }

  /** Posts a form as a browser would, with the CSRF token of the last page unless one is given. */
  post(path: string, fields: Record<string, string>, options: { csrf?: string | null } = {}): Promise<Page> {
    const body = new URLSearchParams(fields);
    const token = options.csrf === undefined ? this.csrfToken() : options.csrf;
    if (token !== null) body.set('_csrf', token);
    return this.request('POST', path, { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** Posts a multipart form (fields and files) with the CSRF token of the last page, as a browser without JavaScript does. */
  async postMultipart(path: string, fields: Record<string, string>, files: { field: string; name: string; type: string; content: Buffer }[]): Promise<Page> {
    const form = new FormData();
    form.append('_csrf', this.csrfToken());
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files) form.append(file.field, new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
    const response = await fetch(new URL(path, this.baseUrl), { method: 'POST', redirect: 'manual', headers: { cookie: this.cookieHeader() }, body: form });
    this.remember(response.headers);
    const html = await response.text();
    if (response.headers.get('content-type')?.includes('text/html')) this.lastHtml = html;
    return { status: response.status, headers: response.headers, html, location: response.headers.get('location') };
  }

  /**
   * Signs in with a password (and a TOTP code when asked); returns the final page. The code callback gets
   * the account's name on this server, for `unusedTotp` (a code is accepted once).
   */
  async signIn(email: string, password: string, totp?: (account: string) => string | Promise<string>): Promise<Page> {
    await this.get('/sign-in');
    let page = await this.post('/sign-in', { email, password });
    if (page.location?.startsWith('/sign-in/two-factor')) {
      await this.get(page.location);
      page = await this.post(page.location, { code: (await totp?.(`${this.baseUrl} ${email}`)) ?? '' });
    }
    return page;
  }
}

/** Turns on TOTP for a user directly in the database (as if they had enrolled) and returns the secret. */
export async function enableTotpFor(server: TestServer, userId: string): Promise<string> {
  const secret = newTotpSecret();
  await server.database.execute('update users set totp_secret = $1, totp_enabled_at = now() where id = $2', [secret, userId]);
  return secret;
}

export interface SignedInAdmin {
  client: Client;
  adminId: string;
  totpSecret: string;
}

/**
 * Installs the test administrator, gives them two-factor (administrators must have it before any page
 * opens) and signs a Client in with password and TOTP code.
 */
export async function signedInAdmin(server: TestServer): Promise<SignedInAdmin> {
  const adminId = await installWithAdmin(server);
  const totpSecret = await enableTotpFor(server, adminId);
  const client = new Client(server.baseUrl);
  const page = await client.signIn(adminAccount.email, adminAccount.password, (account) => unusedTotp(totpSecret, account));
  if (page.status !== 303 || page.location !== '/') throw new Error(`admin sign-in failed: ${page.status} ${page.location}`);
  return { client, adminId, totpSecret };
}
