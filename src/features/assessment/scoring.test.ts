import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minimumEntitiesForBenchmark, peerBenchmark } from './benchmark.ts';
import { readConsensusForm } from './consensus-form.ts';
import { readAnswerForm } from './answer-form.ts';
import { readModelDocument } from './model-document.ts';
import type { MaturityModel } from './model-definition.ts';
import { gaps, nextSteps, overallScore, reachedLevel, scoreDimensions, strengths } from './scoring.ts';
import { answerSpread, minimumParticipantsForSpread } from './spread.ts';

const text = (s: string) => ({ nl: s, fr: s, en: s, de: s });
const five = (prefix: string) => [1, 2, 3, 4, 5].map((n) => text(`${prefix} ${n}`));

/** A small model: dimensions a (weight 3), b (weight 1), c (weight 2), two questions each. */
const model: MaturityModel = {
  code: 'small',
  title: text('Small'),
  description: text('A small model'),
  levelNames: five('level'),
  dimensions: (['a', 'b', 'c'] as const).map((code, i) => ({
    code,
    title: text(code.toUpperCase()),
    weight: [3, 1, 2][i]!,
    levels: five(`${code} descriptor`),
    questions: [{ code: `${code}.1`, text: text(`${code} one`) }, { code: `${code}.2`, text: text(`${code} two`) }],
    recommendations: five(`${code} step`),
  })),
};

const agreed = (levels: Record<string, number>) => new Map(Object.entries(levels));

describe('maturity scoring', () => {
  it.each<{ levels: Record<string, number>; scores: (number | null)[]; overall: number | null }>([
    { levels: { 'a.1': 1, 'a.2': 2, 'b.1': 5, 'b.2': 5, 'c.1': 3, 'c.2': 4 }, scores: [1.5, 5, 3.5], overall: (3 * 1.5 + 5 + 2 * 3.5) / 6 },
    { levels: { 'a.1': 4 }, scores: [4, null, null], overall: 4 },
    { levels: {}, scores: [null, null, null], overall: null },
  ])('scores each dimension as the mean of its agreed levels and weighs the overall score ($scores)', ({ levels, scores, overall }) => {
    const result = scoreDimensions(model, agreed(levels));
    expect(result.map((s) => s.score)).toEqual(scores);
    if (overall === null) expect(overallScore(result)).toBeNull();
    else expect(overallScore(result)).toBeCloseTo(overall, 10);
  });

  it.each([
    [1, 1],
    [2.99, 2],
    [3, 3],
    [4.5, 4],
    [5, 5],
  ])('takes %s as having reached level %s', (score, level) => {
    expect(reachedLevel(score)).toBe(level);
  });

  it('orders next steps by weight × gap, the model order breaking ties, with the recommendation of the reached level', () => {
    // a: 3 × (5 − 2) = 9; b: 1 × (5 − 1) = 4; c: 2 × (5 − 3) = 4 → a, b, c.
    const scores = scoreDimensions(model, agreed({ 'a.1': 2, 'a.2': 2, 'b.1': 1, 'b.2': 1, 'c.1': 3, 'c.2': 3 }));
    const steps = nextSteps(model, scores);
    expect(steps.map((s) => [s.dimensionCode, s.priority, s.level, s.recommendation.en])).toEqual([
      ['a', 9, 2, 'a step 2'],
      ['b', 4, 1, 'b step 1'],
      ['c', 4, 3, 'c step 3'],
    ]);
  });

  it('puts a heavy dimension with a small gap after a light one with a large gap when its product is smaller', () => {
    const scores = scoreDimensions(model, agreed({ 'a.1': 4, 'a.2': 4, 'b.1': 1, 'b.2': 1 }));
    expect(nextSteps(model, scores).map((s) => s.dimensionCode)).toEqual(['b', 'a']);
  });

  it('calls 4 and above a strength and below 3 a gap', () => {
    const scores = scoreDimensions(model, agreed({ 'a.1': 4, 'a.2': 5, 'b.1': 2, 'b.2': 3, 'c.1': 3, 'c.2': 3 }));
    expect(strengths(scores).map((s) => s.code)).toEqual(['a']);
    expect(gaps(scores).map((s) => s.code)).toEqual(['b']);
  });
});

