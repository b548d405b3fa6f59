/** The case page and its action pages in a browser without JavaScript: usable, keyboard-reachable and free of axe violations. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unusedTotp } from '../../src/platform/auth/totp.ts';
import { submitReport } from '../../src/features/reporting/intake.ts';
import { reportingSecrets } from '../../src/features/case-record/service.ts';
import { addCasePerson, personTotp } from '../case-people.ts';
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

describeInBrowser('the case page in a browser without JavaScript', () => {
  const browser = useBrowser();
  let world: World;
  let caseId: string;
  let coordinator: { email: string; password: string };

  beforeAll(async () => {
    world = await startWorld();
    coordinator = await addCasePerson(world.database, { email: 'coordinator@example.be', name: 'Cora Coordinator', role: 'integrity_coordinator' });
    const submitted = await submitReport(world.database.db, await reportingSecrets(world.database.db), {
      kind: 'report',
      domain: 'integrity',
      theme: 'fraud',
      entityId: null,
      requesterRole: 'staff',
      identityChoice: 'anonymous',
      wantsMeeting: false,
      contactPreference: 'site_only',
      answers: { description: 'Invoices are paid twice to the same supplier.', when: '', where: '', involved: '', name: '', email: '', phone: '' },
    });
    caseId = submitted.caseId;
  });
  afterAll(() => world.close());

  it('unlocks, opens the case and takes each action page, all accessible', async () => {
    const page = await browser.pageWithoutScript(world.baseUrl);
    await signIn(page, handlerAccount.email, handlerAccount.password, handlerAccount.totp);
    await page.goto(`/cases/${caseId}?lang=en`);
    await expect.poll(() => page.url()).toContain('/cases/unlock');
    await expectNoAxeViolations(page);
    await page.locator('input[name="secret"]').fill(handlerAccount.password);
    await page.locator('form[action="/cases/unlock"] button[type="submit"]').click();
    await expect.poll(() => page.url()).toContain(`/cases/${caseId}`);
    expect(await page.content()).toContain('Invoices are paid twice');
    await expectNoAxeViolations(page);

    await page.locator(`a[href="/cases/${caseId}/status/acknowledged"]`).click();
    expect(await page.locator('textarea[name="message"]').inputValue()).toContain('external channel');
    await expectNoAxeViolations(page);
    await page.locator(`form[action="/cases/${caseId}/status/acknowledged"] button[type="submit"]`).click();
    await expect.poll(() => page.content()).toContain('Saved.');

    await page.locator(`a[href="/cases/${caseId}/triage"]`).click();
    await page.locator('input[name="risk"][value="high"]').check();
    await page.locator(`form[action="/cases/${caseId}/triage"] button[type="submit"]`).click();
    await expect.poll(() => page.locator('#field-measures-error').count()).toBe(1);
    expect(await page.locator('input[name="risk"][value="high"]').isChecked()).toBe(true);
    await expectNoAxeViolations(page);

    for (const action of ['classification', 'referral', 'exclusion']) {
      await page.goto(`/cases/${caseId}/${action}?lang=en`);
      await expectNoAxeViolations(page);
    }
  });

  it("shows the coordinator an accessible metadata page", async () => {
    const page = await browser.pageWithoutScript(world.baseUrl);
    await signIn(page, coordinator.email, coordinator.password, personTotp);
    await page.goto(`/cases/${caseId}?lang=en`);
    expect(await page.content()).toContain('you do not hold its key');
    expect(await page.content()).not.toContain('Invoices are paid twice');
    await expectNoAxeViolations(page);
  });
});
