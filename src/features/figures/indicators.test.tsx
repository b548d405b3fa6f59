import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../case-record/service.ts';
import { translator } from '../../platform/i18n/translate.ts';
import { indicatorIds, indicators, medianOfHistogram, percentage } from './indicators.ts';
import { Markdown } from './markdown.tsx';
import { tableCsv } from './open-data.ts';
import type { Statistics } from './queries.ts';
import { policyTables } from './compute.ts';
import { auditLinkedTables, linkTables, protectLinkedTables } from './disclosure/linked.ts';
import { cellMeaning, linkedTables, protectedTable, protectedTables, tableSpec, type PublishedTable, type TableContext } from './tables.ts';

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

/**
 * A year of cases as the statistical record holds them, drawn from a seeded generator so that a failure repeats.
 * About 6 % of them lie in Department A: the counts carry `inScope` for that entity's feedback.
 */
function recordedYear(seed: number): Statistics {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() ** 1.6 * items.length)] as T;
  const themes = defaultTaxonomy.themes;
  const counts = new Map<string, Statistics['counts'][number]>();
  const add = <T extends { n: number }>(into: Map<string, T>, key: string, item: Omit<T, 'n'>) => {
    const known = into.get(key);
    if (known) known.n += 1;
    else into.set(key, { ...item, n: 1 } as T);
  };
  const acknowledgement = new Map<string, Statistics['acknowledgement'][number]>();
  const feedback = new Map<string, Statistics['feedback'][number]>();
  const open = new Map<string, Statistics['open'][number]>();
  const trend = new Map<string, Statistics['trend'][number]>();
  for (const year of [2021, 2022, 2023, 2024, 2025]) {
    for (let i = 0; i < (year === 2025 ? 260 : 60); i++) {
      const theme = pick(themes);
      const domain = theme.domain;
      const kind = random() < 0.35 ? 'question' : 'report';
      add(trend, `${year}|${domain}`, { year, domain, inScope: true });
      const closed = random() < (year === 2025 ? 0.6 : 0.95);
      if (!closed) add(open, `${kind}|${domain}`, { kind, domain, inScope: true });
      if (year !== 2025) continue;
      const entity = random() < 0.06 ? 'dep-a' : pick(['dep-b', 'gov']);
      const base = { kind, domain, inScope: entity === 'dep-a' };
      const count = (dimension: Statistics['counts'][number]['dimension'], category: string) => add(counts, `${dimension}|${category}|${kind}|${domain}|${base.inScope}`, { dimension, category, ...base });
      count('theme', theme.code);
      count('channel', pick(['web', 'phone', 'email', 'letter', 'in_person']));
      count('requesterRole', pick(['staff', 'manager', 'confidential_person', 'integrity_contact', 'hr', 'other']));
      count('identityChoice', pick(['anonymous', 'confidential', 'named']));
      count('outcome', pick(['none', 'founded', 'partly_founded', 'unfounded', 'not_investigated']));
      count('entity', entity);
      for (const measure of new Set([pick(['none', 'advice', 'mediation', 'training', 'disciplinary']), ...(random() < 0.2 ? ['training'] : [])])) count('measure', measure);
      if (kind === 'report') {
        const ackDays = random() < 0.1 ? null : Math.floor(random() * 12);
        const fbDays = random() < 0.2 ? null : 20 + Math.floor(random() * 90);
        add(acknowledgement, `${domain}|${ackDays}|${base.inScope}`, { domain, inScope: base.inScope, days: ackDays, within: null });
        add(feedback, `${domain}|${fbDays}|${base.inScope}`, { domain, inScope: base.inScope, days: fbDays, within: fbDays === null ? null : fbDays <= 97 });
      }
    }
  }
  return statistics({ counts: [...counts.values()], acknowledgement: [...acknowledgement.values()], feedback: [...feedback.values()], open: [...open.values()], trend: [...trend.values()] });
}

const asPublished = (tables: PublishedTable[]) => (name: string) => new Map(Object.entries(tables.find((t) => t.id === name)?.values ?? {}));

