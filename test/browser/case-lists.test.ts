/** The case list and the dashboard in a browser without JavaScript: the filter form works, paging and both pages are free of axe violations. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unusedTotp } from '../../src/platform/auth/totp.ts';
import { submitReport } from '../../src/features/reporting/intake.ts';
import { reportingSecrets } from '../../src/features/case-record/service.ts';
import { handlerAccount, startWorld, type World } from '../reporting-world.ts';
import { describeInBrowser, expectNoAxeViolations, useBrowser } from './browser.ts';

async function signIn(page: Page, email: string, password: string, totp: string) {
  await page.goto('/sign-in?lang=en');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form[action^="/sign-in"] button[type="submit"]').click();
  await page.locator('input[name="code"]').fill(await unusedTotp(totp, `${new URL(page.url()).origin} ${email}`));
  await page.locator('form[action^="/sign-in/two-factor"] button[type="submit"]').click();
}

describeInBrowser('the case list and dashboard in a browser without JavaScript', () => {
  const browser = useBrowser();
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
    const secrets = await reportingSecrets(world.database.db);
    for (const theme of ['fraud', 'corruption', 'bullying']) {
      await submitReport(world.database.db, secrets, {
        kind: 'report',
        domain: theme === 'bullying' ? 'wellbeing' : 'integrity',
        theme,
        entityId: null,
        requesterRole: 'staff',
        identityChoice: 'anonymous',
        wantsMeeting: false,
        contactPreference: 'site_only',
        answers: { description: 'Something happened.', when: '', where: '', involved: '', name: '', email: '', phone: '' },
      });
    }
    // One of them is overdue, so the dashboard's overdue list has a row.
    await world.database.execute(`update cases set next_due_on = current_date - 3 where theme = 'fraud'`);
  });
  afterAll(() => world.close());

  it('filters with the GET form, shows bad values beside their field, and the dashboard, all accessible', async () => {
    const page = await browser.pageWithoutScript(world.baseUrl);
    await signIn(page, handlerAccount.email, handlerAccount.password, handlerAccount.totp);
    await page.goto('/cases?lang=en');
    expect(await page.locator('table a[href^="/cases/"]').count()).toBe(3);
    await expectNoAxeViolations(page);

    await page.locator('select[name="theme"]').selectOption('fraud');
    await page.locator('form[role="search"] button[type="submit"]').click();
    await expect.poll(() => page.url()).toContain('theme=fraud');
    expect(await page.locator('table a[href^="/cases/"]').count()).toBe(1);

    await page.goto('/cases?from=2026-02-30&status=bogus');
    expect(await page.locator('#field-from-error').textContent()).toContain('Give a date that exists');
    expect(await page.locator('#field-from').inputValue()).toBe('2026-02-30');
    await expectNoAxeViolations(page);

    await page.goto('/cases?q=no-such-case');
    expect(await page.content()).toContain('No cases with these filters.');

    await page.goto('/cases/dashboard');
    expect(await page.content()).toContain('Missed deadlines (1)');
    await expectNoAxeViolations(page);
  });
});
