import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { listAuditEvents, recordAudit, rowHash } from './audit.ts';
import { verifyAuditTrail } from './verify.ts';

describe.each(databaseKinds)('audit trail on %s', (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(kind);
    for (let i = 0; i < 5; i++) {
      await recordAudit(database.db, { actorId: null, action: 'auth.sign_in', subjectType: 'user', subjectId: `u${i}`, details: { method: 'password', n: i } });
    }
  });
  afterEach(() => database.close());

  it('refuses to update or delete a row', async () => {
    await expect(database.execute("update audit_log set action = 'x' where seq = 2")).rejects.toThrow(/append-only/);
    await expect(database.execute('delete from audit_log where seq = 2')).rejects.toThrow(/append-only/);
  });

  it('keeps appending a valid chain under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => recordAudit(database.db, { actorId: null, action: 'user.updated', details: { i } })));
    expect(await verifyAuditTrail(database.db)).toMatchObject({ ok: true, rows: 15, breaks: [] });
  });

  it('filters events by action, newest first', async () => {
    await recordAudit(database.db, { actorId: null, action: 'user.created' });
    const events = await listAuditEvents(database.db, { action: 'auth.sign_in', limit: 3 });
    expect(events.map((e) => e.seq)).toEqual([5, 4, 3]);
  });
});

describe('rowHash', () => {
  const row = { seq: 1, at: new Date('2026-01-01T00:00:00.000Z'), actorId: null, action: 'a', subjectType: null, subjectId: null, details: { b: 1, a: 2 } };
  it('does not depend on the order of keys in details', () => {
    expect(rowHash('0', row)).toBe(rowHash('0', { ...row, details: { a: 2, b: 1 } }));
  });
  it('changes with the previous hash', () => {
    expect(rowHash('0', row)).not.toBe(rowHash('1', row));
  });
});
