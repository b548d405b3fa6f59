import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { issueSetupToken } from '../../src/features/setup/service.ts';
import { unusedTotp } from '../../src/platform/auth/totp.ts';
import { translator } from '../../src/platform/i18n/translate.ts';
import { startTestServer, type TestServer } from '../server.ts';
import { describeInBrowser, expectNoAxeViolations, navigateBy, saveScreenshot, useBrowser } from './browser.ts';

const en = translator('en');
const admin = { name: 'Ada Admin', email: 'ada@example.be', password: 'a long enough password' };

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').textContent())?.trim() ?? '';
}

describeInBrowser('the first run in a browser without JavaScript', () => {
  const browser = useBrowser();
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer('pglite');
  });
  afterEach(() => server.close());

  it('installs, enrols two-step verification, signs out and signs in again with a TOTP code', async () => {
    const token = await issueSetupToken(server.database.db);
    const page = await browser.pageWithoutScript(server.baseUrl);

    // Setup with the token the console printed.
    await page.goto('/setup?lang=en');
    await page.getByLabel(en('setup.token')).fill(token!);
    await page.getByLabel(en('setup.organisation')).fill('Testland');
    await page.getByLabel(en('setup.language')).selectOption('en');
    await page.getByLabel(en('setup.adminName')).fill(admin.name);
    await page.getByLabel(en('setup.email')).fill(admin.email);
    await page.getByLabel(en('setup.password'), { exact: true }).fill(admin.password);
    await page.getByLabel(en('setup.passwordRepeat')).fill(admin.password);
    expect(await navigateBy(page, page.getByRole('button', { name: en('setup.submit') }))).toBe(200);

    // Enrolment: the administrator's role requires a second factor.
    expect(pathOf(page)).toBe('/account/two-factor');
    expect(await heading(page)).toBe(en('enrol.title'));
    await saveScreenshot(page, 'two-factor-enrolment');
    await expectNoAxeViolations(page);
    const secret = ((await page.locator('.ib-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel(en('enrol.code')).fill(await unusedTotp(secret));
    expect(await navigateBy(page, page.getByRole('button', { name: en('enrol.submit') }))).toBe(200);

    // Recovery codes, shown once.
    expect(await heading(page)).toBe(en('recovery.title'));
    expect(await page.locator('.ib-codes li').count()).toBe(10);
    await saveScreenshot(page, 'recovery-codes');
    await expectNoAxeViolations(page);
    expect(await navigateBy(page, page.getByRole('link', { name: en('recovery.continue') }))).toBe(200);

    // Home and account pages.
    expect(pathOf(page)).toBe('/');
    expect(await heading(page)).toBe(en('home.title'));
    await expectNoAxeViolations(page);
    await page.goto('/account');
    expect(await heading(page)).toBe(en('account.title'));
    expect(await page.getByText(en('account.twoFactorOn', { count: 10 })).count()).toBe(1);
    await expectNoAxeViolations(page);

    // Sign out, then in again with password and TOTP code.
    expect(await navigateBy(page, page.getByRole('button', { name: en('layout.signOut'), exact: true }))).toBe(200);
    expect(pathOf(page)).toBe('/sign-in');
    expect(await page.getByRole('status').textContent()).toContain(en('signIn.signedOut'));
    await page.getByLabel(en('signIn.email')).fill(admin.email);
    await page.getByLabel(en('signIn.password')).fill(admin.password);
    expect(await navigateBy(page, page.getByRole('button', { name: en('signIn.submit') }))).toBe(200);
    expect(pathOf(page)).toBe('/sign-in/two-factor');
    expect(await heading(page)).toBe(en('twoFactor.title'));
    await expectNoAxeViolations(page);
    await page.getByLabel(en('twoFactor.code')).fill(await unusedTotp(secret));
    expect(await navigateBy(page, page.getByRole('button', { name: en('twoFactor.submit') }))).toBe(200);
    expect(pathOf(page)).toBe('/');
    expect(await page.getByText(en('layout.signedInAs', { name: admin.name })).count()).toBe(1);
  });
});
