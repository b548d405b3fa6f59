import { afterAll, beforeAll, expect, it } from 'vitest';
import { fullRatings, startRiskWorld, type RiskWorld } from '../risk-analysis-world.ts';
import { describeInBrowser, expectNoAxeViolations, saveScreenshot, useBrowser } from './browser.ts';

describeInBrowser('the integrity risk analysis in a browser without JavaScript', () => {
  const browser = useBrowser();
  let world: RiskWorld;

  beforeAll(async () => {
    world = await startRiskWorld('pglite');
  });
  afterAll(() => world.close());

  it('starts an analysis, rates a process on an accessible page and shows an accessible report', async () => {
    const page = await browser.pageWithoutScript(world.server.baseUrl);
    await page.goto('/sign-in?lang=en');
    await page.locator('input[name="email"]').fill(world.actorA.email);
    await page.locator('input[name="password"]').fill(world.actorA.password);
    await page.locator('form[action^="/sign-in"] button[type="submit"]').click();

    await page.goto('/risk-analysis');
    await expectNoAxeViolations(page);
    await page.locator('input[name="title"]').fill('Finance 2026');
    await page.locator('form[action="/risk-analysis"] button[type="submit"]').click();
    await expect.poll(() => page.url()).toMatch(/\/risk-analysis\/[0-9a-f-]{36}\?notice=started/);
    await page.locator('a[href$="/processes/new"]').click();
    await page.locator('input[name="name"]').fill('Paying suppliers');
    await page.locator('form[action$="/processes"] button[type="submit"]').click();
    await expectNoAxeViolations(page);

    await page.locator('a[href$="/rate"]').first().click();
    expect(await page.content()).toContain('Handling money');
    await expectNoAxeViolations(page);

    // Half the answers: saved, the rest marked beside each question, what was chosen still chosen.
    await page.locator('input[name="inherent-money"][value="3"]').check();
    await page.locator('textarea[name="comment-four_eyes"]').fill('Second signature above 10 000 euro');
    await page.locator('form[action$="/rate"] button[type="submit"]').click();
    await expect.poll(() => page.locator('#field-inherent-procurement-error').count()).toBe(1);
    expect(await page.locator('input[name="inherent-money"][value="3"]').isChecked()).toBe(true);
    expect(await page.locator('textarea[name="comment-four_eyes"]').inputValue()).toBe('Second signature above 10 000 euro');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'risk-rating-incomplete');

    for (const [name, value] of Object.entries(fullRatings(2, 2))) {
      if (name.startsWith('comment-')) continue;
      await page.locator(`input[name="${name}"][value="${value}"]`).check();
    }
    await page.locator('form[action$="/rate"] button[type="submit"]').click();
    await expect.poll(() => page.url()).toContain('notice=ratingsSaved');

    await page.locator('a[href$="/report"]').click();
    expect(await page.locator('svg[role="img"] title').textContent()).toBe('Residual risk per process');
    expect(await page.locator('table caption').first().textContent()).toContain('Vulnerability profile');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'risk-report');
  });
});
