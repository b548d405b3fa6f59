import { describe, expect, it } from 'vitest';
import { checkTranslation, describeProblem } from './checks.ts';

describe('checkTranslation', () => {
  const dutch = { 'a.greeting': 'Welkom, {name}.', 'a.count': '{count, plural, one {# dossier} other {# dossiers}}', 'a.plain': 'Opslaan' };

  it('finds nothing wrong in a complete translation with the same placeholders', () => {
    expect(checkTranslation(dutch, { 'a.greeting': 'Welcome, {name}.', 'a.count': '{count, plural, one {# case} other {# cases}}', 'a.plain': 'Save' })).toEqual([]);
  });

  it.each([
    ['a missing key', { 'a.greeting': 'Welcome, {name}.', 'a.count': '{count, plural, other {# cases}}' }, ['a.plain: no translation']],
    ['a key Dutch does not have', { ...dutch, 'a.extra': 'Extra' }, ['a.extra: no such message in the Dutch source']],
    ['an empty text', { ...dutch, 'a.plain': '  ' }, ['a.plain: the translation is empty']],
    ['a renamed placeholder', { ...dutch, 'a.greeting': 'Welcome, {naam}.' }, ['a.greeting: placeholders {naam} where the Dutch has {name}']],
    ['a dropped placeholder', { ...dutch, 'a.greeting': 'Welcome.' }, ['a.greeting: placeholders none where the Dutch has {name}']],
    ['a message that does not compile', { ...dutch, 'a.count': '{count, plural, one {# case}' }, [expect.stringMatching(/^a\.count: not a valid ICU message/)]],
  ])('reports %s', (_what, translated, expected) => {
    expect(checkTranslation(dutch, translated).map(describeProblem)).toEqual(expected);
  });
});
