import { describe, expect, it } from 'vitest';
import type { RiskModel } from './model.ts';
import { classify, missingRatings, riskProfile, scoreProcess, suggestedMeasures, type ProcessRatings } from './score.ts';

const texts = (word: string) => ({ nl: word, fr: word, en: word, de: word });

/** A small model with round weights, so every figure below can be worked out by hand. */
const model: RiskModel = {
  code: 'test-model',
  version: 1,
  title: texts('Test'),
  description: texts('Test'),
  sources: [{ title: 'Test', url: 'https://example.org/' }],
  scoring: { enhancingAmplification: 0.5, thresholds: { medium: 20, high: 40 }, controlTarget: 3 },
  inherentFactors: [
    { code: 'money', weight: 3, label: texts('Money'), description: texts('-') },
    { code: 'contacts', weight: 1, label: texts('Contacts'), description: texts('-') },
  ],
  enhancingFactors: [
    { code: 'turnover', weight: 1, label: texts('Turnover'), description: texts('-'), measure: texts('Onboard') },
    { code: 'pressure', weight: 2, label: texts('Pressure'), description: texts('-'), measure: texts('Realistic targets') },
  ],
  controls: [
    { code: 'procedures', weight: 1, label: texts('Procedures'), description: texts('-'), measure: texts('Write down') },
    { code: 'four_eyes', weight: 3, label: texts('Four eyes'), description: texts('-'), measure: texts('Second signature') },
  ],
};

function ratings(inherent: [number, number], enhancing: [number, number], controls: [number, number]): ProcessRatings {
  return {
    inherent: { money: inherent[0], contacts: inherent[1] } as ProcessRatings['inherent'],
    enhancing: { turnover: enhancing[0], pressure: enhancing[1] } as ProcessRatings['enhancing'],
    controls: { procedures: controls[0], four_eyes: controls[1] } as ProcessRatings['controls'],
    comments: {},
  };
}

describe('scoring one process', () => {
  it.each([
    // inherent, enhancing, controls → inherent, enhancing, vulnerability, resilience, residual, level
    { case: 'nothing vulnerable', r: ratings([0, 0], [3, 3], [1, 1]), expected: [0, 100, 0, 0, 0, 'low'] },
    { case: 'fully vulnerable, no controls', r: ratings([3, 3], [0, 0], [1, 1]), expected: [100, 0, 100, 0, 100, 'high'] },
    { case: 'enhancing factors raise it, capped at 100', r: ratings([3, 0], [3, 3], [1, 1]), expected: [75, 100, 100, 0, 100, 'high'] },
    { case: 'perfect controls leave nothing', r: ratings([3, 3], [3, 3], [5, 5]), expected: [100, 100, 100, 100, 0, 'low'] },
    { case: 'a worked example', r: ratings([2, 1], [1, 0], [3, 2]), expected: [58.3, 11.1, 61.6, 31.3, 42.3, 'high'] },
    { case: 'medium from the threshold up', r: ratings([1, 1], [0, 0], [1, 1]), expected: [33.3, 0, 33.3, 0, 33.3, 'medium'] },
    { case: 'controls bring a process down to low', r: ratings([1, 1], [0, 0], [3, 3]), expected: [33.3, 0, 33.3, 50, 16.7, 'low'] },
  ])('$case', ({ r, expected }) => {
    const score = scoreProcess(model, r);
    expect([score.inherent, score.enhancing, score.vulnerability, score.resilience, score.residual, score.level]).toEqual(expected);
  });

  it.each([
    [0, 'low'],
    [19.9, 'low'],
    [20, 'medium'],
    [39.9, 'medium'],
    [40, 'high'],
    [100, 'high'],
  ] as const)('classifies a residual risk of %s as %s', (residual, level) => {
    expect(classify(model, residual)).toBe(level);
  });
});

describe('what is still to rate', () => {
  it.each([
    { case: 'nothing rated', r: { inherent: {}, enhancing: {}, controls: {}, comments: {} }, missing: ['inherent.money', 'inherent.contacts', 'enhancing.turnover', 'enhancing.pressure', 'control.procedures', 'control.four_eyes'] },
    { case: 'everything rated', r: ratings([0, 0], [0, 0], [1, 1]), missing: [] },
    { case: 'a zero counts as an answer', r: { ...ratings([0, 0], [0, 0], [1, 1]), controls: { procedures: 1 } } as ProcessRatings, missing: ['control.four_eyes'] },
  ])('$case', ({ r, missing }) => {
    expect(missingRatings(model, r)).toEqual(missing);
  });
});

describe('suggested measures', () => {
  it.each([
    { case: 'none when factors are low and controls at target', r: ratings([3, 3], [1, 1], [3, 4]), measures: [] },
    {
      case: 'substantial factors and weak controls, weight × gap first',
      r: ratings([3, 3], [3, 2], [1, 2]),
      // pressure 2×2=4, turnover 1×3=3, four_eyes 3×(3−2)=3, procedures 1×(3−1)=2; ties keep the model's order
      measures: [
        ['enhancing', 'pressure', 4],
        ['enhancing', 'turnover', 3],
        ['control', 'four_eyes', 3],
        ['control', 'procedures', 2],
      ],
    },
  ])('$case', ({ r, measures }) => {
    expect(suggestedMeasures(model, r).map((m) => [m.kind, m.code, m.priority])).toEqual(measures);
  });
});

describe('the vulnerability profile', () => {
  it('puts the processes that need measures first at the top, leaves unrated ones out and counts the levels', () => {
    const profile = riskProfile(model, [
      { id: '1', name: 'Archive', ratings: ratings([0, 1], [0, 0], [3, 3]) },
      { id: '2', name: 'Payments', ratings: ratings([3, 3], [2, 2], [2, 2]) },
      { id: '3', name: 'Subsidies', ratings: { inherent: { money: 3 }, enhancing: {}, controls: {}, comments: {} } },
      { id: '4', name: 'Inspections', ratings: ratings([1, 1], [0, 0], [1, 1]) },
      { id: '5', name: 'Grants', ratings: ratings([3, 3], [2, 2], [2, 2]) },
    ]);
    expect(profile.ranked.map((p) => [p.name, p.score.level])).toEqual([
      ['Grants', 'high'],
      ['Payments', 'high'],
      ['Inspections', 'medium'],
      ['Archive', 'low'],
    ]);
    expect(profile.unrated.map((p) => p.name)).toEqual(['Subsidies']);
    expect(profile.counts).toEqual({ high: 2, medium: 1, low: 1 });
    expect(profile.ranked.find((p) => p.name === 'Archive')!.measures).toEqual([]);
    expect(profile.ranked[0]!.measures.length).toBeGreaterThan(0);
  });
});
