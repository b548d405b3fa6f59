import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unusedTotp } from '../../src/platform/auth/totp.ts';
import { handlerAccount, startWorld, type World } from '../reporting-world.ts';
import { describeInBrowser, expectNoAxeViolations, saveScreenshot, useBrowser } from './browser.ts';

describeInBrowser('the reporting point in a browser without JavaScript', () => {
  const browser = useBrowser();
  let world: World;
  const attachment = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ib-attach-')), 'notes.txt');

  beforeAll(async () => {
    world = await startWorld();
    fs.writeFileSync(attachment, 'Facturen van maart, twee keer betaald.');
  });
  afterAll(async () => {
    await world.close();
    fs.rmSync(path.dirname(attachment), { recursive: true, force: true });
  });

  it.each(['nl', 'fr', 'en', 'de'])('shows an accessible landing page in %s, with no cookie', async (lang) => {
    const page = await browser.pageWithoutScript(world.baseUrl);
    await page.goto(`/report?lang=${lang}`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
    await expectNoAxeViolations(page);
    expect(await page.context().cookies()).toEqual([]);
  });

  it('takes a report with a file, keeps everything after a mistake, and gives a receipt code that opens the inbox', async () => {
    const page = await browser.pageWithoutScript(world.baseUrl);
    await page.goto('/report/new?lang=en');
    await expectNoAxeViolations(page);

    // A first attempt without a description: the errors come back beside their fields, nothing is lost.
    await page.locator('select[name="theme"]').selectOption('fraud');
    await page.locator('textarea[name="involved"]').fill('Mr. X of accounting');
    await page.locator('input[name="files"]').setInputFiles(attachment);
    await page.locator('form[action^="/report/new"] button[type="submit"]').click();
    await expect.poll(() => page.locator('#field-description-error').count()).toBe(1);
    expect(await page.locator('textarea[name="involved"]').inputValue()).toBe('Mr. X of accounting');
    expect(await page.locator('select[name="theme"]').inputValue()).toBe('fraud');
    expect(await page.locator('input[name="requesterRole"][value="staff"]').isChecked()).toBe(true);
    expect(await page.content()).toContain('notes.txt');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'report-form-errors');

    await page.locator('input[name="requesterRole"][value="manager"]').check();
    await page.locator('textarea[name="description"]').fill('Invoices are paid twice to the same supplier.');
    await page.locator('form[action^="/report/new"] button[type="submit"]').click();
    const code = await page.locator('text=/\\d{4} \\d{4} \\d{4} \\d{4}/').first().textContent();
    expect(code).toMatch(/\d{4} \d{4} \d{4} \d{4}/);
    await expectNoAxeViolations(page);
    expect(await page.context().cookies()).toEqual([]);

    await page.locator('a[href*="/report/proof/"]').first().click();
    expect(await page.content()).not.toContain(code!.trim());
    await expectNoAxeViolations(page);

    await page.goto('/report/follow-up?lang=en');
    await expectNoAxeViolations(page);
    await page.locator('input[name="receiptCode"]').fill(code!.trim());
    await page.locator('form[action^="/report/follow-up"] button[type="submit"]').click();
    await expect.poll(() => page.url()).toContain('/report/inbox');
    expect(await page.content()).toContain('Invoices are paid twice');
    expect(await page.content()).toContain('notes.txt');
    await expectNoAxeViolations(page);
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.name)).toEqual(['ib_receipt']);
    expect(cookies[0]!.httpOnly).toBe(true);
  });

  it('gives the handler accessible pages to unlock, list and read reports', async () => {
    const page = await browser.pageWithoutScript(world.baseUrl);
    await page.goto('/sign-in?lang=en');
    await page.locator('input[name="email"]').fill(handlerAccount.email);
    await page.locator('input[name="password"]').fill(handlerAccount.password);
    await page.locator('form[action^="/sign-in"] button[type="submit"]').click();
    await page.locator('input[name="code"]').fill(await unusedTotp(handlerAccount.totp, `${new URL(page.url()).origin} ${handlerAccount.email}`));
    await page.locator('form[action^="/sign-in/two-factor"] button[type="submit"]').click();
    await page.goto('/cases/unlock?lang=en');
    await expectNoAxeViolations(page);
    await page.locator('input[name="secret"]').fill(handlerAccount.password);
    await page.locator('form[action="/cases/unlock"] button[type="submit"]').click();
    await expectNoAxeViolations(page);
    await page.locator('a[href^="/cases/"][href$="-"], a[href^="/cases/"]').filter({ hasText: /^IB-/ }).first().click();
    expect(await page.content()).toContain('Invoices are paid twice');
    await expectNoAxeViolations(page);
  });
});
