import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { languages } from '../../../platform/i18n/languages.ts';
import { builtInRiskModel, builtInRiskModelSource, readRiskModel } from './model.ts';

const source = builtInRiskModelSource();
const lines = source.split('\n');

/** The line number (from 1) of the n-th line matching a pattern, so the table below survives edits to the model. */
function lineOf(pattern: RegExp, nth = 1): number {
  let seen = 0;
  const index = lines.findIndex((line) => pattern.test(line) && ++seen === nth);
  if (index === -1) throw new Error(`no line matches ${pattern}`);
  return index + 1;
}

/** The built-in model with one line replaced (or removed, with null). */
function withLine(line: number, replacement: string | null): string {
  const copy = [...lines];
  if (replacement === null) copy.splice(line - 1, 1);
  else copy[line - 1] = replacement;
  return copy.join('\n');
}

describe('the built-in risk model', () => {
  it('is valid, cites its sources and speaks all four languages', () => {
    const model = builtInRiskModel();
    expect(model.inherentFactors.map((f) => f.code)).toEqual(
      expect.arrayContaining(['money', 'permits_subsidies', 'procurement', 'confidential_data', 'inspection_enforcement', 'personal_data', 'discretion', 'external_contacts']),
    );
    expect(model.enhancingFactors.map((f) => f.code)).toEqual(
      expect.arrayContaining(['turnover', 'no_separation_of_duties', 'weak_supervision', 'performance_pressure', 'complex_regulation', 'outsourcing']),
    );
    expect(model.controls.length).toBeGreaterThanOrEqual(5);
    for (const language of languages) {
      expect(model.description[language]).toMatch(/BIOS/);
      expect(model.description[language]).toMatch(/IntoSAINT/);
      expect(model.description[language]).toMatch(/OECD|OCDE/);
    }
    expect(model.sources.length).toBeGreaterThanOrEqual(3);
  });
});

describe('reading a model file with errors', () => {
  const money = lineOf(/code: money/);
  const moneyWeight = money + 1;
  const moneyLabelDe = lineOf(/de: Umgang mit Geld/);
  const moneyLabel = moneyLabelDe - 4;
  const secondEnhancingCode = lineOf(/code: no_separation_of_duties/);
  const high = lineOf(/^\s+high: 40/);

  it.each([
    { case: 'a word where a weight belongs', text: () => withLine(moneyWeight, '    weight: heavy'), line: moneyWeight, kind: 'wrongType', path: 'inherentFactors[0].weight' },
    { case: 'a weight out of range', text: () => withLine(moneyWeight, '    weight: 9'), line: moneyWeight, kind: 'outOfRange', path: 'inherentFactors[0].weight' },
    { case: 'a missing translation', text: () => withLine(moneyLabelDe, null), line: moneyLabel, kind: 'required', path: 'inherentFactors[0].label.de' },
    { case: 'an unknown field', text: () => withLine(money, '  - code: money\n    colour: red'), line: money + 1, kind: 'unknownField', path: 'inherentFactors[0].colour' },
    { case: 'a code used twice', text: () => withLine(secondEnhancingCode, '  - code: turnover'), line: secondEnhancingCode, kind: 'duplicate', path: 'enhancingFactors[1].code' },
    { case: 'thresholds in the wrong order', text: () => withLine(high, '    high: 10'), line: high, kind: 'thresholdOrder', path: 'scoring.thresholds.high' },
    { case: 'broken YAML', text: () => withLine(moneyWeight, '    weight: [3'), line: undefined, kind: 'syntax', path: '' },
  ])('names the line and the reason: $case', ({ text, line, kind, path }) => {
    const reading = readRiskModel(text());
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems[0]).toMatchObject({ kind, path });
    if (line !== undefined) expect(reading.problems[0]!.line).toBe(line);
    else expect(reading.problems[0]!.line).toBeGreaterThanOrEqual(moneyWeight);
  });

  it('reads the same model written as JSON, and names the line of a mistake in it', () => {
    const model = builtInRiskModel();
    const json = JSON.stringify(model, null, 2);
    expect(readRiskModel(json)).toEqual({ ok: true, model });
    const broken = JSON.stringify({ ...model, version: 'two' }, null, 2);
    const reading = readRiskModel(broken);
    expect(reading).toEqual({ ok: false, problems: [{ line: broken.split('\n').findIndex((l) => l.includes('"version"')) + 1, path: 'version', kind: 'wrongType' }] });
  });

  it('reports every problem, top of the file first', () => {
    const model = builtInRiskModel();
    const broken = stringify({ ...model, code: 'Bad Code', controls: [] });
    const reading = readRiskModel(broken);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map((p) => [p.path, p.kind])).toEqual([
      ['code', 'invalid'],
      ['controls', 'outOfRange'],
    ]);
    expect(reading.problems[0]!.line).toBe(1);
  });
});
