import { afterAll, beforeAll, beforeEach, afterEach, expect, it, describe } from 'vitest';
import type { Page } from 'playwright-core';
import { issueSetupToken } from '../../src/features/setup/service.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { userRoles, users } from '../../src/platform/db/schema.ts';
import { languages } from '../../src/platform/i18n/languages.ts';
import { translator } from '../../src/platform/i18n/translate.ts';
import { installWithAdmin, startTestServer, type TestServer } from '../server.ts';
import { describeInBrowser, expectNoAxeViolations, focusedElement, navigateBy, saveScreenshot, tabTo, useBrowser } from './browser.ts';

const en = translator('en');

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').textContent())?.trim() ?? '';
}

describeInBrowser('public pages in a browser without JavaScript', () => {
  const browser = useBrowser();

  it('has an accessibility check that reports what it finds', async () => {
    const server = await startTestServer('pglite');
    try {
      const page = await browser.pageWithoutScript(server.baseUrl);
      // A deliberately broken page at the app's address: an unlabelled field and an image without text.
      await page.route('**/broken', (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>x</title><main><img src="/x.png"><input></main></html>' }),
      );
      await page.goto('/broken');
      const failure = await expectNoAxeViolations(page).then(() => undefined, (error: unknown) => String(error));
      expect(failure).toContain('image-alt');
      expect(failure).toContain('label');
    } finally {
      await server.close();
    }
  });

  describe('an empty installation', () => {
    let server: TestServer;
    beforeEach(async () => {
      server = await startTestServer('pglite');
    });
    afterEach(() => server.close());

    it('leads every page to an accessible setup page', async () => {
      const page = await browser.pageWithoutScript(server.baseUrl);
      await page.goto('/?lang=en');
      expect(new URL(page.url()).pathname).toBe('/setup');
      expect(await heading(page)).toBe(en('setup.title'));
      await expectNoAxeViolations(page);
    });

    it('shows setup errors beside their fields, keeps what was typed and stays accessible', async () => {
      await issueSetupToken(server.database.db);
      const page = await browser.pageWithoutScript(server.baseUrl);
      await page.goto('/setup?lang=en');
      await page.getByLabel(en('setup.token')).fill('a guessed token');
      await page.getByLabel(en('setup.adminName')).fill('Ada Admin');
      await page.getByLabel(en('setup.email')).fill('not-an-email');
      await page.getByLabel(en('setup.password'), { exact: true }).fill('short');
      const status = await navigateBy(page, page.getByRole('button', { name: en('setup.submit') }));
      expect(status).toBe(400);
      await expect.poll(() => page.locator('#field-organisationName-error').textContent()).toContain(en('form.required'));
      expect(await page.locator('#field-email').inputValue()).toBe('not-an-email');
      expect(await page.locator('#field-email').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#field-password').inputValue()).toBe('');
      await expectNoAxeViolations(page);
    });
  });

  describe('once installed', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer('pglite');
      await installWithAdmin(server);
    });
    afterAll(() => server.close());

    it.each(languages)('shows an accessible sign-in page in %s', async (lang) => {
      const page = await browser.pageWithoutScript(server.baseUrl);
      await page.goto(`/sign-in?lang=${lang}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await heading(page)).toBe(translator(lang)('signIn.title'));
      if (lang === 'en') await saveScreenshot(page, 'sign-in');
      await expectNoAxeViolations(page);
    });

    it('puts the skip link first in the tab order, and it moves focus to the main content', async () => {
      const page = await browser.pageWithoutScript(server.baseUrl);
      await page.goto('/sign-in?lang=en');
      await page.keyboard.press('Tab');
      await saveScreenshot(page, 'sign-in-skip-link-focused');
      const skip = await focusedElement(page);
      expect(skip).toMatchObject({ tag: 'a', href: '#content', text: en('layout.skip') });
      // Hidden until focused, then on screen for sighted keyboard users.
      expect(await page.locator('.ib-skip-link').isVisible()).toBe(true);
      const box = await page.locator('.ib-skip-link').boundingBox();
      expect(box?.y).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focusedElement(page)).id).toBe('content');
      expect((await focusedElement(page)).tag).toBe('main');
    });

    it('switches language from the keyboard', async () => {
      const page = await browser.pageWithoutScript(server.baseUrl);
      await page.goto('/sign-in?lang=en');
      await tabTo(page, 'a[hreflang="fr"]');
      const status = await navigateBy(page, page.locator('a[hreflang="fr"]'), 'Enter');
      expect(status).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await heading(page)).toBe(translator('fr')('signIn.title'));
      // The choice is remembered without the query string.
      await page.goto('/sign-in');
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    });

    it('shows a failed sign-in beside the field, keeps the e-mail and links the summary to the field', async () => {
      const page = await browser.pageWithoutScript(server.baseUrl);
      await page.goto('/sign-in?lang=en');
      await page.getByLabel(en('signIn.email')).fill('nobody@example.be');
      await page.getByLabel(en('signIn.password')).fill('a wrong password');
      const status = await navigateBy(page, page.getByRole('button', { name: en('signIn.submit') }));
      expect(status).toBe(401);

      const email = page.locator('#field-email');
      expect(await email.inputValue()).toBe('nobody@example.be');
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      expect(await email.getAttribute('aria-describedby')).toContain('field-email-error');
      expect(await page.locator('#field-email-error').textContent()).toContain(en('signIn.invalid'));
      expect(await page.locator('#field-password').inputValue()).toBe('');

      const summaryLink = page.locator('.ib-error-summary a');
      expect(await summaryLink.getAttribute('href')).toBe('#field-email');
      await saveScreenshot(page, 'sign-in-failed');
      await tabTo(page, '.ib-error-summary a');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focusedElement(page)).id).toBe('field-email');
      await expectNoAxeViolations(page);
    });

    it('answers an unknown address with an accessible 404 page', async () => {
      const page = await browser.pageWithoutScript(server.baseUrl);
      const response = await page.goto('/nowhere?lang=en');
      expect(response?.status()).toBe(404);
      expect(await heading(page)).toBe(en('error.404.title'));
      await expectNoAxeViolations(page);
    });

    it('answers a page the user may not see with an accessible 403 page', async () => {
      const password = 'a member password that is long';
      const [member] = await server.database.db
        .insert(users)
        .values({ email: 'member@example.be', displayName: 'Bea Member', passwordHash: await hashPassword(password) })
        .returning({ id: users.id });
      await server.database.db.insert(userRoles).values({ userId: member!.id, role: 'bureau_member' });

      const page = await browser.pageWithoutScript(server.baseUrl);
      await page.goto('/sign-in?lang=en');
      await page.getByLabel(en('signIn.email')).fill('member@example.be');
      await page.getByLabel(en('signIn.password')).fill(password);
      expect(await navigateBy(page, page.getByRole('button', { name: en('signIn.submit') }))).toBe(200);
      const response = await page.goto('/admin');
      expect(response?.status()).toBe(403);
      expect(await heading(page)).toBe(en('error.403.title'));
      await expectNoAxeViolations(page);
    });
  });
});
