/**
 * Retention with a fixed clock, on PGlite and (with DATABASE_URL) PostgreSQL: the sweep deletes the
 * content, files, file chunks, messages and keys of closed cases whose time is up, keeps the anonymous
 * statistical record, and spares a case on legal hold; the legal hold and retention pages answer 404 to
 * whoever may not use them.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsealPrivateKey } from '../../src/platform/auth/keys.ts';
import { openDataKey, type DataKey } from '../../src/platform/crypto/envelope.ts';
import { loadConfig } from '../../src/config.ts';
import { jobDefinitions } from '../../src/jobs.ts';
import { addMessage, reportingSecrets, storeCaseFile, type ReportInput } from '../../src/features/case-record/service.ts';
import { submitReport } from '../../src/features/reporting/intake.ts';
import { purgeExpiredCases, purgeExpiredCasesJobName } from '../../src/features/cases/commands/purge-expired.ts';
import { postgresServerUrl } from '../databases.ts';
import { handlerAccount, startWorld, type World } from '../reporting-world.ts';
import type { Client } from '../server.ts';
import { addCasePerson, signInCasePerson, type CasePerson } from '../case-people.ts';

const kinds = postgresServerUrl ? (['files', 'postgres'] as const) : (['files'] as const);

type Person = CasePerson;

const addPerson = (world: World, name: string, role: string, handlerFunction: string | null): Promise<Person> =>
  addCasePerson(world.database, { name, role, handlerFunction });

/** Signs in with password and TOTP and unlocks the case key for the session. */
const signedIn = (world: World, person: Person): Promise<Client> => signInCasePerson(world.baseUrl, person);

const report = (description: string, overrides: Partial<ReportInput> = {}): ReportInput => ({
  kind: 'report',
  domain: 'integrity',
  theme: 'fraud',
  entityId: null,
  requesterRole: 'staff',
  identityChoice: 'anonymous',
  wantsMeeting: false,
  contactPreference: 'site_only',
  answers: { description, when: '', where: '', involved: '', name: '', email: '', phone: '' },
  ...overrides,
});

async function dataKeyOf(world: World, person: Person, caseId: string): Promise<DataKey> {
  const [keys] = await world.database.execute('select * from user_keys where user_id = $1', [person.id]);
  const privateKey = await unsealPrivateKey(
    person.id,
    { sealedPrivateKey: keys!.sealed_private_key, nonce: keys!.nonce, kdfSalt: keys!.kdf_salt, secretKind: 'password' } as never,
    person.password,
  );
  const [seal] = await world.database.execute('select sealed_key from case_key_seals where case_id = $1 and user_id = $2', [caseId, person.id]);
  return openDataKey(new Uint8Array(seal!.sealed_key as Uint8Array), new Uint8Array(keys!.public_key as Uint8Array), privateKey!)!;
}

