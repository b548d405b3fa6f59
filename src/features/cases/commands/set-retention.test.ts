import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../../test/databases.ts';
import { createUser } from '../../admin/service.ts';
import { loadRetention, type RetentionPeriods } from '../retention.ts';
import { setRetention } from './set-retention.ts';

describe.each(databaseKinds)('setting the retention periods on %s', (kind) => {
  let database: TestDatabase;
  afterEach(() => database.close());

  it('stores the periods and audits them, with the periods, in the same change', async () => {
    database = await freshDatabase(kind);
    const coordinator = await createUser(database.db, null, { email: 'cora@example.be', displayName: 'Cora', language: 'nl', roles: [{ role: 'integrity_coordinator' }] });
    if (!coordinator.ok) throw new Error(coordinator.reason);
    const periods: RetentionPeriods = { procedures: { integrity: 3, psychosocial: 25, question: 1 }, themes: { fraud: 8 } };
    await setRetention(database.db, coordinator.userId, periods);
    expect(await loadRetention(database.db)).toEqual(periods);
    const rows = await database.execute("select actor_id, subject_type, subject_id, details from audit_log where action = 'settings.retention_updated'");
    expect(rows).toEqual([{ actor_id: coordinator.userId, subject_type: 'settings', subject_id: 'cases.retention', details: periods }]);
  });
});
