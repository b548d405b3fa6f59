import { afterAll, beforeAll, expect, it } from 'vitest';
import { readConsensusForm } from '../../src/features/assessment/consensus-form.ts';
import { recordConsensus } from '../../src/features/assessment/commands/consensus.ts';
import { questionCodes, shippedModel, startAssessmentWorld, type AssessmentWorld } from '../assessment-world.ts';
import { describeInBrowser, expectNoAxeViolations, navigateBy, saveScreenshot, useBrowser } from './browser.ts';

describeInBrowser('the self-assessment in a browser without JavaScript', () => {
  const browser = useBrowser();
  const model = shippedModel();
  let world: AssessmentWorld;
  let assessmentId: string;
  let linkPath: string;

  beforeAll(async () => {
    world = await startAssessmentWorld('pglite');
    const { client } = world.users.actorA;
    const overview = await client.get('/assessment');
    const modelId = /name="modelId"[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(overview.html)![1]!;
    const started = await client.post('/assessment/start', { entityId: world.entityA, modelId });
    assessmentId = /\/assessment\/([0-9a-f-]{36})/.exec(started.location!)![1]!;
    await client.get(`/assessment/${assessmentId}`);
    const link = await client.post(`/assessment/${assessmentId}/links`, {});
    linkPath = new URL(/id="participant-link">([^<]+)</.exec(link.html)![1]!).pathname;
    const fields: Record<string, string> = {};
    for (const d of model.dimensions) {
      fields[`complete:${d.code}`] = 'on';
      d.questions.forEach((q, i) => (fields[`level:${q.code}`] = String(1 + ((i + d.weight) % 5))));
    }
    const reading = readConsensusForm(model, fields);
    if (!reading.ok) throw new Error('consensus');
    await recordConsensus(world.server.database.db, world.users.actorA.id, assessmentId, reading.input);
  });
  afterAll(() => world.close());

  it('shows an accessible answer form through a one-time link, and keeps a choice after an incomplete submission', async () => {
    const page = await browser.pageWithoutScript(world.server.baseUrl);
    await page.goto(`${linkPath}?lang=en`);
    // Axe runs once, on the form with its errors: the page as first shown plus the error summary and messages.
    const first = questionCodes(model)[0]!;
    await page.locator(`input[name="level:${first}"][value="3"]`).check();
    await page.locator(`textarea[name="comment:${first}"]`).fill('Discussed once a year');
    const status = await navigateBy(page, page.locator('button[name="intent"][value="submit"]'));
    expect(status).toBe(400);
    expect(await page.locator(`input[name="level:${first}"][value="3"]`).isChecked()).toBe(true);
    expect(await page.locator(`textarea[name="comment:${first}"]`).inputValue()).toBe('Discussed once a year');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'assessment-answer-errors');
  });

  it('shows an accessible report with its chart and data table', async () => {
    const page = await browser.pageWithoutScript(world.server.baseUrl);
    await page.goto('/sign-in?lang=en');
    await page.locator('input[name="email"]').fill(world.users.actorA.email);
    await page.locator('input[name="password"]').fill(world.users.actorA.password);
    await navigateBy(page, page.locator('form[action^="/sign-in"] button[type="submit"]'));
    await page.goto(`/assessment/${assessmentId}/report`);
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    expect(await page.locator('table caption').first().textContent()).toBe('Scores per dimension');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'assessment-report');
    await page.goto(`/assessment/${assessmentId}/consensus`);
    await expectNoAxeViolations(page);
  });
});
