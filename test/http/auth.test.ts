import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unusedTotp } from '../../src/platform/auth/totp.ts';
import { unsealPrivateKey } from '../../src/platform/auth/keys.ts';
import { databaseKinds } from '../databases.ts';
import { adminAccount, Client, installWithAdmin, startTestServer, type TestServer } from '../server.ts';

/** Enrols the signed-in client in two-step verification; returns the TOTP secret and the recovery codes. */
async function enrolTwoFactor(server: TestServer, client: Client, userId: string) {
  const page = await client.get('/account/two-factor');
  expect(page.status).toBe(200);
  const [row] = await server.database.execute('select totp_secret from users where id = $1', [userId]);
  const secret = String(row?.totp_secret);
  expect(page.html.replace(/\s/g, '')).toContain(secret);
  const codesPage = await client.post('/account/two-factor', { code: await unusedTotp(secret, `${server.baseUrl} ${adminAccount.email}`) });
  expect(codesPage.status).toBe(200);
  const codes = [...codesPage.html.matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]!);
  return { secret, codes };
}

describe.each(databaseKinds)('authentication on %s', (kind) => {
  let server: TestServer;
  let client: Client;
  let adminId: string;
  beforeEach(async () => {
    server = await startTestServer(kind);
    adminId = await installWithAdmin(server);
    client = new Client(server.baseUrl);
  });
  afterEach(() => server.close());

  it('refuses a wrong password with a clear message, keeping the e-mail and never echoing the password', async () => {
    await client.get('/sign-in?lang=en');
    const page = await client.post('/sign-in', { email: adminAccount.email, password: 'not my password at all' });
    expect(page.status).toBe(401);
    expect(page.html).toContain('This e-mail address and password do not match');
    expect(page.html).toContain(`value="${adminAccount.email}"`);
    expect(page.html).not.toContain('not my password at all');
    expect(client.cookie('ib_session')).toBeUndefined();
  });

  it('locks the account after five failures, even for the right password, and records it', async () => {
    await client.get('/sign-in');
    for (let i = 0; i < 5; i++) await client.post('/sign-in', { email: adminAccount.email, password: `wrong ${i}` });
    const page = await client.post('/sign-in', { email: adminAccount.email, password: adminAccount.password });
    expect(page.status).toBe(429);
    expect(page.html).toContain('15 minuten vergrendeld');
    const actions = await server.database.execute("select action from audit_log where action in ('auth.sign_in_failed', 'auth.locked') order by seq");
    expect(actions.filter((a) => a.action === 'auth.sign_in_failed')).toHaveLength(5);
    expect(actions.at(-1)?.action).toBe('auth.locked');
  });

  it('answers the same way for an unknown e-mail as for a wrong password', async () => {
    await client.get('/sign-in');
    const unknown = await client.post('/sign-in', { email: 'nobody@example.be', password: 'whatever password' });
    const wrong = await client.post('/sign-in', { email: adminAccount.email, password: 'whatever password' });
    expect(unknown.status).toBe(wrong.status);
    const normalise = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace('nobody@example.be', adminAccount.email);
    expect(normalise(unknown.html)).toBe(normalise(wrong.html));
    expect(unknown.html).toContain('horen niet bij elkaar');
    expect(wrong.html).toContain('horen niet bij elkaar');
  });

  it('makes an administrator set up two-step verification before anything else, then asks for it at every sign-in', async () => {
    let page = await client.signIn(adminAccount.email, adminAccount.password);
    expect(page.location).toBe('/');
    page = await client.get('/');
    expect(page.location).toBe('/account/two-factor');
    page = await client.get('/admin');
    expect(page.location).toBe('/account/two-factor');

    await client.get('/account/two-factor');
    const refused = await client.post('/account/two-factor', { code: '000000' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Deze code klopt niet');

    const { secret, codes } = await enrolTwoFactor(server, client, adminId);
    expect(codes).toHaveLength(10);
    expect((await client.get('/')).status).toBe(200);

    const other = new Client(server.baseUrl);
    page = await other.signIn(adminAccount.email, adminAccount.password, () => '123456');
    expect(page.status).toBe(401);
    expect(other.lastHtml).toContain('Deze code klopt niet of is verlopen');
    page = await other.post(page.location ?? '/sign-in/two-factor', { code: await unusedTotp(secret, `${server.baseUrl} ${adminAccount.email}`) });
    expect(page.status).toBe(303);
    expect((await other.get('/')).status).toBe(200);
  });

  it('accepts each recovery code once, and stores only their hashes', async () => {
    await client.signIn(adminAccount.email, adminAccount.password);
    const { codes } = await enrolTwoFactor(server, client, adminId);
    const stored = await server.database.execute('select code_hash from recovery_codes');
    expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);

    const first = new Client(server.baseUrl);
    const page = await first.signIn(adminAccount.email, adminAccount.password, () => codes[0]!.toUpperCase());
    expect(page.status).toBe(303);
    expect((await first.get('/')).status).toBe(200);

    const second = new Client(server.baseUrl);
    const again = await second.signIn(adminAccount.email, adminAccount.password, () => codes[0]!);
    expect(again.status).toBe(401);
    const used = await server.database.execute("select count(*)::int as n from audit_log where action = 'auth.recovery_code_used'");
    expect(used[0]?.n).toBe(1);
  });

  it('keeps only a hash of the session token, and gives a new token at sign-in', async () => {
    await client.get('/sign-in');
    const before = client.cookie('ib_session');
    await client.signIn(adminAccount.email, adminAccount.password);
    const token = client.cookie('ib_session');
    expect(token).toBeDefined();
    expect(token).not.toBe(before);
    const rows = await server.database.execute('select token_hash from sessions');
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it('sets the session cookie HttpOnly, SameSite and Secure', async () => {
    const secure = await startTestServer(kind, { cookieSecure: true });
    try {
      await installWithAdmin(secure);
      const c = new Client(secure.baseUrl);
      await c.get('/sign-in');
      const response = await fetch(`${secure.baseUrl}/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ib_csrf=${c.cookie('ib_csrf')}` },
        body: new URLSearchParams({ email: adminAccount.email, password: adminAccount.password, _csrf: c.csrfToken() }).toString(),
      });
      const cookie = response.headers.getSetCookie().find((line) => line.startsWith('ib_session='));
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/Secure/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
    } finally {
      await secure.close();
    }
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    await client.signIn(adminAccount.email, adminAccount.password);
    await enrolTwoFactor(server, client, adminId);
    expect((await client.get('/account')).status).toBe(200);
    await server.database.execute("update sessions set last_seen_at = now() - interval '31 minutes'");
    let page = await client.get('/account');
    expect(page.status).toBe(303);
    expect(page.location).toContain('/sign-in');

    const other = new Client(server.baseUrl);
    const [row] = await server.database.execute('select totp_secret from users where id = $1', [adminId]);
    await other.signIn(adminAccount.email, adminAccount.password, (account) => unusedTotp(String(row?.totp_secret), account));
    expect((await other.get('/account')).status).toBe(200);
    await server.database.execute("update sessions set expires_at = now() - interval '1 second'");
    page = await other.get('/account');
    expect(page.location).toContain('/sign-in');
    expect(await server.database.execute('select * from sessions')).toHaveLength(0);
  });

  it('signs out everywhere', async () => {
    await client.signIn(adminAccount.email, adminAccount.password);
    const { secret } = await enrolTwoFactor(server, client, adminId);
    const laptop = new Client(server.baseUrl);
    await laptop.signIn(adminAccount.email, adminAccount.password, (account) => unusedTotp(secret, account));
    expect((await laptop.get('/account')).status).toBe(200);

    await client.get('/account');
    const page = await client.post('/account/sign-out-everywhere', {});
    expect(page.location).toBe('/sign-in?notice=signedOut');
    expect((await laptop.get('/account')).location).toContain('/sign-in');
    expect((await client.get('/account')).location).toContain('/sign-in');
    const events = await server.database.execute("select count(*)::int as n from audit_log where action = 'auth.sign_out_everywhere'");
    expect(events[0]?.n).toBe(1);
  });

  it('creates a case handler key pair at sign-in and re-seals it when the password changes', async () => {
    await server.database.execute("insert into user_roles (user_id, role, handler_function) values ($1, 'case_handler', 'confidential_counsellor')", [adminId]);
    await client.signIn(adminAccount.email, adminAccount.password);
    const [before] = await server.database.execute('select public_key from user_keys where user_id = $1', [adminId]);
    expect(before).toBeDefined();
    await enrolTwoFactor(server, client, adminId);

    await client.get('/account/password');
    const wrong = await client.post('/account/password', { current: 'not it', password: 'a brand new passphrase', passwordRepeat: 'a brand new passphrase' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('Het huidige wachtwoord klopt niet');

    const changed = await client.post('/account/password', { current: adminAccount.password, password: 'a brand new passphrase', passwordRepeat: 'a brand new passphrase' });
    expect(changed.location).toBe('/account?notice=passwordChanged');
    const [keys] = await server.database.execute('select * from user_keys where user_id = $1', [adminId]);
    const sealed = {
      sealedPrivateKey: new Uint8Array(keys!.sealed_private_key as Uint8Array),
      nonce: new Uint8Array(keys!.nonce as Uint8Array),
      kdfSalt: new Uint8Array(keys!.kdf_salt as Uint8Array),
    };
    expect(Buffer.from(keys!.public_key as Uint8Array)).toEqual(Buffer.from(before!.public_key as Uint8Array));
    expect(await unsealPrivateKey(adminId, sealed, 'a brand new passphrase')).toBeDefined();
    expect(await unsealPrivateKey(adminId, sealed, adminAccount.password)).toBeUndefined();
  });

  it('only follows a local path after sign-in', async () => {
    await client.get('/sign-in');
    const page = await client.request('POST', '/sign-in?next=//evil.example/x', {
      body: new URLSearchParams({ email: adminAccount.email, password: adminAccount.password, _csrf: client.csrfToken() }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(page.location).toBe('/');
  });
});
