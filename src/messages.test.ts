import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messageCatalog, messageSources } from './messages.ts';
import { checkTranslation, describeProblem } from './platform/i18n/checks.ts';
import { languages } from './platform/i18n/languages.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('message catalog', () => {
  const dutchKeys = Object.keys(messageCatalog.nl).sort();

  it.each(languages)('has every key in %s, none empty', (language) => {
    const keys = Object.keys(messageCatalog[language]).sort();
    expect(keys).toEqual(dutchKeys);
    const empty = keys.filter((key) => !messageCatalog[language][key as keyof (typeof messageCatalog)['nl']].trim());
    expect(empty).toEqual([]);
  });

  it('never declares one key in two features', () => {
    const seen = new Map<string, string>();
    for (const [folder, set] of Object.entries(messageSources)) {
      for (const key of Object.keys(set.nl)) {
        expect(seen.has(key), `${key} is declared in ${seen.get(key)} and ${folder}`).toBe(false);
        seen.set(key, folder);
      }
    }
  });

  it.each(languages)('uses the same placeholders in %s as in Dutch, and every message compiles', (language) => {
    const problems = Object.values(messageSources).flatMap((set) => checkTranslation(set.nl, set[language]));
    expect(problems.map(describeProblem)).toEqual([]);
  });

  it('reads each feature’s texts from the folder the registry names, where translations are written back', () => {
    for (const [folder, set] of Object.entries(messageSources)) {
      for (const language of languages) {
        expect(JSON.parse(readFileSync(path.join(root, folder, `${language}.json`), 'utf8')), `${folder}/${language}.json`).toEqual(set[language]);
      }
    }
  });
});