describe('the spread of answers', () => {
  const answers = [
    { questionCode: 'a.1', level: 2 },
    { questionCode: 'a.1', level: 2 },
    { questionCode: 'a.1', level: 5 },
    { questionCode: 'a.2', level: null },
  ];

  it.each([0, 1, 2])('stays hidden with %s submitted participants', (submitted) => {
    expect(answerSpread(answers, submitted).visible).toBe(false);
  });

  it(`shows counts per level from ${minimumParticipantsForSpread} submitted participants`, () => {
    const spread = answerSpread(answers, 3);
    if (!spread.visible) throw new Error('hidden');
    expect(spread.counts.get('a.1')).toEqual([0, 2, 0, 0, 1]);
    expect(spread.counts.has('a.2')).toBe(false);
  });

  it('lists comments and evidence sorted by their text, not in the order participants answered', () => {
    const spread = answerSpread(
      [
        { questionCode: 'a.1', level: 2, comment: 'Zero follow-up', evidenceUrl: '' },
        { questionCode: 'a.1', level: 3, comment: '', evidenceUrl: '' },
        { questionCode: 'a.1', level: 4, comment: 'A memo exists', evidenceUrl: 'https://intranet.example/memo' },
      ],
      3,
    );
    if (!spread.visible) throw new Error('hidden');
    expect(spread.notes.get('a.1')!.map((n) => n.comment)).toEqual(['A memo exists', 'Zero follow-up']);
  });
});

describe('the peer benchmark', () => {
  const aggregate = (entities: number) => ({ entities, overall: { q1: 2, median: 3, q3: 4 }, dimensions: new Map([['a', { q1: 1, median: 2, q3: 3 }]]) });

  it.each([
    [0, false],
    [1, false],
    [4, false],
    [5, true],
    [500, true],
  ])('with %s other entities is shown: %s', (entities, shown) => {
    expect(peerBenchmark(aggregate(entities)).shown).toBe(shown);
  });

  it(`reveals nothing but the count below ${minimumEntitiesForBenchmark} entities`, () => {
    expect(peerBenchmark(aggregate(4))).toEqual({ shown: false, entities: 4 });
  });
});

describe('reading a model document', () => {
  const shipped = fs.readFileSync(new URL('./models/integrity-maturity.yaml', import.meta.url), 'utf8');

  it('accepts the shipped model: 10 dimensions, 60 questions, citing the OECD and IntoSAINT in four languages', () => {
    const reading = readModelDocument(shipped);
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    expect(reading.model.dimensions).toHaveLength(10);
    expect(reading.model.dimensions.flatMap((d) => d.questions)).toHaveLength(60);
    for (const lang of ['nl', 'fr', 'en', 'de'] as const) {
      expect(reading.model.description[lang]).toMatch(/OE[SC]D|OCDE/);
      expect(reading.model.description[lang]).toContain('IntoSAINT');
    }
  });

  it('accepts the same model as JSON', () => {
    const reading = readModelDocument(JSON.stringify(model, null, 2));
    expect(reading.ok).toBe(true);
  });

  /** The shipped model with one line replaced; returns the document and the 1-based line changed. */
  function withLine(find: string, replace: string): { source: string; line: number } {
    const lines = shipped.split('\n');
    const index = lines.findIndex((l) => l.includes(find));
    lines[index] = lines[index]!.replace(find, replace);
    return { source: lines.join('\n'), line: index + 1 };
  }

  it.each([
    { name: 'a weight that is not a number', find: 'weight: 3', replace: 'weight: heavy', kind: 'wrongType', path: 'dimensions.0.weight' },
    { name: 'a negative weight', find: 'weight: 3', replace: 'weight: -1', kind: 'outOfRange', path: 'dimensions.0.weight' },
    { name: 'a code with capitals', find: 'code: leadership.example', replace: 'code: Leadership.Example', kind: 'invalidCode', path: 'dimensions.0.questions.1.code' },
    { name: 'a duplicate question code', find: 'code: leadership.example', replace: 'code: leadership.commitment', kind: 'duplicate', path: 'dimensions.0.questions.1.code' },
    { name: 'an unknown field', find: 'weight: 2', replace: 'wieght: 2', kind: 'unknownField', path: 'dimensions.1' },
  ])('points at the line of $name', ({ find, replace, kind, path }) => {
    const { source, line } = withLine(find, replace);
    const reading = readModelDocument(source);
    if (reading.ok) throw new Error('accepted');
    expect(reading.problems).toContainEqual(expect.objectContaining({ kind, path, line }));
  });

  it('names the line of a syntax error', () => {
    const { source, line } = withLine('code: leadership.dialogue', 'code: [leadership.dialogue');
    const reading = readModelDocument(source);
    if (reading.ok) throw new Error('accepted');
    expect(reading.problems[0]!.kind).toBe('syntax');
    expect(reading.problems[0]!.line).toBeGreaterThanOrEqual(line);
    expect(reading.problems[0]!.line).toBeLessThanOrEqual(line + 2);
  });

  it('says a dimension has the wrong number of levels, on the line of its levels', () => {
    const source = shipped.replace(/(    levels:\n)(      - .*\n)/, '$1');
    const expectedLine = source.split('\n').findIndex((l) => l === '    levels:') + 1;
    const reading = readModelDocument(source);
    if (reading.ok) throw new Error('accepted');
    expect(reading.problems[0]).toMatchObject({ kind: 'count', path: 'dimensions.0.levels', line: expectedLine });
  });

  it('refuses an empty document and a missing field', () => {
    expect(readModelDocument('  ')).toEqual({ ok: false, problems: [{ line: 1, kind: 'empty', path: '' }] });
    const reading = readModelDocument('code: x\n');
    if (reading.ok) throw new Error('accepted');
    expect(reading.problems.map((p) => p.kind)).toContain('missing');
  });
});

