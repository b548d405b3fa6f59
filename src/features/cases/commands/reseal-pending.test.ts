import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../../test/databases.ts';
import { addCasePerson, type CasePerson } from '../../../../test/case-people.ts';
import { newDataKey, type DataKey } from '../../../platform/crypto/envelope.ts';
import { initialCaseState, legalDatesOfNewReport, newReference, storeNewCase } from '../../case-record/service.ts';
import { resealPending } from './reseal-pending.ts';

describe.each(databaseKinds)('sealing a case to the handlers waiting for it on %s', (kind) => {
  let database: TestDatabase;
  let carla: CasePerson;
  let bob: CasePerson;
  let nina: CasePerson;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    [carla, bob, nina] = await Promise.all([
      addCasePerson(database, { name: 'Carla Holder', role: 'case_handler', handlerFunction: 'confidential_counsellor' }),
      addCasePerson(database, { name: 'Bob Waiting', role: 'case_handler', handlerFunction: 'confidential_counsellor' }),
      addCasePerson(database, { name: 'Nina Excluded', role: 'case_handler', handlerFunction: 'confidential_counsellor' }),
    ]);
  });
  afterAll(() => database.close());

  /** A case sealed to Carla only, as intake stores it. */
  async function caseHeldByCarla(): Promise<{ caseId: string; dataKey: DataKey }> {
    const caseId = crypto.randomUUID();
    const dataKey = newDataKey();
    const [key] = await database.execute('select public_key from user_keys where user_id = $1', [carla.id]);
    const dates = legalDatesOfNewReport(new Date('2026-03-02T10:00:00Z'));
    const input = {
      kind: 'report',
      domain: 'integrity',
      theme: 'fraud',
      entityId: null,
      requesterRole: 'staff',
      identityChoice: 'anonymous',
      wantsMeeting: false,
      contactPreference: 'site_only',
      answers: { description: 'Invoices paid twice.', when: '', where: '', involved: '', name: '', email: '', phone: '' },
    } as const;
    await database.db.transaction((tx) =>
      storeNewCase(tx, {
        id: caseId,
        reference: newReference(),
        dataKey,
        input,
        dates,
        state: initialCaseState('report', 'integrity', dates.receivedOn),
        holders: [{ userId: carla.id, publicKey: new Uint8Array(key!.public_key as Uint8Array) }],
      }),
    );
    return { caseId, dataKey };
  }

  const waitFor = (caseId: string, person: CasePerson) =>
    database.execute('insert into case_pending_seals (case_id, user_id, requested_by) values ($1, $2, $3)', [caseId, person.id, carla.id]);
  const resealAudits = (caseId: string) => database.execute(`select actor_id, details from audit_log where action = 'case.key_resealed' and subject_id = $1`, [caseId]);
  const sealsOf = (caseId: string, person: CasePerson) => database.execute('select 1 from case_key_seals where case_id = $1 and user_id = $2', [caseId, person.id]);
  const waiting = (caseId: string) => database.execute('select user_id from case_pending_seals where case_id = $1', [caseId]);

  it('seals the key to the waiting handler, removes the waiting row and audits it, once when two openings race', async () => {
    const { caseId, dataKey } = await caseHeldByCarla();
    await waitFor(caseId, bob);
    const counts = await Promise.all([resealPending(database.db, caseId, dataKey, carla.id), resealPending(database.db, caseId, dataKey, carla.id)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await sealsOf(caseId, bob)).toHaveLength(1);
    expect(await waiting(caseId)).toEqual([]);
    const audits = await resealAudits(caseId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: carla.id, details: { to: bob.id, removedSealsOf: [] } });
  });

  it('leaves a handler excluded from the case waiting, with no seal and no audit row', async () => {
    const { caseId, dataKey } = await caseHeldByCarla();
    await waitFor(caseId, nina);
    await database.execute(`insert into case_exclusions (case_id, user_id, reason) values ($1, $2, 'involved')`, [caseId, nina.id]);
    expect(await resealPending(database.db, caseId, dataKey, carla.id)).toBe(0);
    expect(await sealsOf(caseId, nina)).toEqual([]);
    expect(await waiting(caseId)).toHaveLength(1);
    expect(await resealAudits(caseId)).toEqual([]);
  });

  it('does nothing when nobody waits', async () => {
    const { caseId, dataKey } = await caseHeldByCarla();
    expect(await resealPending(database.db, caseId, dataKey, carla.id)).toBe(0);
    expect(await resealAudits(caseId)).toEqual([]);
  });
});