describe('tables published together', () => {
  it('recognise the same count in different tables', () => {
    const meaning = (id: Parameters<typeof cellMeaning>[0], key: string) => cellMeaning(id, statistics(), context)(key);
    expect(meaning('contacts_by_theme', 'integrity|question')).toBe(meaning('contacts_by_type', 'question|integrity'));
    expect(meaning('contacts_by_channel', '*|report')).toBe(meaning('contacts_by_type', 'report|*'));
    expect(meaning('contacts_by_entity', '*|*')).toBe(meaning('contacts_by_type', '*|*'));
    expect(meaning('acknowledgement', '*|integrity')).toBe(meaning('contacts_by_type', 'report|integrity'));
    expect(meaning('trend', '2025|wellbeing')).toBe(meaning('contacts_by_type', '*|wellbeing'));
    // Other years, cases still open and mentions of measures count other things.
    expect(meaning('trend', '2024|wellbeing')).not.toBe(meaning('contacts_by_type', '*|wellbeing'));
    expect(meaning('open_at_period_end', 'report|*')).not.toBe(meaning('contacts_by_type', 'report|*'));
    expect(meaning('measures', '*|report')).not.toBe(meaning('contacts_by_type', 'report|*'));
    expect(meaning('contacts_by_entity', 'gov#own|report')).not.toBe(meaning('contacts_by_entity', 'gov|report'));
  });

  it('protected one by one leak: the reports per domain of one give away the small count the other hides', async () => {
    const year = statistics({
      counts: [theme('conflict', 'wellbeing', 'question', 2), theme('fraud', 'integrity', 'question', 20), theme('conflict', 'wellbeing', 'report', 30), theme('fraud', 'integrity', 'report', 40)],
      acknowledgement: [
        { domain: 'wellbeing', inScope: true, days: 3, within: null, n: 24 },
        { domain: 'wellbeing', inScope: true, days: 10, within: null, n: 6 },
        { domain: 'integrity', inScope: true, days: 2, within: null, n: 33 },
        { domain: 'integrity', inScope: true, days: 12, within: null, n: 7 },
      ],
    });
    const ids = ['contacts_by_type', 'acknowledgement'] as const;
    const oneByOne = [await protectedTable('contacts_by_type', year, context), await protectedTable('acknowledgement', year, context)];
    expect(oneByOne.map((t) => t.status)).toEqual(['released', 'released']);
    expect(oneByOne[0]?.values['question|wellbeing']).toBeNull();
    expect((await auditLinkedTables(linkedTables(ids, year, context), asPublished(oneByOne), rules)).ok).toBe(false);

    const together = await protectedTables(ids, year, context);
    expect(together[0]?.values['question|wellbeing']).toBeNull();
    expect((await auditLinkedTables(linkedTables(ids, year, context), asPublished(together), rules)).ok).toBe(true);
  });

  it.each([1, 2, 3])('release a whole publication that passes the joint audit (seed %i)', async (seed) => {
    const year = recordedYear(seed);
    const tables = await protectedTables(indicatorIds, year, context);
    expect(tables.every((t) => t.status === 'released')).toBe(true);
    expect(tables.flatMap((t) => Object.values(t.values)).some((v) => v !== null && v > 0 && v < rules.threshold)).toBe(false);
    const audit = await auditLinkedTables(linkedTables(indicatorIds, year, context), asPublished(tables), rules);
    expect(audit.problems).toEqual([]);
    expect(audit.intervals.filter((i) => !i.safe)).toEqual([]);
    // The shared counts agree wherever they are shown.
    const [byType, byTheme, , , , , , , acknowledged] = tables;
    expect(byTheme?.values['integrity|report']).toBe(byType?.values['report|integrity']);
    expect(acknowledged?.values['*|wellbeing']).toBe(byType?.values['report|wellbeing']);
  });

  // Seeds where Department A has 12 and 9 cases; protected one by one, its feedback told exactly how many were questions.
  it.each([4, 17])('keep a small entity’s feedback safe where tables protected one by one gave it away (seed %i)', async (seed) => {
    const year = recordedYear(seed);
    const scoped: TableContext = { ...context, columnsByScope: true, rootEntityId: 'dep-a' };
    const ids = ['contacts_by_type', 'contacts_by_theme', 'contacts_by_channel', 'contacts_by_requester_role', 'contacts_by_identity_choice', 'outcomes', 'acknowledgement', 'feedback'] as const;
    const oneByOne = await Promise.all(ids.map((id) => protectedTable(id, year, scoped)));
    const leaked = await auditLinkedTables(linkedTables(ids, year, scoped), asPublished(oneByOne), rules);
    const questions = leaked.intervals.find((i) => i.key.startsWith('received|kind=question|scope=entity='));
    expect(questions?.safe).toBe(false);
    expect(questions?.lower).toBe(questions?.upper);

    const together = await protectedTables(ids, year, scoped);
    expect(together.every((t) => t.status === 'released')).toBe(true);
    expect(together[0]?.values['question|entity']).toBeNull();
    expect((await auditLinkedTables(linkedTables(ids, year, scoped), asPublished(together), rules)).ok).toBe(true);
  });
});

describe('the policy page’s tables', () => {
  const figures = [2024, 2025].flatMap((year) => [
    { year, domain: 'wellbeing', contacts: 60, contactsWithHeadcount: 50, reports: 40, acknowledgedInTime: 38, feedbackInTime: year === 2025 ? 2 : 30 },
    { year, domain: 'integrity', contacts: 30, contactsWithHeadcount: 30, reports: 25, acknowledgedInTime: 24, feedbackInTime: year === 2025 ? 1 : 20 },
  ]);

  it('share the reports of each year between the two tables on timeliness', () => {
    const { keyOf } = linkTables(policyTables(figures, 2024, 2025));
    expect(keyOf('acknowledged', '2025|*')).toBe(keyOf('feedback', '2025|*'));
    expect(keyOf('acknowledged', '*|*')).toBe(keyOf('feedback', '*|*'));
    expect(keyOf('acknowledged', '2025|*')).not.toBe(keyOf('contacts', '2025|*'));
    expect(keyOf('acknowledged', '2025|in_time')).not.toBe(keyOf('feedback', '2025|in_time'));
  });

  it('are released only as a whole that passes the joint audit', async () => {
    const tables = policyTables(figures, 2024, 2025);
    const { protection, valuesOf } = await protectLinkedTables(tables, rules);
    expect(protection.status).toBe('released');
    expect(valuesOf('feedback').get('2025|in_time')).toBeNull();
    expect(valuesOf('acknowledged').get('2025|*')).toBe(valuesOf('feedback').get('2025|*'));
    expect((await auditLinkedTables(tables, valuesOf, rules)).ok).toBe(true);
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
