import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { consumeFormToken, issueFormToken } from './form-tokens.ts';

const key = new Uint8Array(32).fill(7);

describe.each(databaseKinds)('form tokens on %s', (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(kind);
  });
  afterEach(() => database.close());

  it('accepts a token once and refuses it when replayed', async () => {
    const token = issueFormToken(key, 'report');
    expect(await consumeFormToken(database.db, key, 'report', token)).toBe('ok');
    expect(await consumeFormToken(database.db, key, 'report', token)).toBe('replayed');
  });

  it('refuses a forged token, a token for another form, and an expired one', async () => {
    const token = issueFormToken(key, 'report');
    const [nonce, expires] = token.split('.');
    expect(await consumeFormToken(database.db, key, 'report', `${nonce}.${expires}.forged`)).toBe('invalid');
    expect(await consumeFormToken(database.db, key, 'reply', token)).toBe('invalid');
    expect(await consumeFormToken(database.db, new Uint8Array(32), 'report', token)).toBe('invalid');
    expect(await consumeFormToken(database.db, key, 'report', issueFormToken(key, 'report', Date.now() - 5 * 3_600_000))).toBe('expired');
    expect(await consumeFormToken(database.db, key, 'report', undefined)).toBe('invalid');
  });

  it('remembers a used token only to the hour', async () => {
    await consumeFormToken(database.db, key, 'report', issueFormToken(key, 'report'));
    const [row] = await database.execute('select expires_at from used_form_tokens');
    const at = new Date(row!.expires_at as string);
    expect(at.getUTCMinutes()).toBe(0);
    expect(at.getUTCSeconds()).toBe(0);
    expect(at.getUTCMilliseconds()).toBe(0);
  });
});
