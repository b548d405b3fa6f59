import { describe, expect, it } from 'vitest';
import { languageFromAcceptHeader } from './languages.ts';

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
