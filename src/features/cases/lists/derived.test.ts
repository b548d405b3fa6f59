import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../../test/databases.ts';
import type { IsoDate } from '../../../platform/time/calendar.ts';
import { compactCaseTalliesJob } from '../jobs.ts';
import { loadDashboard } from './dashboard.ts';
import { listScopeOf } from './scope.ts';

/**
 * What the database derives for the lists and the dashboard (migration 0010): each case's key holders and
 * the people waiting for a seal, copied from the seals whoever writes them, and the tallies of cases per
 * procedure, state and closing day. Both are checked against the rows they come from.
 */
describe.each(databaseKinds)('the holders and tallies the database keeps on %s', (kind) => {
  let database: TestDatabase;
  const users: string[] = [];

  const newCase = async (procedure = 'integrity', status = 'received') => {
    const id = crypto.randomUUID();
    await database.execute(
      `insert into cases (id, reference, kind, domain, theme, requester_role, identity_choice, received_on, acknowledgement_due_on, feedback_due_on, content, procedure, status)
       values ($1, $2, 'report', 'integrity', 'fraud', 'staff', 'anonymous', '2026-01-05', '2026-01-12', '2026-04-12', '\\x00', $3, $4)`,
      [id, `IB-${crypto.randomBytes(4).toString('hex').toUpperCase()}`, procedure, status],
    );
    return id;
  };
  const seal = (caseId: string, userId: string | null) =>
    database.execute(`insert into case_key_seals (case_id, user_id, sealed_key) values ($1, $2, '\\x01')`, [caseId, userId]);
  const holders = async (caseId: string) => {
    const [row] = await database.execute('select key_holders, awaiting_seal from cases where id = $1', [caseId]);
    return { keyHolders: [...(row!.key_holders as string[])], awaiting: [...(row!.awaiting_seal as string[])] };
  };
  const talliesMatchCases = async () => {
    const counted = await database.execute(`select procedure, status, closed_on::text as closed_on, count(*)::int as n from cases group by 1, 2, 3 order by 1, 2, 3`);
    const tallied = await database.execute(
      `select procedure, status, closed_on::text as closed_on, sum(n)::int as n from case_tallies group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`,
    );
    expect(tallied).toEqual(counted);
    return tallied;
  };

  beforeAll(async () => {
    database = await freshDatabase(kind);
    for (const name of ['a', 'b', 'c']) {
      const [row] = await database.execute(`insert into users (email, display_name) values ($1, $2) returning id`, [`${name}-${kind}@example.be`, name]);
      users.push(String(row!.id));
    }
    users.sort();
  }, 60_000);
  afterAll(() => database.close());

  it('copies the key holders onto the case as seals come and go, leaving the reporter’s seal out', async () => {
    const [a, b, c] = users as [string, string, string];
    const caseId = await newCase();
    expect(await holders(caseId)).toEqual({ keyHolders: [], awaiting: [] });
    await seal(caseId, null);
    await seal(caseId, c);
    await seal(caseId, a);
    expect(await holders(caseId)).toEqual({ keyHolders: [a, c], awaiting: [] });
    await database.execute(`insert into case_pending_seals (case_id, user_id) values ($1, $2)`, [caseId, b]);
    expect(await holders(caseId)).toEqual({ keyHolders: [a, c], awaiting: [b] });
    // Sealing to the one who waited: one statement removes the wait, another adds the seal.
    await database.execute(`delete from case_pending_seals where case_id = $1 and user_id = $2`, [caseId, b]);
    await seal(caseId, b);
    await database.execute(`delete from case_key_seals where case_id = $1 and user_id = $2`, [caseId, c]);
    expect(await holders(caseId)).toEqual({ keyHolders: [a, b], awaiting: [] });
  });

  it('forgets a deleted user everywhere, through the cascade', async () => {
    const [, , c] = users as [string, string, string];
    const first = await newCase();
    const second = await newCase();
    await seal(first, c);
    await database.execute(`insert into case_pending_seals (case_id, user_id) values ($1, $2)`, [second, c]);
    await database.execute(`delete from users where id = $1`, [c]);
    expect(await holders(first)).toEqual({ keyHolders: [], awaiting: [] });
    expect(await holders(second)).toEqual({ keyHolders: [], awaiting: [] });
  });

  it('keeps the tallies equal to the cases through inserts, changes of state and deletions', async () => {
    const ids = [await newCase('psychosocial'), await newCase('question'), await newCase('integrity', 'assessing')];
    await talliesMatchCases();
    await database.execute(`update cases set status = 'closed', closed_on = '2026-02-01' where id = any($1::uuid[])`, [ids.slice(0, 2)]);
    await database.execute(`update cases set procedure = 'psychosocial' where id = $1`, [ids[2]]);
    // A change that touches no tallied column leaves them as they are.
    await database.execute(`update cases set priority = 'high' where id = $1`, [ids[0]]);
    const tallied = await talliesMatchCases();
    expect(tallied.find((r) => r.procedure === 'question' && r.status === 'closed')).toEqual({ procedure: 'question', status: 'closed', closed_on: '2026-02-01', n: 1 });
    await database.execute(`delete from cases where id = $1`, [ids[1]]);
    await talliesMatchCases();
  });

  it('folds the rows of changes into one row per key without changing a count, every night', async () => {
    const id = await newCase('integrity');
    for (const status of ['acknowledged', 'assessing', 'in_follow_up']) await database.execute(`update cases set status = $2 where id = $1`, [id, status]);
    const before = await talliesMatchCases();
    const [{ rows: rowsBefore }] = (await database.execute('select count(*)::int as rows from case_tallies')) as [{ rows: number }];
    // Through the nightly job, as it runs in the product.
    const logged: Record<string, unknown>[] = [];
    expect(compactCaseTalliesJob.cron).toBe('15 3 * * *');
    await compactCaseTalliesJob.run({ db: database.db, logger: { info: (details) => logged.push(details as Record<string, unknown>), error: () => undefined } });
    const kept = logged[0]?.kept;
    const [{ rows: rowsAfter }] = (await database.execute('select count(*)::int as rows from case_tallies')) as [{ rows: number }];
    expect(rowsAfter).toBe(kept);
    expect(rowsAfter).toBeLessThan(rowsBefore);
    expect(rowsAfter).toBe(before.length);
    expect(await talliesMatchCases()).toEqual(before);
  });

  it('gives the coordinator counts by state from the tallies, less the cases they are excluded from', async () => {
    const [, b] = users as [string, string, string];
    const coordinator = listScopeOf({ userId: b, grants: [{ role: 'integrity_coordinator', handlerFunction: null, actorFunction: null, entityId: null }] });
    const before = await loadDashboard(database.db, coordinator, '2026-02-10' as IsoDate);
    const received = (d: typeof before) => d.open.find((o) => o.status === 'received')!.count;
    const closed = (d: typeof before) => d.closedRecently.find((o) => o.status === 'closed')!.count;
    const [counted] = await database.execute(`select count(*)::int as n from cases where status = 'received' and procedure <> 'psychosocial'`);
    expect(received(before)).toBe(counted!.n);
    const excludedFrom = await newCase('integrity');
    const psychosocial = await newCase('psychosocial');
    await database.execute(`insert into case_exclusions (case_id, user_id, reason) values ($1, $2, 'involved')`, [excludedFrom, b]);
    await database.execute(`update cases set status = 'closed', closed_on = '2026-02-01' where id = $1`, [psychosocial]);
    const after = await loadDashboard(database.db, coordinator, '2026-02-10' as IsoDate);
    // The excluded case and the psychosocial one never count for the coordinator.
    expect(received(after)).toBe(received(before));
    expect(closed(after)).toBe(closed(before));
    await newCase('question');
    expect(received(await loadDashboard(database.db, coordinator, '2026-02-10' as IsoDate))).toBe(received(before) + 1);
  });
});
