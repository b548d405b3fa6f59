/**
 * Single sign-on against a real OpenID provider (oidc-provider, in this process on a loopback port), driven
 * like a browser without JavaScript: cookies per site, every redirect followed by hand.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error -- oidc-provider ships no type declarations; the little used here is typed below.
import OidcProviderModule from 'oidc-provider';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/databases.ts';
import { Client, installWithAdmin, startTestServer, type Page, type TestServer } from '../../../test/server.ts';
import { sodium } from '../../platform/crypto/sodium.ts';
import { unusedTotp, newTotpSecret } from '../../platform/auth/totp.ts';
import { unlockPrivateKey } from './oidc-service.ts';

interface ProviderAccount {
  email: string;
  email_verified: boolean;
}

interface ProviderOptions {
  clients: Record<string, unknown>[];
  claims: Record<string, string[]>;
  cookies: { keys: string[] };
  features: Record<string, { enabled: boolean }>;
  findAccount(ctx: unknown, sub: string): Promise<{ accountId: string; claims(): Promise<Record<string, unknown>> } | undefined>;
}

const OidcProvider = OidcProviderModule as new (issuer: string, options: ProviderOptions) => { callback(): http.RequestListener };

/** The app's public address, as behind a reverse proxy; the test browser sends it to the listening server. */
const appOrigin = 'http://bureau.test';
const clientId = 'integrity-bureau';
const clientSecret = 'a client secret long enough for HS256 signing';

interface TestProvider {
  issuer: string;
  /** Accounts at the provider by subject; tests change them between sign-ins. */
  accounts: Map<string, ProviderAccount>;
  close(): Promise<void>;
}

