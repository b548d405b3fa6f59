import { describe, expect, it } from 'vitest';
import { applyRedactions, isRedactionTarget, locatePassage, normaliseRanges } from './redaction.ts';

describe('applyRedactions', () => {
  it.each([
    ['no ranges', 'Jan pays Piet', [], 'Jan pays Piet'],
    ['one range', 'Jan pays Piet', [{ start: 0, end: 3 }], '███ pays Piet'],
    ['two ranges', 'Jan pays Piet', [{ start: 9, end: 13 }, { start: 0, end: 3 }], '███ pays ████'],
    ['overlapping', 'abcdef', [{ start: 1, end: 4 }, { start: 3, end: 5 }], 'a████f'],
    ['past the end is clamped', 'abc', [{ start: 1, end: 99 }], 'a██'],
    ['negative start is clamped', 'abc', [{ start: -4, end: 1 }], '█bc'],
    ['empty range', 'abc', [{ start: 2, end: 2 }], 'abc'],
    ['reversed range ignored', 'abc', [{ start: 2, end: 1 }], 'abc'],
    ['empty text', '', [{ start: 0, end: 3 }], ''],
    ['keeps the length', 'héllo wörld', [{ start: 6, end: 11 }], 'héllo █████'],
  ])('%s', (_name, text, ranges, expected) => {
    const masked = applyRedactions(text, ranges);
    expect(masked).toBe(expected);
    expect(masked.length).toBe(text.length);
  });
});

describe('locatePassage', () => {
  it.each([
    ['every occurrence', 'Piet and Piet', 'Piet', [{ start: 0, end: 4 }, { start: 9, end: 13 }]],
    ['trims the copied passage', 'Piet and Jan', '  Jan\n', [{ start: 9, end: 12 }]],
    ['not found', 'Piet', 'Jan', []],
    ['blank passage', 'Piet', '   ', []],
    ['no overlapping matches', 'aaaa', 'aa', [{ start: 0, end: 2 }, { start: 2, end: 4 }]],
    ['case sensitive', 'piet', 'Piet', []],
  ])('%s', (_name, text, passage, expected) => {
    expect(locatePassage(text, passage)).toEqual(expected);
  });
});

describe('normaliseRanges', () => {
  it('sorts, merges touching ranges and clamps', () => {
    expect(normaliseRanges([{ start: 5, end: 7 }, { start: 0, end: 2 }, { start: 2, end: 3 }, { start: 6, end: 20 }], 10)).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 10 },
    ]);
  });
});

describe('isRedactionTarget', () => {
  it.each([
    ['answers.description', true],
    ['answers.involved', true],
    ['answers.name', false],
    ['message:0b7c6f0e-8a2b-4b51-9a53-0c8d2f0f5a11', true],
    ['file-name:0b7c6f0e-8a2b-4b51-9a53-0c8d2f0f5a11', true],
    ['message:../../etc', false],
    ['content', false],
  ])('%s → %s', (value, expected) => {
    expect(isRedactionTarget(value)).toBe(expected);
  });
});
