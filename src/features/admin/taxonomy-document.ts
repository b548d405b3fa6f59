/**
 * Reading a taxonomy pasted or uploaded as JSON: parsed, checked against the shape the reporting point
 * relies on, and every problem named by its path (`themes[3].labels.fr`) so the administrator can find it.
 */
import { z } from 'zod';
import { languages } from '../../platform/i18n/languages.ts';
import type { Domain, Taxonomy } from '../case-record/service.ts';

const domainCodes = ['wellbeing', 'integrity'] as const satisfies readonly Domain[];

/** Theme codes are stored on every case, so they stay plain identifiers. */
export const themeCodePattern = /^[a-z0-9_]{2,40}$/;

const label = z.string().trim().min(1).max(200);
const labels = z.strictObject(Object.fromEntries(languages.map((language) => [language, label])) as Record<(typeof languages)[number], typeof label>);

const taxonomySchema = z
  .strictObject({
    domains: z.array(z.strictObject({ code: z.enum(domainCodes), labels })).length(domainCodes.length),
    themes: z
      .array(z.strictObject({ code: z.string().regex(themeCodePattern), domain: z.enum(domainCodes), labels }))
      .min(1)
      .max(200),
  })
  .superRefine((taxonomy, ctx) => {
    // The report form asks for a domain first; a domain without themes would be a dead end.
    for (const domain of domainCodes) {
      if (!taxonomy.themes.some((theme) => theme.domain === domain)) ctx.addIssue({ code: 'custom', path: ['themes'], message: 'emptyDomain', params: { domain } });
    }
  });

/** One problem in a submitted taxonomy, ready to be put into words by the page. */
export type TaxonomyProblem =
  | { kind: 'notJson'; line: number | undefined; column: number | undefined }
  | { path: string; kind: 'required' | 'wrongType' | 'tooShort' | 'tooLong' | 'codeFormat' | 'notAllowed' | 'duplicate' | 'count' | 'unknownFields' | 'emptyDomain' | 'invalid'; detail: string };

export type TaxonomyReading = { ok: true; taxonomy: Taxonomy } | { ok: false; problems: TaxonomyProblem[] };

/** `['themes', 3, 'labels', 'fr']` as `themes[3].labels.fr`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '');
}

/** Line and column (from 1) of a character offset, as an editor shows them. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

const literalPattern = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Where text that JSON.parse refused first goes wrong. V8's own message names the position only for
 * some mistakes, so this small scanner finds it for all of them.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  };
  const string = () => {
    i += 1;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i += 1;
        return;
      }
      if (c < ' ') fail();
      i += c === '\\' ? 2 : 1;
    }
    fail();
  };
  const value = (): void => {
    space();
    const open = text[i];
    if (open === '{' || open === '[') {
      const close = open === '{' ? '}' : ']';
      i += 1;
      space();
      if (text[i] === close) {
        i += 1;
        return;
      }
      for (;;) {
        if (open === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i += 1;
        }
        value();
        space();
        if (text[i] === close) {
          i += 1;
          return;
        }
        if (text[i] !== ',') fail();
        i += 1;
      }
    }
    if (open === '"') return string();
    literalPattern.lastIndex = i;
    const literal = literalPattern.exec(text);
    if (!literal) fail();
    i += literal![0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return undefined;
  } catch (offset) {
    // Anything but an offset (a stack overflow on absurd nesting) means we cannot say where.
    return typeof offset === 'number' ? offset : undefined;
  }
}

function problemOf(issue: z.core.$ZodIssue): TaxonomyProblem {
  const path = formatPath(issue.path) || '(root)';
  switch (issue.code) {
    case 'invalid_type':
      return issue.message === 'required' ? { path, kind: 'required', detail: '' } : { path, kind: 'wrongType', detail: issue.expected };
    case 'too_small':
      return issue.origin === 'string' ? { path, kind: 'required', detail: '' } : { path, kind: issue.exact ? 'count' : 'tooShort', detail: String(issue.minimum) };
    case 'too_big':
      return issue.origin === 'array' && issue.exact ? { path, kind: 'count', detail: String(issue.maximum) } : { path, kind: 'tooLong', detail: String(issue.maximum) };
    case 'invalid_format':
      return { path, kind: 'codeFormat', detail: '' };
    case 'invalid_value':
      return { path, kind: 'notAllowed', detail: issue.values.map(String).join(', ') };
    case 'unrecognized_keys':
      return { path, kind: 'unknownFields', detail: issue.keys.join(', ') };
    case 'custom':
      if (issue.message === 'emptyDomain') return { path, kind: 'emptyDomain', detail: String((issue.params as { domain?: string } | undefined)?.domain ?? '') };
      return { path, kind: 'invalid', detail: '' };
    default:
      return { path, kind: 'invalid', detail: '' };
  }
}

/**
 * Codes that occur twice, checked on the raw input so they are reported together with every other
 * problem (zod runs an object's own checks only once all its fields are valid).
 */
function duplicateCodes(data: unknown): TaxonomyProblem[] {
  const problems: TaxonomyProblem[] = [];
  for (const list of ['domains', 'themes'] as const) {
    const items = data && typeof data === 'object' ? (data as Record<string, unknown>)[list] : undefined;
    if (!Array.isArray(items)) continue;
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const code = item && typeof item === 'object' ? (item as { code?: unknown }).code : undefined;
      if (typeof code !== 'string') return;
      if (seen.has(code)) problems.push({ path: formatPath([list, index, 'code']), kind: 'duplicate', detail: '' });
      seen.add(code);
    });
  }
  return problems;
}

/** The most problems listed at once; fixing those usually reveals the rest. */
const maxProblems = 20;

export function readTaxonomy(text: string): TaxonomyReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const offset = jsonErrorOffset(text);
    const where = offset === undefined ? undefined : lineAndColumn(text, offset);
    return { ok: false, problems: [{ kind: 'notJson', line: where?.line, column: where?.column }] };
  }
  const result = taxonomySchema.safeParse(data, { error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined) });
  const problems = [...(result.success ? [] : result.error.issues.map(problemOf)), ...duplicateCodes(data)];
  if (result.success && problems.length === 0) return { ok: true, taxonomy: result.data };
  return { ok: false, problems: problems.slice(0, maxProblems) };
}

/** The taxonomy as the administrator edits it: two-space indented JSON. */
export function taxonomyAsJson(taxonomy: Taxonomy): string {
  return JSON.stringify(taxonomy, null, 2);
}
