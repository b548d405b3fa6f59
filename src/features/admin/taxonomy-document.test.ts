import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../case-record/service.ts';
import { formatPath, jsonErrorOffset, readTaxonomy, taxonomyAsJson } from './taxonomy-document.ts';

/** A taxonomy as typed by hand: any field may hold anything. */
interface LooseTaxonomy {
  domains: { code: unknown; labels: Record<string, unknown> }[];
  themes: ({ code: unknown; domain: unknown; labels: Record<string, unknown> } & Record<string, unknown>)[];
}

/** The default taxonomy as JSON, changed by `edit` first. */
function edited(edit: (taxonomy: LooseTaxonomy) => void): string {
  const copy = structuredClone(defaultTaxonomy) as unknown as LooseTaxonomy;
  edit(copy);
  return JSON.stringify(copy);
}

const problemsOf = (text: string) => {
  const reading = readTaxonomy(text);
  return reading.ok ? [] : reading.problems;
};

describe('readTaxonomy', () => {
  it('accepts the default taxonomy as it is shown for editing', () => {
    expect(readTaxonomy(taxonomyAsJson(defaultTaxonomy))).toEqual({ ok: true, taxonomy: defaultTaxonomy });
  });

  it.each([
    ['a missing label', (t: LooseTaxonomy) => delete t.themes[3]!.labels.fr, { path: 'themes[3].labels.fr', kind: 'required' }],
    ['an empty label', (t: LooseTaxonomy) => (t.themes[0]!.labels.nl = '  '), { path: 'themes[0].labels.nl', kind: 'required' }],
    ['a label that is not text', (t: LooseTaxonomy) => (t.domains[1]!.labels.de = 3), { path: 'domains[1].labels.de', kind: 'wrongType', detail: 'string' }],
    ['a code with capitals', (t: LooseTaxonomy) => (t.themes[2]!.code = 'Fraud'), { path: 'themes[2].code', kind: 'codeFormat' }],
    ['a one-letter code', (t: LooseTaxonomy) => (t.themes[2]!.code = 'f'), { path: 'themes[2].code', kind: 'codeFormat' }],
    ['a duplicate theme code', (t: LooseTaxonomy) => (t.themes[5]!.code = t.themes[1]!.code), { path: 'themes[5].code', kind: 'duplicate' }],
    ['a duplicate domain', (t: LooseTaxonomy) => (t.domains[1] = t.domains[0]!), { path: 'domains[1].code', kind: 'duplicate' }],
    ['a third domain', (t: LooseTaxonomy) => t.domains.push(t.domains[0]!), { path: 'domains', kind: 'count', detail: '2' }],
    ['an unknown domain on a theme', (t: LooseTaxonomy) => (t.themes[0]!.domain = 'health'), { path: 'themes[0].domain', kind: 'notAllowed', detail: 'wellbeing, integrity' }],
    ['a misspelt field', (t: LooseTaxonomy) => (t.themes[0]!.lables = {}), { path: 'themes[0]', kind: 'unknownFields', detail: 'lables' }],
    ['a domain without themes', (t: LooseTaxonomy) => (t.themes = t.themes.filter((x) => x.domain !== 'wellbeing')), { path: 'themes', kind: 'emptyDomain', detail: 'wellbeing' }],
  ])('names the path of %s', (_name, edit, expected) => {
    expect(problemsOf(edited(edit))).toContainEqual(expect.objectContaining(expected));
  });

  it('reports the line and column of a JSON syntax error', () => {
    expect(problemsOf('{\n  "themes": [,]\n}')).toEqual([{ kind: 'notJson', line: 2, column: 14 }]);
  });

  it('reports every problem at once, not only the first', () => {
    const problems = problemsOf(edited((t) => ((t.themes[1]!.code = t.themes[0]!.code), (t.themes[2]!.code = 'X'), delete t.themes[4]!.labels.en)));
    expect(problems.map((p) => ('path' in p ? p.path : ''))).toEqual(expect.arrayContaining(['themes[1].code', 'themes[2].code', 'themes[4].labels.en']));
  });
});

describe('formatPath', () => {
  it.each([
    [['themes', 3, 'labels', 'fr'], 'themes[3].labels.fr'],
    [['domains'], 'domains'],
    [[], ''],
  ])('writes %j as %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1, 2', 5],
    ['{\n  "themes": [,]\n}', 15],
    ['{"a": tru}', 6],
    ['{"a": "b\nc"}', 8],
    ['{"a": [1, {"b": null}]} x', 24],
  ])('finds where %j goes wrong', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('finds nothing wrong in valid JSON', () => {
    expect(jsonErrorOffset(taxonomyAsJson(defaultTaxonomy))).toBeUndefined();
    expect(jsonErrorOffset('{"a": "\\"quoted\\"", "b": [-1.5e3, true, false, null, {}]}')).toBeUndefined();
  });
});
