/**
 * The rating page's form: one radio group per factor and control (`inherent-money`, `enhancing-turnover`,
 * `control-four_eyes`) and a comment per control (`comment-four_eyes`), read into ratings and back.
 */
import type { FormValues } from '../../../platform/http/forms.ts';
import type { Language } from '../../../platform/i18n/languages.ts';
import type { RiskModel } from './model.ts';
import { controlLevels, presenceLevels, type ControlLevel, type Presence, type ProcessRatings, type RatingField } from './score.ts';

export const commentMaxLength = 2000;

/** `inherent.money` → `inherent-money`: the name of its radio group. */
export function fieldName(field: RatingField): string {
  return field.replace('.', '-');
}

export const commentField = (code: string) => `comment-${code}`;

export type RatingProblem = { field: string; kind: 'invalid' | 'tooLong' };

export type RatingReading = { ok: true; ratings: ProcessRatings } | { ok: false; problems: RatingProblem[] };

function pick<T extends number>(raw: unknown, allowed: readonly T[]): T | undefined | 'invalid' {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^\d$/.test(raw)) return 'invalid';
  const value = Number(raw) as T;
  return allowed.includes(value) ? value : 'invalid';
}

/** Reads what was chosen; an unanswered question is simply absent, a value outside the scale is a problem. */
export function readRatings(model: RiskModel, values: FormValues): RatingReading {
  const ratings: ProcessRatings = { inherent: {}, enhancing: {}, controls: {}, comments: {} };
  const problems: RatingProblem[] = [];
  const read = <T extends number>(name: string, allowed: readonly T[], store: (value: T) => void) => {
    const value = pick(values[name], allowed);
    if (value === 'invalid') problems.push({ field: name, kind: 'invalid' });
    else if (value !== undefined) store(value);
  };
  for (const factor of model.inherentFactors) read<Presence>(`inherent-${factor.code}`, presenceLevels, (v) => (ratings.inherent[factor.code] = v));
  for (const factor of model.enhancingFactors) read<Presence>(`enhancing-${factor.code}`, presenceLevels, (v) => (ratings.enhancing[factor.code] = v));
  for (const control of model.controls) {
    read<ControlLevel>(`control-${control.code}`, controlLevels, (v) => (ratings.controls[control.code] = v));
    const comment = (values[commentField(control.code)] ?? '').trim();
    if (comment.length > commentMaxLength) problems.push({ field: commentField(control.code), kind: 'tooLong' });
    else if (comment) ratings.comments[control.code] = comment;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, ratings };
}

/** The stored ratings as the form's values, so the page shows what was saved. */
export function ratingValues(model: RiskModel, ratings: ProcessRatings): FormValues {
  const values: FormValues = {};
  for (const factor of model.inherentFactors) if (ratings.inherent[factor.code] !== undefined) values[`inherent-${factor.code}`] = String(ratings.inherent[factor.code]);
  for (const factor of model.enhancingFactors) if (ratings.enhancing[factor.code] !== undefined) values[`enhancing-${factor.code}`] = String(ratings.enhancing[factor.code]);
  for (const control of model.controls) {
    if (ratings.controls[control.code] !== undefined) values[`control-${control.code}`] = String(ratings.controls[control.code]);
    if (ratings.comments[control.code]) values[commentField(control.code)] = ratings.comments[control.code];
  }
  return values;
}

/** The factor's or control's name in the user's language, for the message beside an open question. */
export function ratingLabel(model: RiskModel, field: RatingField, lang: Language): string {
  const [kind, code] = field.split('.') as ['inherent' | 'enhancing' | 'control', string];
  const list = kind === 'inherent' ? model.inherentFactors : kind === 'enhancing' ? model.enhancingFactors : model.controls;
  return list.find((item) => item.code === code)?.label[lang] ?? code;
}
