/**
 * The checks every translation passes, in the tests and when a translation office's file is imported:
 * the Dutch keys and no others, no empty text, and the same placeholders as the Dutch, in a message that compiles.
 */
import { IntlMessageFormat } from 'intl-messageformat';

type AstElement = { type: number; value?: unknown; options?: Record<string, { value: AstElement[] }> };

/** The argument names a message uses ({name}, {count, plural, …}), sorted, from the ICU parser's own syntax tree; throws when it does not compile. */
export function placeholdersOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: AstElement[]) => {
    for (const element of elements) {
      // Type 0 is literal text and 7 is the plural '#'; every other element names an argument.
      if (element.type !== 0 && element.type !== 7 && typeof element.value === 'string') names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en').getAst() as AstElement[]);
  return [...names].sort();
}

export type TranslationProblem =
  | { key: string; problem: 'missing' | 'unknown' | 'empty' }
  | { key: string; problem: 'placeholders'; expected: string[]; found: string[] }
  | { key: string; problem: 'invalid'; reason: string };

/** What is wrong with one message translated from `source` (Dutch), or undefined when nothing is. */
export function checkMessage(key: string, source: string, translated: string): TranslationProblem | undefined {
  if (!translated.trim()) return { key, problem: 'empty' };
  let found: string[];
  try {
    found = placeholdersOf(translated);
  } catch (error) {
    return { key, problem: 'invalid', reason: error instanceof Error ? error.message : String(error) };
  }
  const expected = placeholdersOf(source);
  if (found.join() !== expected.join()) return { key, problem: 'placeholders', expected, found };
  return undefined;
}

/** Every problem of a language's messages against the Dutch ones, in the Dutch keys' order. */
export function checkTranslation(dutch: Record<string, string>, translated: Record<string, string>): TranslationProblem[] {
  const problems: TranslationProblem[] = [];
  for (const [key, source] of Object.entries(dutch)) {
    const text = translated[key];
    const problem = text === undefined ? ({ key, problem: 'missing' } as const) : checkMessage(key, source, text);
    if (problem) problems.push(problem);
  }
  for (const key of Object.keys(translated)) if (!Object.hasOwn(dutch, key)) problems.push({ key, problem: 'unknown' });
  return problems;
}

/** One line for a person: the key and what to do about it. */
export function describeProblem(problem: TranslationProblem): string {
  switch (problem.problem) {
    case 'missing':
      return `${problem.key}: no translation`;
    case 'unknown':
      return `${problem.key}: no such message in the Dutch source`;
    case 'empty':
      return `${problem.key}: the translation is empty`;
    case 'placeholders':
      return `${problem.key}: placeholders ${listed(problem.found)} where the Dutch has ${listed(problem.expected)}`;
    case 'invalid':
      return `${problem.key}: not a valid ICU message (${problem.reason})`;
  }
}

const listed = (names: string[]) => (names.length ? names.map((name) => `{${name}}`).join(', ') : 'none');
