import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../reporting/service.ts';
import { translator } from '../../platform/i18n/translate.ts';
import { indicatorIds, indicators, medianOfHistogram, percentage } from './indicators.ts';
import { Markdown } from './markdown.tsx';
import { tableCsv } from './open-data.ts';
import type { Statistics } from './queries.ts';
import { protectedTable, tableSpec, type TableContext } from './tables.ts';

const rules = { threshold: 5, protectionLevel: 3 };

function statistics(parts: Partial<Statistics> = {}): Statistics {
  return { period: { from: '2025-01-01', to: '2025-12-31' }, counts: [], acknowledgement: [], feedback: [], open: [], trend: [], ...parts };
}

const context: TableContext = {
  rules,
  taxonomy: defaultTaxonomy,
  entities: [
    { id: 'gov', parentId: null, name: 'Government', headcount: 1000 },
    { id: 'dep-a', parentId: 'gov', name: 'Department A', headcount: 600 },
    { id: 'dep-b', parentId: 'gov', name: 'Department B', headcount: 400 },
  ],
};

const theme = (category: string, domain: string, kind: string, n: number, inScope = true) => ({ dimension: 'theme' as const, category, kind, domain, inScope, n });
const channel = (category: string, kind: string, n: number) => ({ dimension: 'channel' as const, category, kind, domain: 'integrity', inScope: true, n });

describe('the indicator definitions', () => {
  it('define every indicator once, with a name, a description and a formula in every language', () => {
    expect(indicators.map((i) => i.id)).toEqual([...indicatorIds]);
    for (const indicator of indicators) {
      for (const text of Object.values(indicator.text)) {
        expect(text.name.trim(), indicator.id).not.toBe('');
        expect(text.description.trim(), indicator.id).not.toBe('');
        expect(text.formula.trim(), indicator.id).not.toBe('');
      }
    }
  });
});

describe('medians from day histograms', () => {
  it.each([
    ['an empty histogram', [], undefined],
    ['one value', [[3, 1]], 3],
    ['an odd count', [[1, 1], [2, 1], [9, 1]], 2],
    ['an even count: the mean of the two middle values', [[1, 1], [2, 1], [4, 1], [9, 1]], 3],
    ['repeated days', [[0, 10], [30, 1]], 0],
    ['zero counts are ignored', [[5, 0], [7, 2]], 7],
  ] as [string, [number, number][], number | undefined][])('%s', (_name, entries, expected) => {
    expect(medianOfHistogram(new Map(entries))).toBe(expected);
  });
});

describe('shares', () => {
  it.each([
    [3, 4, 75],
    [1, 3, 33.3],
    [null, 4, undefined],
    [3, null, undefined],
    [0, 0, undefined],
  ] as [number | null, number | null, number | undefined][])('%s of %s is %s %', (part, whole, expected) => {
    expect(percentage(part, whole)).toBe(expected);
  });
});

describe('the tables of the indicators', () => {
  it('counts contacts by type per domain, summing the themes', () => {
    const spec = tableSpec('contacts_by_type', statistics({ counts: [theme('fraud', 'integrity', 'report', 7), theme('leak', 'integrity', 'report', 2), theme('bullying', 'wellbeing', 'question', 9)] }), context);
    expect(spec.rows.map((r) => r.key)).toEqual(['question', 'report']);
    expect(spec.count('report', 'integrity')).toBe(9);
    expect(spec.count('question', 'wellbeing')).toBe(9);
    expect(spec.count('question', 'integrity')).toBe(0);
  });

  it('puts every theme of the taxonomy under its domain, also themes nobody reported', () => {
    const spec = tableSpec('contacts_by_theme', statistics({ counts: [theme('fraud', 'integrity', 'report', 7)] }), context);
    const keys = spec.rows.map((r) => `${r.depth}:${r.key}`);
    expect(keys[0]).toBe('0:wellbeing');
    expect(keys).toContain('1:bullying');
    expect(keys).toContain('0:integrity');
    expect(keys.indexOf('1:fraud')).toBeGreaterThan(keys.indexOf('0:integrity'));
  });

  it('classifies acknowledgements as within 7 days, later or not (yet)', () => {
    const spec = tableSpec('acknowledgement', statistics({ acknowledgement: [
      { domain: 'integrity', inScope: true, days: 7, within: null, n: 4 },
      { domain: 'integrity', inScope: true, days: 8, within: null, n: 2 },
      { domain: 'integrity', inScope: true, days: null, within: null, n: 1 },
    ] }), context);
    expect([spec.count('within', 'integrity'), spec.count('later', 'integrity'), spec.count('none', 'integrity')]).toEqual([4, 2, 1]);
  });

  it('puts the entity beside the rest of the organisation in an entity’s feedback', () => {
    const spec = tableSpec('contacts_by_channel', statistics({ counts: [{ ...channel('web', 'report', 6) }, { ...channel('web', 'report', 10), inScope: false }] }), { ...context, columnsByScope: true, rootEntityId: 'dep-a' });
    expect(spec.columns.map((c) => c.key)).toEqual(['entity', 'rest']);
    expect([spec.count('web', 'entity'), spec.count('web', 'rest')]).toEqual([6, 10]);
  });
});

