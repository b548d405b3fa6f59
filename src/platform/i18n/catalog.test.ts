import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalog, messageSets } from './catalog.ts';
import { languageFromAcceptHeader, languages } from './languages.ts';

type AstElement = { type: number; value?: unknown; options?: Record<string, { value: AstElement[] }> };

/** The argument names a message uses ({name}, {count, plural, …}), from the ICU parser's own syntax tree. */
function argumentsOf(message: string): string[] {
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

describe('message catalog', () => {
  const dutchKeys = Object.keys(catalog.nl).sort();

  it.each(languages)('has every key in %s, none empty', (language) => {
    const keys = Object.keys(catalog[language]).sort();
    expect(keys).toEqual(dutchKeys);
    const empty = keys.filter((key) => !catalog[language][key as keyof (typeof catalog)['nl']].trim());
    expect(empty).toEqual([]);
  });

  it('never declares one key in two features', () => {
    const seen = new Map<string, number>();
    messageSets.forEach((set, index) => {
      for (const key of Object.keys(set.nl)) {
        expect(seen.has(key), `${key} is declared twice`).toBe(false);
        seen.set(key, index);
      }
    });
  });

  it.each(languages)('uses the same placeholders in %s as in Dutch, and every message compiles', (language) => {
    const mismatches: string[] = [];
    for (const key of dutchKeys) {
      const message = catalog[language][key as keyof (typeof catalog)['nl']];
      if (argumentsOf(message).join() !== argumentsOf(catalog.nl[key as keyof (typeof catalog)['nl']]).join()) mismatches.push(key);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('languageFromAcceptHeader', () => {
  it.each([
    ['fr-BE,fr;q=0.9,nl;q=0.8', 'fr'],
    ['en-GB;q=0.5, de;q=0.8', 'de'],
    ['es, it', undefined],
    ['', undefined],
    ['nl;q=0, en', 'en'],
  ])('reads %j as %s', (header, expected) => {
    expect(languageFromAcceptHeader(header)).toBe(expected);
  });
});
