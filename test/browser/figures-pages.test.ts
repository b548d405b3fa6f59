import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPublication } from '../../src/features/figures/commands/create-publication.ts';
import { publishPublication } from '../../src/features/figures/commands/publish.ts';
import { saveCommentary, publicationScope } from '../../src/features/figures/commands/save-commentary.ts';
import { indicatorIds } from '../../src/features/figures/indicators.ts';
import { seedStatistics, startFiguresWorld, type FiguresWorld } from '../figures-world.ts';
import { describeInBrowser, expectNoAxeViolations, saveScreenshot, useBrowser } from './browser.ts';

const year = new Date().getUTCFullYear() - 1;

describeInBrowser('the public figures in a browser without JavaScript', () => {
  const browser = useBrowser();
  let world: FiguresWorld;

  beforeAll(async () => {
    world = await startFiguresWorld('pglite');
    const { large, small, government } = world.entities;
    await seedStatistics(world.server, { n: 60, entityId: large, receivedOn: `${year}-03-03`, measures: ['training'] });
    await seedStatistics(world.server, { n: 30, entityId: government, kind: 'question', domain: 'wellbeing', channel: 'phone', receivedOn: `${year}-05-05` });
    await seedStatistics(world.server, { n: 2, entityId: small, channel: 'letter', theme: 'leak', receivedOn: `${year}-08-08` });
    const created = await createPublication(world.server.database.db, world.adminId, { year, indicators: [...indicatorIds] });
    if (!created.ok) throw new Error(created.reason);
    await saveCommentary(world.server.database.db, world.adminId, publicationScope(created.id), [
      { section: 'introduction', language: 'nl', body: 'Een **druk** jaar.\n\n- meer vragen\n- [meer info](https://example.be)' },
    ]);
    const published = await publishPublication(world.server.database.db, world.adminId, { publicationId: created.id, reason: '', today: `${year + 1}-02-01` });
    if (!published.ok) throw new Error(published.reason);
  });
  afterAll(() => world.server.close());

  it('shows the archive and a year’s figures, charts with text alternatives and data tables, and passes axe', async () => {
    const page = await browser.pageWithoutScript(world.server.baseUrl);
    await page.goto('/figures?lang=en');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: `Read the figures ${year}` }).click();
    expect(new URL(page.url()).pathname).toBe(`/figures/${year}`);
    expect(await page.locator('h1').textContent()).toBe(`Figures ${year}`);
    const chart = page.getByRole('img', { name: /Contacts by channel/ });
    await expect(chart.count()).resolves.toBe(1);
    expect(await page.locator('table caption', { hasText: 'Contacts by channel' }).count()).toBe(1);
    expect(await page.context().cookies()).toEqual([]);
    await saveScreenshot(page, 'figures-public');
    await expectNoAxeViolations(page);
  });
});