describe('protected tables', () => {
  it('never lets a count between 1 and the threshold out, nor the cell that would give it away', async () => {
    const table = await protectedTable('contacts_by_channel', statistics({ counts: [channel('web', 'report', 20), channel('web', 'question', 30), channel('phone', 'report', 2), channel('phone', 'question', 12), channel('email', 'report', 15), channel('email', 'question', 9)] }), context);
    expect(table.status).toBe('released');
    const shown = Object.values(table.values).filter((v): v is number => v !== null);
    expect(shown.some((v) => v > 0 && v < 5)).toBe(false);
    expect(table.values['phone|report']).toBeNull();
    // The row total and the other cell of the row would give the 2 away: at least one of them is hidden too.
    expect(table.values['phone|*'] === null || table.values['phone|question'] === null).toBe(true);
    expect(table.suppressed).toBeGreaterThanOrEqual(2);
  });

  it('explains a table with no case at all instead of protecting nothing', async () => {
    const table = await protectedTable('contacts_by_channel', statistics(), context);
    expect(table.status).toBe('empty');
  });

  it('shows no number of a table too small to protect', async () => {
    const table = await protectedTable('contacts_by_channel', statistics({ counts: [channel('web', 'report', 2), channel('phone', 'question', 1)] }), context);
    expect(table.status).toBe('unprotectable');
    expect(Object.values(table.values).filter((v) => v !== null && v > 0 && v < 5)).toEqual([]);
  });

  it('publishes a median of days only with enough cases behind it', async () => {
    const few = await protectedTable('acknowledgement', statistics({ acknowledgement: [{ domain: 'integrity', inScope: true, days: 3, within: null, n: 4 }, { domain: 'wellbeing', inScope: true, days: 2, within: null, n: 30 }] }), context);
    const integrity = few.derived?.find((d) => d.column === 'integrity');
    expect(integrity?.medianDays).toBeNull();
    expect(few.derived?.find((d) => d.column === 'wellbeing')?.medianDays).toBe(2);
  });
});

describe('the commentary’s Markdown', () => {
  const html = (source: string) => renderToString(<Markdown source={source} />);

  it('renders paragraphs, lists, emphasis and safe links', () => {
    const out = html('Eerste *alinea* met **vet**.\n\n- een\n- twee\n\n1. eerst\n2. dan\n\nZie [de site](https://example.be).');
    expect(out).toContain('<em>alinea</em>');
    expect(out).toContain('<strong>vet</strong>');
    expect(out.match(/<li/g)?.length).toBe(4);
    expect(out).toContain('<ol');
    expect(out).toContain('href="https://example.be"');
  });

  it('escapes HTML and refuses script links', () => {
    const out = html('<script>alert(1)</script> [klik](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('href="javascript');
    expect(out).toContain('&lt;script>');
  });
});

describe('open data', () => {
  it('writes a CSV with suppressed cells empty and labels quoted when needed', async () => {
    const table = await protectedTable('contacts_by_channel', statistics({ counts: [channel('web', 'report', 20), channel('web', 'question', 30), channel('phone', 'report', 2), channel('phone', 'question', 12), channel('email', 'report', 15), channel('email', 'question', 9)] }), context);
    const csv = tableCsv(table, 'en', translator('en'));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('code,label,question,report,total');
    expect(lines.find((l) => l.startsWith('phone,'))).toMatch(/^phone,Phone,[0-9]*,,/);
    expect(lines.at(-1)).toMatch(/^\*,Total,/);
  });
});