async function listenOnLoopback(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startProvider(): Promise<TestProvider> {
  const accounts = new Map<string, ProviderAccount>();
  // The issuer names the port, so listen first and hand the requests to the provider once it exists.
  let handle: http.RequestListener = (_request, response) => response.end();
  const server = http.createServer((request, response) => handle(request, response));
  const issuer = await listenOnLoopback(server);
  handle = new OidcProvider(issuer, providerOptions(accounts)).callback();
  return {
    issuer,
    accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function providerOptions(accounts: Map<string, ProviderAccount>): ProviderOptions {
  return {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        application_type: 'web',
        redirect_uris: [`${appOrigin}/sign-in/oidc/callback`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    // Email claims are left out of the ID token (the provider's default), so the app must ask userinfo.
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    cookies: { keys: ['test cookie signing key'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
  };
}

/** A browser without JavaScript that knows two sites: the app (at its public origin) and the provider. */
class Browser {
  readonly app: Client;
  readonly provider: Client;

  constructor(server: TestServer, private readonly issuer: string) {
    this.app = new Client(server.baseUrl);
    this.provider = new Client(issuer);
  }

  /** Clicks the single sign-on button and signs in at the provider as `subject`; returns the callback URL, not yet visited. */
  async signInAtProvider(subject: string, next = '/'): Promise<URL> {
    await this.app.get(`/sign-in?next=${encodeURIComponent(next)}`);
    const start = await this.app.post(`/sign-in/oidc?next=${encodeURIComponent(next)}`, {});
    expect(start.status).toBe(200);
    expect(start.html).toContain('id="oidc-continue"');
    const loginCookie = start.headers.getSetCookie().find((line) => line.startsWith('ib_oidc='));
    expect(loginCookie).toMatch(/HttpOnly/i);
    expect(loginCookie).toMatch(/SameSite=Lax/i);
    expect(loginCookie).toMatch(/Path=\/sign-in\/oidc/i);
    const refresh = /^0; url=(.+)$/.exec(start.headers.get('refresh') ?? '');
    expect(refresh?.[1]).toBeDefined();
    let url = new URL(refresh![1]!);
    expect(url.origin).toBe(this.issuer);
    for (let step = 0; step < 12; step += 1) {
      if (url.origin === appOrigin) return url;
      let page = await this.provider.get(url.href);
      if (page.status === 200) page = await this.submitProviderForm(page, subject);
      expect(page.status, page.html).toBeGreaterThanOrEqual(300);
      expect(page.status).toBeLessThan(400);
      url = new URL(page.location!, url);
    }
    throw new Error('the provider never sent the browser back');
  }

  /** Fills in the provider's development login form (any password) or accepts its consent form. */
  private submitProviderForm(page: Page, subject: string): Promise<Page> {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.html)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(page.html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page: ${page.html.slice(0, 500)}`);
    const fields: Record<string, string> = prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt };
    return this.provider.post(action.replaceAll('&amp;', '&'), fields, { csrf: null });
  }

  /** Visits a URL of the app's public origin. */
  visit(url: URL): Promise<Page> {
    expect(url.origin).toBe(appOrigin);
    return this.app.get(`${url.pathname}${url.search}`);
  }

  async signIn(subject: string, next = '/'): Promise<Page> {
    return this.visit(await this.signInAtProvider(subject, next));
  }
}

describe.each(databaseKinds)('single sign-on through OIDC on %s', (kind) => {
  let provider: TestProvider;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    provider = await startProvider();
  });
  afterAll(() => provider.close());

  beforeEach(async () => {
    provider.accounts.clear();
    server = await startTestServer(kind, { oidc: { issuer: provider.issuer, clientId, clientSecret }, baseUrl: appOrigin });
    await installWithAdmin(server);
    browser = new Browser(server, provider.issuer);
  });
  afterEach(() => server.close());

  async function provisionUser(email: string, options: { caseHandler?: boolean; disabled?: boolean; totpSecret?: string } = {}): Promise<string> {
    const [user] = await server.database.execute(
      `insert into users (email, display_name, language, disabled_at, totp_secret, totp_enabled_at)
       values ($1, 'Provisioned Person', 'nl', $2, $3, $4) returning id`,
      [email, options.disabled ? new Date() : null, options.totpSecret ?? null, options.totpSecret ? new Date() : null],
    );
    const userId = user!.id as string;
    if (options.caseHandler) {
      await server.database.execute(`insert into user_roles (user_id, role, handler_function) values ($1, 'case_handler', 'confidential_counsellor')`, [userId]);
    }
    return userId;
  }

  async function userRow(userId: string) {
    const [row] = await server.database.execute('select email, oidc_subject from users where id = $1', [userId]);
    return row;
  }

  async function sessionCount(): Promise<number> {
    const [row] = await server.database.execute('select count(*)::int as n from sessions');
    return row!.n as number;
  }

  it('signs in a provisioned user whose verified address matches, and links the subject to the account', async () => {
    const userId = await provisionUser('pat@example.be');
    provider.accounts.set('subject-pat', { email: 'Pat@Example.be', email_verified: true });

    const callback = await browser.signIn('subject-pat', '/account');
    expect(callback.status).toBe(303);
    expect(callback.location).toBe('/account');
    expect(browser.app.cookie('ib_session')).toBeDefined();
    expect(browser.app.cookie('ib_oidc')).toBeUndefined();
    expect((await browser.app.get('/account')).status).toBe(200);
    expect(await userRow(userId)).toEqual({ email: 'pat@example.be', oidc_subject: 'subject-pat' });

    const audit = await server.database.execute(
      "select action, details from audit_log where actor_id = $1 and action in ('auth.sign_in', 'user.updated') order by seq",
      [userId],
    );
    expect(audit).toEqual([
      { action: 'user.updated', details: { oidcLinked: true } },
      { action: 'auth.sign_in', details: { method: 'oidc' } },
    ]);
  });

  it('recognises the linked subject the next time, even after the address changed at the provider', async () => {
    const userId = await provisionUser('pat@example.be');
    provider.accounts.set('subject-pat', { email: 'pat@example.be', email_verified: true });
    expect((await browser.signIn('subject-pat')).status).toBe(303);

    provider.accounts.set('subject-pat', { email: 'pat.renamed@elsewhere.be', email_verified: false });
    const again = new Browser(server, provider.issuer);
    const callback = await again.signIn('subject-pat', '/account');
    expect(callback.status).toBe(303);
    expect(callback.location).toBe('/account');
    expect((await again.app.get('/account')).status).toBe(200);
    expect(await userRow(userId)).toEqual({ email: 'pat@example.be', oidc_subject: 'subject-pat' });
    const signIns = await server.database.execute("select count(*)::int as n from audit_log where actor_id = $1 and action = 'auth.sign_in'", [userId]);
    expect(signIns[0]?.n).toBe(2);
  });

  it('refuses someone the provider knows but no administrator provisioned, with a clear page and no session', async () => {
    provider.accounts.set('subject-stranger', { email: 'stranger@example.be', email_verified: true });
    const page = await browser.signIn('subject-stranger');
    expect(page.status).toBe(403);
    expect(page.html).toContain('hier is geen account voor u');
    expect(page.html).toContain('vraag een beheerder');
    expect(browser.app.cookie('ib_session')).toBeUndefined();
    expect(await sessionCount()).toBe(0);
  });

  it('does not link an account on an address the provider has not verified', async () => {
    const userId = await provisionUser('pat@example.be');
    provider.accounts.set('subject-impostor', { email: 'pat@example.be', email_verified: false });
    const page = await browser.signIn('subject-impostor');
    expect(page.status).toBe(403);
    expect(await userRow(userId)).toEqual({ email: 'pat@example.be', oidc_subject: null });
    expect(await sessionCount()).toBe(0);
  });

  it('refuses a disabled user', async () => {
    await provisionUser('gone@example.be', { disabled: true });
    provider.accounts.set('subject-gone', { email: 'gone@example.be', email_verified: true });
    const page = await browser.signIn('subject-gone');
    expect(page.status).toBe(403);
    expect(page.html).toContain('Uw account is uitgeschakeld');
    expect(await sessionCount()).toBe(0);
  });

  it('refuses a callback whose state was tampered with, and does not accept it a second time', async () => {
    await provisionUser('pat@example.be');
    provider.accounts.set('subject-pat', { email: 'pat@example.be', email_verified: true });
    const callback = await browser.signInAtProvider('subject-pat');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'forged-state');
    const page = await browser.visit(tampered);
    expect(page.status).toBe(400);
    expect(page.html).toContain('niet bevestigd');
    expect(page.html).not.toMatch(/at .*\.(ts|js):\d+/);
    // The attempt was used up: even the genuine callback now fails.
    expect((await browser.visit(callback)).status).toBe(400);
    expect(browser.app.cookie('ib_session')).toBeUndefined();
    expect(await sessionCount()).toBe(0);
  });

  it('refuses a callback without state, or in a browser that did not start the sign-in', async () => {
    await provisionUser('pat@example.be');
    provider.accounts.set('subject-pat', { email: 'pat@example.be', email_verified: true });
    const callback = await browser.signInAtProvider('subject-pat');

    const otherBrowser = new Browser(server, provider.issuer);
    const elsewhere = await otherBrowser.visit(callback);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.html).toContain('in een ander venster gestart');

    const withoutState = new URL(callback);
    withoutState.searchParams.delete('state');
    expect((await browser.visit(withoutState)).status).toBe(400);
    expect(await sessionCount()).toBe(0);
  });

  it('asks for the second factor first when the user has one, as with a password', async () => {
    const secret = newTotpSecret();
    const userId = await provisionUser('pat@example.be', { totpSecret: secret });
    provider.accounts.set('subject-pat', { email: 'pat@example.be', email_verified: true });
    const callback = await browser.signIn('subject-pat', '/account');
    expect(callback.status).toBe(303);
    expect(callback.location).toBe('/sign-in/two-factor?next=%2Faccount');
    expect((await browser.app.get('/account')).status).toBe(303);

    await browser.app.get(callback.location!);
    const done = await browser.app.post(callback.location!, { code: await unusedTotp(secret) });
    expect(done.location).toBe('/account');
    expect((await browser.app.get('/account')).status).toBe(200);
    const audit = await server.database.execute("select details from audit_log where actor_id = $1 and action = 'auth.sign_in'", [userId]);
    expect(audit).toEqual([{ details: { method: 'totp' } }]);
  });

  it('sends a case handler to choose an unlock passphrase, then seals the key pair under it', async () => {
    const userId = await provisionUser('handler@example.be', { caseHandler: true });
    provider.accounts.set('subject-handler', { email: 'handler@example.be', email_verified: true });

    const callback = await browser.signIn('subject-handler', '/account');
    expect(callback.location).toBe('/account/unlock-passphrase?next=%2Faccount');
    // Nothing else first: every signed-in page leads back to the passphrase.
    expect((await browser.app.get('/')).location).toBe('/account/unlock-passphrase');

    const form = await browser.app.get(callback.location!);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Ontgrendelwachtzin');
    const tooShort = await browser.app.post(callback.location!, { passphrase: 'short', passphraseRepeat: 'short' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.html).toContain('minstens 12 tekens');
    const differ = await browser.app.post(callback.location!, { passphrase: 'a long unlock passphrase', passphraseRepeat: 'another long passphrase' });
    expect(differ.status).toBe(400);
    expect(differ.html).toContain('niet gelijk');
    const set = await browser.app.post(callback.location!, { passphrase: 'a long unlock passphrase', passphraseRepeat: 'a long unlock passphrase' });
    expect(set.status).toBe(303);
    expect(set.location).toBe('/account');

    const [keys] = await server.database.execute('select secret_kind, public_key from user_keys where user_id = $1', [userId]);
    expect(keys?.secret_kind).toBe('passphrase');
    const privateKey = await unlockPrivateKey(server.database.db, userId, 'a long unlock passphrase');
    expect(privateKey).toBeDefined();
    expect(sodium.crypto_scalarmult_base(privateKey!)).toEqual(new Uint8Array(keys!.public_key as Uint8Array));
    expect(await unlockPrivateKey(server.database.db, userId, 'a wrong unlock passphrase')).toBeUndefined();

    const audit = await server.database.execute("select count(*)::int as n from audit_log where actor_id = $1 and action = 'auth.unlock_passphrase_set'", [userId]);
    expect(audit[0]?.n).toBe(1);
    // The passphrase is set once; the next step of setting up a case handler is the second factor.
    expect((await browser.app.get('/account/unlock-passphrase')).location).toBe('/account');
    expect((await browser.app.get('/')).location).toBe('/account/two-factor');
  });

  it('shows a translated page, not a stack trace, when the provider cannot be reached', async () => {
    const closed = http.createServer();
    const deadIssuer = await listenOnLoopback(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = await startTestServer(kind, { oidc: { issuer: deadIssuer, clientId, clientSecret }, baseUrl: appOrigin });
    try {
      await installWithAdmin(offline);
      const client = new Client(offline.baseUrl);
      await client.get('/sign-in?lang=en');
      const page = await client.post('/sign-in/oidc', {});
      expect(page.status).toBe(503);
      expect(page.html).toContain('identity service cannot be reached');
      expect(page.html).not.toMatch(/at .*\.(ts|js):\d+|ECONNREFUSED/);
    } finally {
      await offline.close();
    }
  });
});
