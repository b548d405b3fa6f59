import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/features/setup/service.ts';
import { databaseKinds } from '../databases.ts';
import { Client, installWithAdmin, startTestServer, type TestServer } from '../server.ts';

describe.each(databaseKinds)('web platform on %s', (kind) => {
  let server: TestServer;
  let client: Client;
  beforeEach(async () => {
    server = await startTestServer(kind);
    client = new Client(server.baseUrl);
  });
  afterEach(() => server.close());

  describe('first run', () => {
    it('sends every page of an empty installation to the setup page', async () => {
      const page = await client.get('/');
      expect(page.status).toBe(303);
      expect(page.location).toBe('/setup');
    });

    it('refuses a wrong setup token beside the field and keeps what was typed', async () => {
      await issueSetupToken(server.database.db);
      await client.get('/setup?lang=en');
      const page = await client.post('/setup', {
        token: 'guessed-token',
        organisationName: 'Vlaamse overheid <script>alert(1)</script>',
        defaultLanguage: 'nl',
        displayName: 'Ada',
        email: 'ada@example.be',
        password: 'a long enough password',
        passwordRepeat: 'a long enough password',
      });
      expect(page.status).toBe(403);
      expect(page.html).toContain('This token is not correct');
      expect(page.html).toContain('value="ada@example.be"');
      expect(page.html).toContain('Vlaamse overheid &lt;script>alert(1)&lt;/script>');
      expect(page.html).not.toContain('<script>alert(1)</script>');
      expect(page.html).not.toContain('a long enough password');
      const rows = await server.database.execute('select count(*)::int as n from users');
      expect(rows[0]?.n).toBe(0);
    });

    it('installs with the console token and signs the administrator in to set up two-step verification', async () => {
      const token = await issueSetupToken(server.database.db);
      await client.get('/setup');
      const page = await client.post('/setup', {
        token: token!,
        organisationName: 'Vlaamse overheid',
        defaultLanguage: 'fr',
        displayName: 'Ada Admin',
        email: 'Ada@Example.be',
        password: 'a long enough password',
        passwordRepeat: 'a long enough password',
      });
      expect(page.status).toBe(303);
      expect(page.location).toBe('/account/two-factor');
      const again = await client.get('/setup');
      expect(again.status).toBe(404);
      const users = await server.database.execute('select email from users');
      expect(users).toEqual([{ email: 'ada@example.be' }]);
    });

    it('shows each field error beside its field', async () => {
      await issueSetupToken(server.database.db);
      await client.get('/setup?lang=de');
      const page = await client.post('/setup', {
        token: 'x',
        organisationName: '',
        defaultLanguage: 'xx',
        displayName: 'Ada',
        email: 'not-an-email',
        password: 'short',
        passwordRepeat: 'other',
      });
      expect(page.status).toBe(400);
      expect(page.html).toContain('id="field-organisationName-error"');
      expect(page.html).toContain('Füllen Sie dieses Feld aus.');
      expect(page.html).toContain('Geben Sie eine gültige E-Mail-Adresse ein');
      expect(page.html).toContain('mindestens 12 Zeichen');
      expect(page.html).toContain('aria-invalid="true"');
    });
  });

  describe('once installed', () => {
    beforeEach(() => installWithAdmin(server).then(() => undefined));

    it('sends the strict security headers on every page', async () => {
      const page = await client.get('/sign-in');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(page.headers.get('strict-transport-security')).toContain('max-age=');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.html).not.toMatch(/<script|style=/);
    });

    it('serves the style sheets the layout links to, and nothing else from the styles folder', async () => {
      for (const href of ['/assets/utrecht.css', '/assets/app.css']) {
        const response = await client.get(href);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/css');
      }
      expect((await client.get('/assets/utrecht-subset.ts')).status).toBe(404);
    });

    it('compresses style sheets but never pages, which carry tokens beside reflected input', async () => {
      const css = await fetch(`${server.baseUrl}/assets/utrecht.css`, { headers: { 'accept-encoding': 'gzip' }, decompress: false } as RequestInit);
      expect(css.headers.get('content-encoding')).toBe('gzip');
      const page = await fetch(`${server.baseUrl}/sign-in`, { headers: { 'accept-encoding': 'gzip, br' } });
      expect(page.headers.get('content-encoding')).toBeNull();
    });

    it('answers an unknown page with a translated 404 page', async () => {
      const page = await client.get('/nowhere?lang=fr');
      expect(page.status).toBe(404);
      expect(page.html).toContain('Page introuvable');
      expect(page.html).toContain('<html lang="fr"');
    });

    it('answers an unknown language with a clear 400', async () => {
      const page = await client.get('/sign-in?lang=xx');
      expect(page.status).toBe(400);
      expect(page.html).toContain('Deze taal kennen we niet');
    });

    it('takes the language from Accept-Language when none was chosen', async () => {
      const page = await client.get('/sign-in', { 'accept-language': 'de-BE,de;q=0.9,en;q=0.5' });
      expect(page.html).toContain('<html lang="de"');
      expect(page.html).toContain('Anmelden');
    });

    it('rejects a form without a CSRF token, and one with a forged token', async () => {
      await client.get('/sign-in');
      const missing = await client.post('/sign-in', { email: 'a@b.be', password: 'x' }, { csrf: null });
      expect(missing.status).toBe(403);
      expect(missing.html).toContain('Geen toegang');
      const forged = await client.post('/sign-in', { email: 'a@b.be', password: 'x' }, { csrf: 'forged-token' });
      expect(forged.status).toBe(403);
      const failures = await server.database.execute("select count(*)::int as n from audit_log where action = 'auth.sign_in_failed'");
      expect(failures[0]?.n).toBe(0);
    });

    it('refuses an oversized body with a translated 413 page', async () => {
      await client.get('/sign-in?lang=en');
      const page = await client.post('/sign-in', { email: 'a@b.be', password: 'x'.repeat(1_100_000) });
      expect(page.status).toBe(413);
      expect(page.html).toContain('Too much data');
    });

    it('answers malformed form data with a 4xx page, never a stack trace', async () => {
      await client.get('/sign-in');
      const page = await client.request('POST', '/sign-in', {
        body: '{"email": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.status).toBeLessThan(500);
      expect(page.html).not.toMatch(/at .*\.ts:\d+/);
    });

    it('serves health and readiness', async () => {
      expect((await client.get('/healthz')).status).toBe(200);
      const ready = await client.get('/readyz');
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.html)).toEqual({ status: 'ready' });
    });

    it('never writes an IP address or user agent to the log', async () => {
      server.logLines.length = 0;
      await client.get('/sign-in', { 'user-agent': 'SecretAgent/1.0', 'x-forwarded-for': '203.0.113.9' });
      await client.post('/sign-in', { email: 'nobody@example.be', password: 'wrong password' });
      const log = server.logLines.join('\n');
      expect(log).toContain('/sign-in');
      expect(log).not.toContain('127.0.0.1');
      expect(log).not.toContain('203.0.113.9');
      expect(log).not.toContain('SecretAgent');
      expect(log).not.toContain('nobody@example.be');
    });
  });
});