describe('reading the consensus form', () => {
  const all = (level: string) => Object.fromEntries(model.dimensions.flatMap((d) => d.questions.map((q) => [`level:${q.code}`, level])));

  it('accepts agreed levels and complete dimensions', () => {
    const reading = readConsensusForm(model, { ...all('3'), 'complete:a': 'on', 'remark:a.1': ' fine ' });
    if (!reading.ok) throw new Error('refused');
    expect(reading.input.levels.get('a.1')).toBe(3);
    expect(reading.input.remarks.get('a.1')).toBe('fine');
    expect(reading.input.dimensions.get('a')).toEqual({ complete: true, remark: '' });
  });

  it.each([['0'], ['6'], ['2.5'], ['x']])('refuses the level %s as outside the scale', (level) => {
    const reading = readConsensusForm(model, { ...all('3'), 'level:b.2': level });
    if (reading.ok) throw new Error('accepted');
    expect(reading.problems.get('level:b.2')).toEqual({ kind: 'outOfRange' });
  });

  it('refuses a dimension marked complete with a question left without a level', () => {
    const reading = readConsensusForm(model, { ...all('3'), 'level:c.1': '', 'complete:c': 'on', 'complete:a': 'on' });
    if (reading.ok) throw new Error('accepted');
    expect([...reading.problems]).toEqual([['complete:c', { kind: 'incomplete', missing: 1 }]]);
  });

  it('lets a dimension without every level be saved when it is not marked complete', () => {
    expect(readConsensusForm(model, { 'level:a.1': '2' }).ok).toBe(true);
  });
});

describe('reading the answer form', () => {
  it('keeps a draft with gaps, but asks for every level on submission', () => {
    const values = { 'level:a.1': '2', 'comment:a.1': 'We have a note', 'evidence:a.1': 'https://intranet.example/note' };
    expect(readAnswerForm(model, values, 'save').problems.size).toBe(0);
    const submitted = readAnswerForm(model, values, 'submit');
    expect(submitted.problems.size).toBe(5);
    expect(submitted.problems.get('level:a.2')).toBe('required');
  });

  it.each([
    ['javascript:alert(1)', 'notALink'],
    ['intranet/note', 'notALink'],
    ['http://intranet.example/note', undefined],
  ])('checks the evidence link %s', (link, problem) => {
    expect(readAnswerForm(model, { 'evidence:a.1': link }, 'save').problems.get('evidence:a.1')).toBe(problem);
  });
});
