import { describe, expect, it } from 'vitest';
import { builtInRiskModel } from './model.ts';
import { ratingValues, readRatings } from './rating-form.ts';

const model = builtInRiskModel();

describe('reading the rating form', () => {
  it.each([
    { case: 'nothing chosen is nothing stored', values: {}, ratings: { inherent: {}, enhancing: {}, controls: {}, comments: {} } },
    {
      case: 'chosen levels and trimmed comments are kept, empty comments dropped',
      values: { 'inherent-money': '0', 'enhancing-turnover': '3', 'control-four_eyes': '5', 'comment-four_eyes': '  Two signatures  ', 'comment-rotation': '   ' },
      ratings: { inherent: { money: 0 }, enhancing: { turnover: 3 }, controls: { four_eyes: 5 }, comments: { four_eyes: 'Two signatures' } },
    },
    { case: 'fields the model does not know are ignored', values: { 'inherent-bribes': '3' }, ratings: { inherent: {}, enhancing: {}, controls: {}, comments: {} } },
  ])('$case', ({ values, ratings }) => {
    expect(readRatings(model, values)).toEqual({ ok: true, ratings });
  });

  it.each([
    { case: 'a presence above 3', values: { 'inherent-money': '4' }, field: 'inherent-money', kind: 'invalid' },
    { case: 'a control level of 0', values: { 'control-four_eyes': '0' }, field: 'control-four_eyes', kind: 'invalid' },
    { case: 'a word', values: { 'enhancing-turnover': 'high' }, field: 'enhancing-turnover', kind: 'invalid' },
    { case: 'a comment that is too long', values: { 'comment-four_eyes': 'x'.repeat(2001) }, field: 'comment-four_eyes', kind: 'tooLong' },
  ])('refuses $case', ({ values, field, kind }) => {
    expect(readRatings(model, values)).toEqual({ ok: false, problems: [{ field, kind }] });
  });

  it('shows stored ratings back as the same form values', () => {
    const values = { 'inherent-money': '2', 'enhancing-outsourcing': '0', 'control-monitoring': '4', 'comment-monitoring': 'Monthly log review' };
    const reading = readRatings(model, values);
    if (!reading.ok) throw new Error('unexpected');
    expect(ratingValues(model, reading.ratings)).toEqual(values);
  });
});
