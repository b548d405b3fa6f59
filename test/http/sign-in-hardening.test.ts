import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unusedTotp } from '../../src/platform/auth/totp.ts';
import { lockout } from '../../src/features/account/service.ts';
import { databaseKinds } from '../databases.ts';
import { adminAccount, Client, enableTotpFor, installWithAdmin, startTestServer, type Page, type TestServer } from '../server.ts';

describe.each(databaseKinds)('sign-in hardening on %s', (kind) => {
  let servers: TestServer[] = [];
  const start = async () => {
    const server = await startTestServer(kind);
    servers.push(server);
    const adminId = await installWithAdmin(server);
    return { server, adminId, client: new Client(server.baseUrl) };
  };
  beforeEach(() => {
    servers = [];
  });
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  describe('where sign-in leads back to', () => {
    const targets: [next: string, location: string][] = [
      ['%2F%09%2Fevil.example%2Fphish', '/'],
      ['/%09/evil.example', '/'],
      ['/%0A', '/'],
      ['/%0D%0ASet-Cookie:%20x=1', '/'],
      ['/%E2%82%AC', '/'],
      ['%2F%E2%82%AC', '/'],
      ['%2F%5Cevil.example', '/'],
      ['/%2F%2Fevil.example', '/'],
      ['//evil.example', '/'],
      ['https://evil.example/account', '/'],
      ['/account', '/account'],
      ['/admin', '/admin'],
    ];

    it('answers GET /sign-in?next=…, when signed in, with a local Location and never a 500', async () => {
      const { client } = await start();
      const signedIn = await client.signIn(adminAccount.email, adminAccount.password);
      expect(signedIn.status).toBe(303);
      for (const [next, expected] of targets) {
        const page = await client.get(`/sign-in?next=${next}`);
        expect({ next, status: page.status, location: page.location }).toEqual({ next, status: 303, location: expected });
      }
    });

    it('follows only a local page after the password form, and drops a tab-smuggled host', async () => {
      const { client } = await start();
      await client.get('/sign-in');
      const post = (next: string) =>
        client.request('POST', `/sign-in?next=${next}`, {
          body: new URLSearchParams({ email: adminAccount.email, password: adminAccount.password, _csrf: client.csrfToken() }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      expect((await post('%2F%09%2Fevil.example%2Fphish')).location).toBe('/');
      await client.get('/sign-in?lang=nl');
      expect((await post('%2Faccount')).location).toBe('/account');
    });

    it('renders the sign-in form with a refused target as the start page, never echoing it', async () => {
      const { client } = await start();
      const page = await client.get('/sign-in?next=%2F%09%2Fevil.example%2Fphish');
      expect(page.status).toBe(200);
      expect(page.html).not.toContain('evil.example');
    });
  });

  describe('second-factor codes', () => {
    it('accepts a TOTP code once: a second client with the same code is refused with the normal error', async () => {
      const { server, adminId } = await start();
      const secret = await enableTotpFor(server, adminId);
      const code = await unusedTotp(secret, `${server.baseUrl} ${adminAccount.email}`);
      const first = new Client(server.baseUrl);
      const second = new Client(server.baseUrl);
      const firstPage = await first.signIn(adminAccount.email, adminAccount.password, () => code);
      expect(firstPage.status).toBe(303);
      expect(firstPage.location).toBe('/');
      const replay = await second.signIn(adminAccount.email, adminAccount.password, () => code);
      expect(replay.status).toBe(401);
      expect(second.lastHtml).toContain('Deze code klopt niet of is verlopen');
      expect((await second.get('/')).location).toContain('/sign-in');

      // The next code is fine: the refusal is about the used step, not the account.
      const third = new Client(server.baseUrl);
      const next = await third.signIn(adminAccount.email, adminAccount.password, (account) => unusedTotp(secret, account));
      expect(next.status).toBe(303);
    });

    it('refuses the code that confirmed the enrolment at the next sign-in', async () => {
      const { server, client } = await start();
      await client.signIn(adminAccount.email, adminAccount.password);
      await client.get('/account/two-factor');
      const [row] = await server.database.execute('select totp_secret from users where email = $1', [adminAccount.email]);
      const code = await unusedTotp(String(row?.totp_secret), `${server.baseUrl} ${adminAccount.email}`);
      expect((await client.post('/account/two-factor', { code })).status).toBe(200);
      const other = new Client(server.baseUrl);
      expect((await other.signIn(adminAccount.email, adminAccount.password, () => code)).status).toBe(401);
    });
  });

  describe('an unknown address answers as an account does', () => {
    interface Attempt {
      status: number;
      shape: string;
      ms: number;
    }

    /** Seven wrong passwords in a row, on a server of its own (the per-address limit is 10 a minute). */
    async function failSevenTimes(email: string): Promise<{ attempts: Attempt[]; server: TestServer }> {
      const { server, client } = await start();
      await client.get('/sign-in');
      const attempts: Attempt[] = [];
      for (let i = 0; i < 7; i += 1) {
        const started = performance.now();
        const page: Page = await client.post('/sign-in', { email, password: `wrong password ${i}` });
        const ms = performance.now() - started;
        const shape = page.html.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(email, 'EMAIL');
        attempts.push({ status: page.status, shape, ms });
      }
      return { attempts, server };
    }

    it('gives the same statuses and pages, locks after the same number of tries, and takes as long', async () => {
      const real = await failSevenTimes(adminAccount.email);
      const unknown = await failSevenTimes('nobody-here@example.be');

      const statuses = [401, 401, 401, 401, 401, 429, 429];
      expect(real.attempts.map((a) => a.status)).toEqual(statuses);
      expect(unknown.attempts.map((a) => a.status)).toEqual(statuses);
      for (let i = 0; i < statuses.length; i += 1) expect(unknown.attempts[i]!.shape).toBe(real.attempts[i]!.shape);
      expect(unknown.attempts[6]!.shape).toContain('15 minuten vergrendeld');

      // Each failure waits longer than the one before, for both: the wait alone is a floor no load can lower.
      for (let i = 0; i < lockout.maxFailures; i += 1) {
        const floor = Math.min((i + 1) * lockout.delayPerFailureMs, lockout.maxDelayMs);
        expect(real.attempts[i]!.ms).toBeGreaterThanOrEqual(floor);
        expect(unknown.attempts[i]!.ms).toBeGreaterThanOrEqual(floor);
      }
      // And in total (hash and waits), within a generous margin for a loaded machine.
      const total = (attempts: Attempt[]) => attempts.slice(0, lockout.maxFailures).reduce((sum, a) => sum + a.ms, 0);
      const ratio = total(unknown.attempts) / total(real.attempts);
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.6);

      // The unknown address is counted under a keyed hash, never in clear.
      const rows = await unknown.server.database.execute('select * from sign_in_failures');
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain('nobody-here');
      expect(rows[0]?.failures).toBe(5);
    });

    it('counts a disabled account like an unknown address, and an address in any case as one', async () => {
      const { server, client } = await start();
      await server.database.execute('update users set disabled_at = now() where email = $1', [adminAccount.email]);
      await client.get('/sign-in');
      for (let i = 0; i < lockout.maxFailures; i += 1) {
        const email = i % 2 === 0 ? adminAccount.email : adminAccount.email.toUpperCase();
        expect((await client.post('/sign-in', { email, password: `wrong ${i}` })).status).toBe(401);
      }
      expect((await client.post('/sign-in', { email: adminAccount.email, password: adminAccount.password })).status).toBe(429);
    });
  });
});
