/** What a maturity model is: dimensions with weights, questions, five level descriptors and a recommendation per level, in four languages. */
import { z } from 'zod';
import type { Language } from '../../platform/i18n/languages.ts';

export const levelCount = 5;
export const levels = [1, 2, 3, 4, 5] as const;

const text = z.string().trim().min(1).max(4000);
const localized = z.strictObject({ nl: text, fr: text, en: text, de: text });
/** Codes become form field names and URL parts: lower-case letters, digits, dots, dashes and underscores. */
export const codePattern = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const code = z.string().regex(codePattern);

const question = z.strictObject({ code, text: localized });

const dimension = z.strictObject({
  code,
  title: localized,
  weight: z.number().positive().max(100),
  /** What each level 1–5 looks like in this dimension, from ad hoc to embedded and continuously improved. */
  levels: z.array(localized).length(levelCount),
  questions: z.array(question).min(1).max(30),
  /** The next step for a dimension agreed at level n is recommendations[n - 1]. */
  recommendations: z.array(localized).length(levelCount),
});

export const maturityModelSchema = z
  .strictObject({
    code,
    title: localized,
    description: localized,
    /** The names of the five levels, shared by every dimension. */
    levelNames: z.array(localized).length(levelCount),
    dimensions: z.array(dimension).min(1).max(30),
  })
  .superRefine((model, context) => {
    const seen = new Set<string>();
    model.dimensions.forEach((d, di) => {
      if (seen.has(d.code)) context.addIssue({ code: 'custom', message: 'duplicate', path: ['dimensions', di, 'code'] });
      seen.add(d.code);
      d.questions.forEach((q, qi) => {
        if (seen.has(q.code)) context.addIssue({ code: 'custom', message: 'duplicate', path: ['dimensions', di, 'questions', qi, 'code'] });
        seen.add(q.code);
      });
    });
  });

export type LocalizedText = Record<Language, string>;
export type MaturityModel = z.infer<typeof maturityModelSchema>;
export type Dimension = MaturityModel['dimensions'][number];
export type Question = Dimension['questions'][number];

export function questionCount(model: MaturityModel): number {
  return model.dimensions.reduce((sum, d) => sum + d.questions.length, 0);
}
