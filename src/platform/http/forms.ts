/** Parses a submitted form with a zod schema into typed data, or into translated field errors plus the typed values. */
import type { z } from 'zod';
import { catalog, type MessageKey } from '../i18n/catalog.ts';
import type { Translate } from '../i18n/translate.ts';

export type FieldErrors = Partial<Record<string, string>>;
export type FormValues = Record<string, string | undefined>;

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** Keeps the text fields of a parsed urlencoded body; drops the CSRF token. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === '_csrf') continue;
      if (typeof value === 'string') values[key] = value;
      else if (Array.isArray(value) && typeof value[0] === 'string') values[key] = value[0];
    }
  }
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, body: unknown, t: Translate): FormResult<z.infer<S>> {
  const values = formValues(body);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors[field]) continue;
    errors[field] = messageForIssue(issue, t);
  }
  return { ok: false, errors, values };
}

function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(catalog.nl, value);
}

function messageForIssue(issue: z.core.$ZodIssue, t: Translate): string {
  const params: Record<string, number> = {};
  if (issue.code === 'too_big') params.max = Number(issue.maximum);
  if (issue.code === 'too_small') params.min = Number(issue.minimum);
  if (isMessageKey(issue.message)) return t(issue.message, params);
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 ? t('form.required') : t('form.invalid');
    case 'too_big':
      return t('form.tooLong', params);
    case 'invalid_format':
      return issue.format === 'email' ? t('form.invalidEmail') : t('form.invalid');
    case 'invalid_value':
      return t('form.invalidChoice');
    case 'invalid_type':
      return t('form.required');
    default:
      return t('form.invalid');
  }
}

/** A key the schemas can use as their message, so every error is a translated sentence. */
export function message(key: MessageKey): string {
  return key;
}
