import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSealedKeyPair } from '../../src/platform/auth/keys.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { unusedTotp, newTotpSecret } from '../../src/platform/auth/totp.ts';
import { addDays, brusselsDay } from '../../src/platform/time/calendar.ts';
import { Client, installWithAdmin, startTestServer, type TestServer } from '../server.ts';
import { describeInBrowser, expectNoAxeViolations, saveScreenshot, useBrowser } from './browser.ts';

describeInBrowser('registering a phone call and reviewing its record, in a browser without JavaScript', () => {
  const browser = useBrowser();
  let server: TestServer;
  /** The handler's signed-in, unlocked session, handed to the browser as cookies. */
  const cookies: { name: string; value: string; path: string }[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite');
    await installWithAdmin(server);
    const password = 'the password of carla';
    const totp = newTotpSecret();
    const [row] = await server.database.execute(
      `insert into users (email, display_name, password_hash, totp_secret, totp_enabled_at) values ('carla@example.be', 'Carla', $1, $2, now()) returning id`,
      [await hashPassword(password), totp],
    );
    const id = String(row!.id);
    await server.database.execute(`insert into user_roles (user_id, role, handler_function) values ($1, 'case_handler', 'confidential_counsellor')`, [id]);
    const keys = await createSealedKeyPair(id, password);
    await server.database.execute(`insert into user_keys (user_id, public_key, sealed_private_key, nonce, kdf_salt, secret_kind) values ($1, $2, $3, $4, $5, 'password')`, [
      id,
      keys.publicKey,
      keys.sealedPrivateKey,
      keys.nonce,
      keys.kdfSalt,
    ]);
    const client = new Client(server.baseUrl);
    await client.signIn('carla@example.be', password, (account) => unusedTotp(totp, account));
    await client.get('/cases/unlock');
    await client.post('/cases/unlock', { secret: password, next: '/cases' });
    cookies.push({ name: 'ib_session', value: client.cookie('ib_session')!, path: '/' }, { name: 'ib_unlock', value: client.cookie('ib_unlock')!, path: '/cases' });
  }, 180_000);
  afterAll(() => server.close());

  it('registers a call with a receipt code, writes the record, and lets the reporter correct it', async () => {
    const page = await browser.pageWithoutScript(server.baseUrl);
    const { hostname } = new URL(server.baseUrl);
    await page.context().addCookies(cookies.map((c) => ({ ...c, domain: hostname, sameSite: 'Strict' as const, httpOnly: true, secure: false })));

    await page.goto('/cases/new?lang=en');
    await expectNoAxeViolations(page);

    // A day in the future: the error comes back beside the field, with everything typed kept.
    await page.locator('input[name="channel"][value="phone"]').check();
    await page.locator('input[name="receivedOn"]').fill(addDays(brusselsDay(new Date()), 1));
    await page.locator('select[name="theme"]').selectOption('fraud');
    await page.locator('textarea[name="description"]').fill('The caller says invoices are paid twice.');
    await page.locator('form[action="/cases/new"] button[type="submit"]').click();
    await expect.poll(() => page.locator('#field-receivedOn-error').count()).toBe(1);
    expect(await page.locator('textarea[name="description"]').inputValue()).toBe('The caller says invoices are paid twice.');
    expect(await page.locator('input[name="channel"][value="phone"]').isChecked()).toBe(true);
    await expectNoAxeViolations(page);

    await page.locator('input[name="receivedOn"]').fill(brusselsDay(new Date()));
    await page.locator('form[action="/cases/new"] button[type="submit"]').click();
    const code = (await page.locator('text=/\\d{4} \\d{4} \\d{4} \\d{4}/').first().textContent())?.trim();
    expect(code).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'case-register-confirmation');

    await page.locator('a[href$="/record"]').click();
    await expectNoAxeViolations(page);
    await page.locator('textarea[name="body"]').fill('The caller told us about invoices paid twice in March.');
    await page.locator('form[action$="/record"] button[type="submit"]').click();
    await expect.poll(() => page.url()).toContain('saved=1');
    await expectNoAxeViolations(page);

    // The reporter, on their own computer, with only the code.
    const reporter = await browser.pageWithoutScript(server.baseUrl);
    await reporter.goto('/report/follow-up?lang=en');
    await reporter.locator('input[name="receiptCode"]').fill(code!);
    await reporter.locator('form[action^="/report/follow-up"] button[type="submit"]').click();
    await expect.poll(() => reporter.url()).toContain('/report/inbox');
    await reporter.locator('a[href^="/report/inbox/record"]').click();
    expect(await reporter.content()).toContain('invoices paid twice in March');
    await expectNoAxeViolations(reporter);
    await saveScreenshot(reporter, 'record-review');

    // Corrections without text: the error is shown accessibly.
    await reporter.locator('button[name="answer"][value="corrections"]').click();
    await expect.poll(() => reporter.locator('#field-corrections-error').count()).toBe(1);
    await expectNoAxeViolations(reporter);
    await reporter.locator('textarea[name="corrections"]').fill('It was in February, not in March.');
    await reporter.locator('button[name="answer"][value="corrections"]').click();
    await expect.poll(() => reporter.url()).toContain('notice=corrections');
    expect(await reporter.content()).toContain('It was in February, not in March.');
    await expectNoAxeViolations(reporter);
    expect((await reporter.context().cookies()).map((c) => c.name)).toEqual(['ib_receipt']);
  });
});
