import { describe, expect, it } from 'vitest';
import { defaultRetention, retentionEndsOn, type RetainedCase, type RetentionPeriods } from './retention.ts';

const withThemes: RetentionPeriods = { procedures: { psychosocial: 20, integrity: 5, question: 1 }, themes: { fraud: 10, conflict: 2 } };

describe('retentionEndsOn', () => {
  it.each<[string, RetainedCase, RetentionPeriods, string | null]>([
    ['open case is never removed', { procedure: 'integrity', theme: 'fraud', closedOn: null }, defaultRetention, null],
    ['integrity: 5 years', { procedure: 'integrity', theme: 'other', closedOn: '2020-03-15' }, defaultRetention, '2025-03-15'],
    ['psychosocial: 20 years', { procedure: 'psychosocial', theme: 'harassment', closedOn: '2020-03-15' }, defaultRetention, '2040-03-15'],
    ['question: 1 year', { procedure: 'question', theme: 'other', closedOn: '2024-12-31' }, defaultRetention, '2025-12-31'],
    ['leap day closes to 28 February', { procedure: 'question', theme: 'other', closedOn: '2024-02-29' }, defaultRetention, '2025-02-28'],
    ['leap day to leap day', { procedure: 'integrity', theme: 'other', closedOn: '2024-02-29' }, { ...defaultRetention, procedures: { ...defaultRetention.procedures, integrity: 4 } }, '2028-02-29'],
    ['theme override lengthens', { procedure: 'integrity', theme: 'fraud', closedOn: '2020-01-01' }, withThemes, '2030-01-01'],
    ['theme override shortens', { procedure: 'integrity', theme: 'conflict', closedOn: '2020-01-01' }, withThemes, '2022-01-01'],
    ['no theme override goes below the psychosocial legal 20 years', { procedure: 'psychosocial', theme: 'conflict', closedOn: '2020-01-01' }, withThemes, '2040-01-01'],
    ['nor a procedure setting', { procedure: 'psychosocial', theme: 'x', closedOn: '2020-01-01' }, { procedures: { psychosocial: 3, integrity: 5, question: 1 }, themes: {} }, '2040-01-01'],
  ])('%s', (_name, c, periods, expected) => {
    expect(retentionEndsOn(c, periods)).toBe(expected);
  });
});
