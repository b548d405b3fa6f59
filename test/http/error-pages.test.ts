import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/platform/logging.ts';
import { freshDatabase, type TestDatabase } from '../databases.ts';
import { completeSetup, issueSetupToken } from '../../src/features/setup/service.ts';
import { Client, installWithAdmin, startTestServer } from '../server.ts';

describe('error pages', () => {
  it('answers too many sign-in attempts with a translated 429 page and Retry-After', async () => {
    const server = await startTestServer('pglite');
    try {
      await installWithAdmin(server);
      const client = new Client(server.baseUrl);
      await client.get('/sign-in?lang=fr');
      const token = client.csrfToken();
      let last = await client.post('/sign-in', { email: 'a0@example.be', password: 'x' }, { csrf: token });
      for (let i = 1; i <= 10 && last.status !== 429; i++) {
        last = await client.post('/sign-in', { email: `a${i}@example.be`, password: 'x' }, { csrf: token });
      }
      expect(last.status).toBe(429);
      expect(last.html).toContain('Trop de tentatives successives');
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  describe('when a route fails unexpectedly', () => {
    let database: TestDatabase;
    let baseUrl: string;
    const logLines: string[] = [];
    let close: () => Promise<void>;

    beforeAll(async () => {
      database = await freshDatabase('pglite');
      const token = await issueSetupToken(database.db);
      await completeSetup(database.db, { token: token!, organisationName: 'T', defaultLanguage: 'nl', displayName: 'A', email: 'a@example.be', password: 'long enough password' });
      const config = loadConfig({ COOKIE_SECURE: 'false' }, { port: 0 });
      const sink = new Writable({
        write(chunk, _encoding, callback) {
          logLines.push(String(chunk));
          callback();
        },
      });
      const app = await buildApp({ config, database, logger: createLogger('info', sink) });
      app.get('/boom', async () => {
        throw new Error('database exploded at secret-location.ts:42');
      });
      baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
      close = async () => {
        await app.close();
        await database.close();
      };
    });
    afterAll(() => close());

    it('shows a translated 500 page without the error or its stack, and logs it for the operator', async () => {
      const page = await new Client(baseUrl).get('/boom?lang=en');
      expect(page.status).toBe(500);
      expect(page.html).toContain('Something went wrong');
      expect(page.html).not.toContain('exploded');
      expect(page.html).not.toContain('secret-location');
      expect(logLines.join('')).toContain('database exploded');
    });
  });
});
