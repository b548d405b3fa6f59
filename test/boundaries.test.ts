/**
 * Specifies the boundaries `npm run lint` enforces with dependency-cruiser (.dependency-cruiser.cjs,
 * CONTRIBUTING.md "Boundaries"): a deliberately bad import in a small tree of the same shape as src/ is
 * reported under its rule's name, the lint command itself fails on it, and the real tree passes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const configFile = path.join(root, '.dependency-cruiser.cjs');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** Cruises `src` under baseDir with the project's own rules, as `npm run lint` does. */
async function violationsUnder(baseDir: string): Promise<Violation[]> {
  const options = await extractDepcruiseOptions(configFile);
  const tsConfigFile = path.join(baseDir, 'tsconfig.json');
  const result = await cruise(['src'], { ...options, baseDir, tsConfig: { fileName: tsConfigFile } }, {}, { tsConfig: extractTSConfig(tsConfigFile) });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((violation) => ({ rule: violation.rule.name, from: violation.from, to: violation.to }));
}

/** One module per line: its path under src/, and the modules (paths under src/) it imports. */
const tree: Record<string, string[]> = {
  // Allowed: a feature uses another through its service.ts; platform and ui beneath; a feature's test reaches in.
  'features/figures/service.ts': ['platform/db/client.ts'],
  'features/figures/publications.ts': ['features/admin/service.ts', 'ui/layout.tsx'],
  'features/figures/publications.test.ts': ['features/admin/queries.ts'],
  'features/figures/schema.ts': ['features/case-record/schema.ts'],
  'features/case-record/schema.ts': [],
  'features/figures/commands/publish.ts': ['features/case-record/schema.ts'],
  'features/admin/service.ts': ['features/admin/queries.ts'],
  'features/admin/queries.ts': ['platform/db/client.ts'],
  'features/case-record/service.ts': ['platform/db/client.ts'],
  'features/reporting/routes.tsx': ['features/case-record/service.ts'],
  'features/cases/routes.tsx': ['features/case-record/service.ts'],
  'features/cases/service.ts': [],
  'ui/layout.tsx': ['platform/i18n/translate.ts'],
  'platform/i18n/translate.ts': [],
  'platform/db/client.ts': [],
  'app.ts': ['features/reporting/routes.tsx', 'features/cases/routes.tsx', 'features/admin/queries.ts'],
  // Each of these breaks one rule.
  'features/reporting/intake.ts': ['features/cases/service.ts'],
  'features/cases/case-page.ts': ['features/reporting/service.ts'],
  'features/reporting/service.ts': [],
  'features/case-record/store.ts': ['features/cases/service.ts'],
  'features/figures/tables.ts': ['features/admin/queries.ts'],
  'platform/http/errors.ts': ['ui/layout.tsx'],
  'platform/audit/audit.ts': ['features/figures/service.ts'],
  'ui/nav.tsx': ['features/admin/service.ts'],
  'cli/main.ts': ['features/admin/queries.ts'],
  'features/home/routes.tsx': ['app.ts'],
  'features/home/a.ts': ['features/home/b.ts'],
  'features/home/b.ts': ['features/home/a.ts'],
};

function writeTree(baseDir: string): void {
  for (const [file, imports] of Object.entries(tree)) {
    const target = path.join(baseDir, 'src', file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const lines = imports.map((imported, i) => {
      const relative = path.relative(path.dirname(target), path.join(baseDir, 'src', imported));
      return `import * as m${i} from '${relative.startsWith('.') ? relative : `./${relative}`}';\nexport const use${i} = m${i};`;
    });
    fs.writeFileSync(target, `${lines.join('\n')}\nexport const name = '${file}';\n`);
  }
  fs.copyFileSync(path.join(root, 'tsconfig.json'), path.join(baseDir, 'tsconfig.json'));
}

describe('the boundaries npm run lint enforces', () => {
  let baseDir: string;
  let violations: Violation[];

  beforeAll(async () => {
    baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bureau-boundaries-'));
    writeTree(baseDir);
    violations = await violationsUnder(baseDir);
  }, 60_000);

  afterAll(() => fs.rmSync(baseDir, { recursive: true, force: true }));

  it.each([
    ['reporting-not-back-office', 'src/features/reporting/intake.ts', 'src/features/cases/service.ts'],
    ['cases-not-reporting', 'src/features/cases/case-page.ts', 'src/features/reporting/service.ts'],
    ['case-record-beneath-both', 'src/features/case-record/store.ts', 'src/features/cases/service.ts'],
    ['feature-through-service', 'src/features/figures/tables.ts', 'src/features/admin/queries.ts'],
    ['platform-knows-no-feature', 'src/platform/http/errors.ts', 'src/ui/layout.tsx'],
    ['platform-knows-no-feature', 'src/platform/audit/audit.ts', 'src/features/figures/service.ts'],
    ['ui-knows-no-feature', 'src/ui/nav.tsx', 'src/features/admin/service.ts'],
    ['cli-through-service', 'src/cli/main.ts', 'src/features/admin/queries.ts'],
    ['feature-through-service', 'src/features/figures/commands/publish.ts', 'src/features/case-record/schema.ts'],
    ['features-not-composition-roots', 'src/features/home/routes.tsx', 'src/app.ts'],
  ])('reports %s for %s importing %s', (rule, from, to) => {
    expect(violations).toContainEqual({ rule, from, to });
  });

  it('reports an import cycle as no-cycle', () => {
    expect(violations).toContainEqual({ rule: 'no-cycle', from: 'src/features/home/a.ts', to: 'src/features/home/b.ts' });
  });

  it("lets a feature use another's service.ts, a schema name another's table, a test reach in, and app.ts assemble the routes", () => {
    const allowed = ['src/features/figures/publications.ts', 'src/features/figures/schema.ts', 'src/features/figures/publications.test.ts', 'src/features/reporting/routes.tsx', 'src/features/cases/routes.tsx', 'src/app.ts'];
    expect(violations.filter((v) => allowed.includes(v.from))).toEqual([]);
  });

  it('reports nothing else', () => {
    expect(violations).toHaveLength(11);
  });

  it('makes the lint command fail, naming the rule', async () => {
    const bin = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
    const run = promisify(execFile)(process.execPath, [bin, 'src', '--config', configFile, '--output-type', 'err'], { cwd: baseDir });
    await expect(run).rejects.toMatchObject({ code: expect.any(Number), stdout: expect.stringContaining('reporting-not-back-office') });
  }, 60_000);
});

describe('the source tree', () => {
  it('keeps every boundary', async () => {
    expect(await violationsUnder(root)).toEqual([]);
  }, 120_000);
});
