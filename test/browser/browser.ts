/** Test helper: one headless Chromium per test file, pages with JavaScript off, keyboard helpers and an axe-core check. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { AxeResults, NodeResult, Result } from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';

/** Debian's chromium package; the tests drive the system browser, never a downloaded one. */
export const chromiumPath = '/usr/bin/chromium';

const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

const chromiumInstalled = fs.existsSync(chromiumPath);
// CI sets REQUIRE_BROWSER=1 so a missing browser fails the run instead of silently skipping it.
const browserRequired = process.env.REQUIRE_BROWSER === '1';

if (!chromiumInstalled && !browserRequired) {
  console.warn(
    `\n  Skipping the browser tests: ${chromiumPath} does not exist.\n` +
      `  Install Debian's chromium package (apt-get install chromium) to run them; CI sets REQUIRE_BROWSER=1 so they cannot be skipped there.\n`,
  );
}

/** `describe` where Chromium can run (or must: REQUIRE_BROWSER=1), `describe.skip` on a machine without it. */
export const describeInBrowser = describe.skipIf(!chromiumInstalled && !browserRequired);

/** When SCREENSHOT_DIR is set, tests save screenshots there for a person to look at. */
const screenshotDir = process.env.SCREENSHOT_DIR;

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axeSource = fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');

export interface BrowserSession {
  /** A fresh context and page with JavaScript disabled, as a reporter in Tor Browser's Safest mode would have it. */
  pageWithoutScript(baseUrl: string): Promise<Page>;
}

/** Launches Chromium once for the calling test file and closes every context a test opened after it. */
export function useBrowser(): BrowserSession {
  let browser: Browser | undefined;
  const contexts = new Set<BrowserContext>();

  beforeAll(async () => {
    if (!chromiumInstalled) throw new Error(`REQUIRE_BROWSER=1, but ${chromiumPath} does not exist: install Debian's chromium package.`);
    browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  });
  afterEach(async () => {
    await Promise.all([...contexts].map((context) => context.close()));
    contexts.clear();
  });
  afterAll(async () => {
    await browser?.close();
  });

  return {
    async pageWithoutScript(baseUrl) {
      if (!browser) throw new Error('the browser did not start');
      // A Belgian Dutch browser, so the language the app picks does not depend on the machine.
      const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseUrl, locale: 'nl-BE', viewport: { width: 1024, height: 768 } });
      contexts.add(context);
      return context.newPage();
    },
  };
}

function describeNode(node: NodeResult): string {
  const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
  return `    at ${node.target.join(' ')}\n      ${node.html.slice(0, 200)}\n      ${summary}`;
}

/** A readable account of axe's violations: rule, impact, help link and each offending element. */
export function describeViolations(violations: Result[]): string {
  return violations
    .map((violation) => `  [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${violation.nodes.map(describeNode).join('\n')}`)
    .join('\n');
}

/**
 * Checks the page as rendered against WCAG 2.1 A and AA with axe-core.
 *
 * Axe needs JavaScript (its timers do not run in a page with scripts disabled), so the exact HTML the
 * script-free page shows is replayed, at the same URL, in a separate page with JavaScript on; its
 * stylesheets still come from the app, so colour contrast is checked against the real CSS.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error('expectNoAxeViolations needs a page from a launched browser');
  const html = await page.content();
  const url = page.url().split('#')[0] ?? page.url();
  const viewport = page.viewportSize() ?? { width: 1024, height: 768 };
  const context = await browser.newContext({ bypassCSP: true, viewport });
  let results: Pick<AxeResults, 'violations'>;
  try {
    const axePage = await context.newPage();
    await axePage.route(
      (candidate) => candidate.href.split('#')[0] === url,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await axePage.goto(url);
    await axePage.evaluate(axeSource);
    results = await axePage.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
      const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return { violations };
    }, wcagTags);
  } finally {
    await context.close();
  }
  expect(results.violations, `axe found accessibility violations on ${url}:\n${describeViolations(results.violations)}`).toEqual([]);
}

/** Presses Tab until the focused element matches the selector (at most `limit` times); fails if it never does. */
export async function tabTo(page: Page, selector: string, limit = 30): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${limit} presses of Tab never reached ${selector}`);
}

/** A short description of the focused element, for assertions: tag, id and text. */
export function focusedElement(page: Page): Promise<{ tag: string; id: string; text: string; href: string | null }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      id: element?.id ?? '',
      text: element?.textContent?.trim() ?? '',
      href: element?.getAttribute('href') ?? null,
    };
  });
}

/** Saves a full-page screenshot to SCREENSHOT_DIR when it is set (for looking at the layout), otherwise does nothing. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Activates a submit button (or link) and waits for the page the navigation ends on; returns that page's HTTP status. */
export async function navigateBy(page: Page, control: Locator, how: 'click' | 'Enter' = 'click'): Promise<number> {
  const landed = page.waitForResponse(
    (response) => response.request().isNavigationRequest() && response.frame() === page.mainFrame() && (response.status() < 300 || response.status() >= 400),
  );
  try {
    if (how === 'click') await control.click();
    else await control.press('Enter');
  } catch (error) {
    landed.catch(() => undefined);
    throw error;
  }
  const response = await landed;
  await page.waitForLoadState('load');
  return response.status();
}