describe.each(kinds)('retention and legal hold (%s)', (kind) => {
  let world: World;
  let carla: Person;
  let coordinator: Person;
  let bob: Person;
  const ids: Record<'expired' | 'withFiles' | 'psychosocial' | 'held' | 'open' | 'recent', string> = {} as never;
  const fileIds: string[] = [];

  beforeAll(async () => {
    world = await startWorld({}, kind);
    const [carlaRow] = await world.database.execute('select id from users where email = $1', [handlerAccount.email]);
    carla = { id: String(carlaRow!.id), email: handlerAccount.email, password: handlerAccount.password };
    [coordinator, bob] = await Promise.all([
      addPerson(world, 'Coco Coordinator', 'integrity_coordinator', null),
      addPerson(world, 'Bob Elsewhere', 'case_handler', 'confidential_counsellor'),
    ]);
    const db = world.database.db;
    const secrets = await reportingSecrets(db);
    ids.expired = (await submitReport(db, secrets, report('Expired integrity case'))).caseId;
    ids.withFiles = (await submitReport(db, secrets, report('Expired case with a file'))).caseId;
    ids.psychosocial = (await submitReport(db, secrets, report('Psychosocial, kept 20 years', { domain: 'wellbeing', theme: 'conflict' }))).caseId;
    ids.held = (await submitReport(db, secrets, report('Expired but on hold'))).caseId;
    ids.open = (await submitReport(db, secrets, report('Still open'))).caseId;
    ids.recent = (await submitReport(db, secrets, report('Closed last year'))).caseId;
    const dataKey = await dataKeyOf(world, carla, ids.withFiles);
    const messageId = await addMessage(db, { caseId: ids.withFiles, dataKey, author: 'handler', authorUserId: carla.id, body: 'A reply' });
    for (const [name, messageOf] of [
      ['evidence.txt', undefined],
      ['reply.txt', messageId],
    ] as const) {
      const stored = await storeCaseFile(db, { caseId: ids.withFiles, dataKey, messageId: messageOf, filename: name, source: Readable.from([Buffer.from(`content of ${name}`)]), limits: { maxBytes: 100_000 } });
      if (!stored.ok) throw new Error(stored.reason);
      fileIds.push(stored.file.id);
    }
    for (const id of [ids.expired, ids.withFiles, ids.psychosocial, ids.held]) {
      await world.database.execute(`update cases set status = 'closed', closed_on = '2020-05-31', outcome = 'unfounded' where id = $1`, [id]);
    }
    await world.database.execute(`update cases set status = 'closed', closed_on = '2025-06-01' where id = $1`, [ids.recent]);
    await world.database.execute('update cases set legal_hold = true where id = $1', [ids.held]);
  });
  afterAll(() => world?.close());

  it('is one of the product’s daily jobs', () => {
    const job = jobDefinitions(loadConfig({})).find((j) => j.name === purgeExpiredCasesJobName);
    expect(job?.cron).toBe('30 2 * * *');
  });

  it('deletes nothing the day before the time is up', async () => {
    expect(await purgeExpiredCases(world.database.db, new Date('2025-05-30T21:00:00Z'))).toEqual({ purged: 0, held: 0 });
    expect((await world.database.execute('select count(*)::int as n from cases'))[0]!.n).toBe(6);
  });

  it('removes content, files, chunks, messages and keys of expired cases, keeping statistics and held cases', async () => {
    const chunksBefore = await world.database.execute('select count(*)::int as n from file_chunks where file_id = any($1::uuid[])', [fileIds]);
    expect(chunksBefore[0]!.n).toBeGreaterThan(0);
    // 31 May 2025 is the first day after five years (Brussels time: 22:30 UTC on the 30th is already the 31st).
    const result = await purgeExpiredCases(world.database.db, new Date('2025-05-30T22:30:00Z'));
    expect(result).toEqual({ purged: 2, held: 1 });

    const remaining = (await world.database.execute('select id from cases')).map((r) => r.id);
    expect(remaining.sort()).toEqual([ids.psychosocial, ids.held, ids.open, ids.recent].sort());
    for (const table of ['case_key_seals', 'case_messages', 'case_files', 'case_events', 'receipt_sessions']) {
      const rows = await world.database.execute(`select count(*)::int as n from ${table} where case_id = any($1::uuid[])`, [[ids.expired, ids.withFiles]]);
      expect(rows[0]!.n, table).toBe(0);
    }
    expect((await world.database.execute('select count(*)::int as n from file_chunks where file_id = any($1::uuid[])', [fileIds]))[0]!.n).toBe(0);
    const statistics = await world.database.execute(`select case_id, theme, status, outcome, closed_on::text as closed from case_statistics where case_id is null`);
    expect(statistics).toHaveLength(2);
    expect(statistics[0]).toMatchObject({ theme: 'fraud', status: 'closed', outcome: 'unfounded', closed: '2020-05-31' });
    expect((await world.database.execute('select count(*)::int as n from case_statistics'))[0]!.n).toBe(6);
    const audits = await world.database.execute(`select subject_id, details from audit_log where action = 'case.purged'`);
    expect(audits.map((a) => a.subject_id).sort()).toEqual([ids.expired, ids.withFiles].sort());
    expect(JSON.stringify(audits)).not.toContain('Expired');
  });

  it('lets a handler who may act place a legal hold with a reason, and refuses stale forms', async () => {
    const carlaClient = await signedIn(world, carla);
    const page = await carlaClient.get(`/cases/${ids.recent}/legal-hold`);
    expect(page.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(page.html)![1]!;
    const empty = await carlaClient.post(`/cases/${ids.recent}/legal-hold`, { hold: 'on', version, reason: '' });
    expect(empty.status).toBe(400);
    // Someone else changes the case meanwhile: the form read at the old version is stale.
    await world.database.execute('update cases set version = version + 1 where id = $1', [ids.recent]);
    await carlaClient.get(`/cases/${ids.recent}/legal-hold`);
    const stale = await carlaClient.post(`/cases/${ids.recent}/legal-hold`, { hold: 'on', version, reason: 'Court order 2026/17' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('Court order 2026/17');
    expect((await world.database.execute('select legal_hold from cases where id = $1', [ids.recent]))[0]!.legal_hold).toBe(false);
    await carlaClient.get(`/cases/${ids.recent}/legal-hold`);
    const held = await carlaClient.post(`/cases/${ids.recent}/legal-hold`, { hold: 'on', version: String(Number(version) + 1), reason: 'Court order 2026/17' });
    expect(held.status).toBe(303);
    expect((await world.database.execute('select legal_hold from cases where id = $1', [ids.recent]))[0]!.legal_hold).toBe(true);
    const [audit] = await world.database.execute(`select actor_id, details from audit_log where action = 'case.legal_hold_set'`);
    expect(audit).toMatchObject({ actor_id: carla.id, details: { reason: 'Court order 2026/17' } });

    const bobClient = await signedIn(world, bob);
    expect((await bobClient.get(`/cases/${ids.recent}/legal-hold`)).status).toBe(404);
    expect((await bobClient.get('/cases/retention')).status).toBe(404);
  });

  it('lets the coordinator set periods (never under the legal 20 years) and hold integrity cases, not psychosocial ones', async () => {
    const client = await signedIn(world, coordinator);
    expect((await client.get(`/cases/${ids.held}/legal-hold`)).status).toBe(200);
    expect((await client.get(`/cases/${ids.psychosocial}/legal-hold`)).status).toBe(404);

    const page = await client.get('/cases/retention');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/name="psychosocial"[^>]*value="20"/);
    const tooShort = await client.post('/cases/retention', { integrity: '3', psychosocial: '10', question: '1', theme_fraud: 'abc' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.html).toMatch(/name="theme_fraud"[^>]*value="abc"/);
    await client.get('/cases/retention');
    const saved = await client.post('/cases/retention', { integrity: '3', psychosocial: '25', question: '1', theme_fraud: '8' });
    expect(saved.status).toBe(303);
    const [row] = await world.database.execute(`select value from settings where key = 'cases.retention'`);
    expect(row!.value).toEqual({ procedures: { integrity: 3, psychosocial: 25, question: 1 }, themes: { fraud: 8 } });
    expect(await world.database.execute(`select 1 from audit_log where action = 'settings.retention_updated'`)).toHaveLength(1);
  });
});
