/**
 * Redaction, hand-over and the confidential identity through real requests on the built app, on PGlite
 * and (with DATABASE_URL) PostgreSQL: 404s for users without need to know, masked text for holders
 * sealed with sees_redacted, the custodian's approval before an identity is revealed, and a reassignment
 * that never leaves a case nobody can open.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsealPrivateKey } from '../../src/platform/auth/keys.ts';
import { openDataKey, sealDataKey, type DataKey } from '../../src/platform/crypto/envelope.ts';
import { submitReport } from '../../src/features/reporting/intake.ts';
import { reportingSecrets, type ReportInput } from '../../src/features/case-record/service.ts';
import { casesOnlyHeldBy } from '../../src/features/cases/reassign.ts';
import { resealPending } from '../../src/features/cases/commands/reseal-pending.ts';
import { configureEscrow, escrowKeygen, escrowReseal } from '../../src/features/cases/escrow.ts';
import { loadRedactions } from '../../src/features/cases/redaction.ts';
import { postgresServerUrl } from '../databases.ts';
import { handlerAccount, startWorld, type World } from '../reporting-world.ts';
import type { Client } from '../server.ts';
import { addCasePerson, signInCasePerson, type CasePerson } from '../case-people.ts';

const totp = handlerAccount.totp;
const kinds = postgresServerUrl ? (['files', 'postgres'] as const) : (['files'] as const);

type Person = CasePerson;

const addPerson = (world: World, name: string, role: string, handlerFunction: string | null): Promise<Person> =>
  addCasePerson(world.database, { name, role, handlerFunction });

/** Signs in with password and TOTP and unlocks the case key for the session. */
const signedIn = (world: World, person: Person, unlock = true): Promise<Client> => signInCasePerson(world.baseUrl, person, unlock);

const report = (overrides: Partial<ReportInput> & { description: string }): ReportInput => ({
  kind: 'report',
  domain: 'integrity',
  theme: 'fraud',
  entityId: null,
  requesterRole: 'staff',
  identityChoice: 'anonymous',
  wantsMeeting: false,
  contactPreference: 'site_only',
  ...overrides,
  answers: { description: overrides.description, when: 'Since March', where: 'Accounts', involved: 'Director Piet Peeters', name: '', email: '', phone: '', ...overrides.answers },
});

/** A user's private key, opened with their password, to act as the lead's case page would. */
async function dataKeyOf(world: World, person: Person, caseId: string): Promise<DataKey> {
  const [keys] = await world.database.execute('select * from user_keys where user_id = $1', [person.id]);
  const privateKey = await unsealPrivateKey(person.id, { sealedPrivateKey: keys!.sealed_private_key as Uint8Array, nonce: keys!.nonce as Uint8Array, kdfSalt: keys!.kdf_salt as Uint8Array, secretKind: 'password' } as never, person.password);
  const [seal] = await world.database.execute('select sealed_key from case_key_seals where case_id = $1 and user_id = $2', [caseId, person.id]);
  return openDataKey(new Uint8Array(seal!.sealed_key as Uint8Array), new Uint8Array(keys!.public_key as Uint8Array), privateKey!)!;
}

async function sealTo(world: World, from: Person, to: Person, caseId: string, seesRedacted: boolean): Promise<void> {
  const dataKey = await dataKeyOf(world, from, caseId);
  const [keys] = await world.database.execute('select public_key from user_keys where user_id = $1', [to.id]);
  await world.database.execute('insert into case_key_seals (case_id, user_id, sealed_key, sees_redacted) values ($1, $2, $3, $4)', [
    caseId,
    to.id,
    sealDataKey(dataKey, new Uint8Array(keys!.public_key as Uint8Array)),
    seesRedacted,
  ]);
}

async function auditRows(world: World, action: string) {
  return world.database.execute(`select actor_id, subject_id, details from audit_log where action = $1 order by seq`, [action]);
}

describe.each(kinds)('redaction, hand-over and the confidential identity (%s)', (kind) => {
  let world: World;
  let carla: Person;
  let bob: Person;
  let nina: Person;
  let custodian: Person;
  let admin: Person;
  let carlaClient: Client;
  let bobClient: Client;
  let caseA: string;
  let caseB: string;
  let caseC: string;
  let adminClient: Client;
  let custodianClient: Client;

  beforeAll(async () => {
    world = await startWorld({}, kind);
    const [carlaRow] = await world.database.execute('select id from users where email = $1', [handlerAccount.email]);
    carla = { id: String(carlaRow!.id), email: handlerAccount.email, password: handlerAccount.password };
    [bob, nina, custodian] = await Promise.all([
      addPerson(world, 'Bob Second', 'case_handler', 'confidential_counsellor'),
      addPerson(world, 'Nina Prevention', 'case_handler', 'psychosocial_prevention_advisor'),
      addPerson(world, 'Cora Custodian', 'case_handler', 'identity_custodian'),
    ]);
    const [adminRow] = await world.database.execute(`select id from users where email = 'admin@example.be'`);
    await world.database.execute('update users set totp_secret = $1, totp_enabled_at = now() where id = $2', [totp, adminRow!.id]);
    admin = { id: String(adminRow!.id), email: 'admin@example.be', password: 'an admin password' };
    const secrets = await reportingSecrets(world.database.db);
    const db = world.database.db;
    caseA = (
      await submitReport(
        db,
        secrets,
        report({
          description: 'Piet Peeters signs the invoices of his brother-in-law. Ask Piet Peeters why.',
          identityChoice: 'confidential',
          contactPreference: 'email',
          answers: { name: 'Marker-Reporter-Anna', email: 'anna@example.be', phone: '0470 12 34 56' } as never,
        }),
      )
    ).caseId;
    caseB = (await submitReport(db, secrets, report({ description: 'Only Carla can open this one.' }))).caseId;
    caseC = (await submitReport(db, secrets, report({ description: 'A wellbeing matter.', domain: 'wellbeing', theme: 'conflict' }))).caseId;
    [carlaClient, bobClient] = [await signedIn(world, carla), await signedIn(world, bob)];
  });
  afterAll(() => world?.close());

  it('seals a confidential identity apart from the answers, to the routed handlers only', async () => {
    const [row] = await world.database.execute('select identity from cases where id = $1', [caseA]);
    expect(row!.identity).not.toBeNull();
    const seals = await world.database.execute('select user_id from case_identity_seals where case_id = $1', [caseA]);
    expect(seals.map((s) => s.user_id)).toEqual([carla.id]);
    const dump = await world.database.execute(`select string_agg(c::text, '') as t from cases c`);
    expect(String(dump[0]!.t)).not.toContain('Marker-Reporter-Anna');
    const [plain] = await world.database.execute('select identity from cases where id = $1', [caseB]);
    expect(plain!.identity).toBeNull();
  });

  it('answers 404 on every page of a case to a handler without need to know', async () => {
    for (const path of [`/cases/${caseA}/redactions`, `/cases/${caseA}/identity`, `/cases/${crypto.randomUUID()}/redactions`, '/cases/not-a-uuid/identity']) {
      expect((await bobClient.get(path)).status, path).toBe(404);
    }
    expect((await bobClient.get('/cases/reassign')).status).toBe(404);
    expect((await bobClient.get('/cases/custodian')).status).toBe(404);
  });

  it('masks a passage for holders sealed with sees_redacted, keeps the original for the others', async () => {
    const form = await carlaClient.get(`/cases/${caseA}/redactions`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Piet Peeters signs the invoices');

    const missing = await carlaClient.post(`/cases/${caseA}/redactions`, { target: 'answers.description', passage: 'Jan Janssens' });
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('Jan Janssens');
    const forged = await carlaClient.post(`/cases/${caseA}/redactions`, { target: 'answers.name', passage: 'Anna' });
    expect(forged.status).toBe(400);

    await carlaClient.get(`/cases/${caseA}/redactions`);
    const masked = await carlaClient.post(`/cases/${caseA}/redactions`, { target: 'answers.description', passage: 'Piet Peeters' });
    expect(masked.status).toBe(303);
    expect(masked.location).toBe(`/cases/${caseA}/redactions?masked=2`);
    const redactions = await loadRedactions(world.database.db, caseA);
    expect(redactions.get('answers.description')).toEqual([
      { start: 0, end: 12 },
      { start: 59, end: 71 },
    ]);
    expect(JSON.stringify(await auditRows(world, 'case.redacted'))).not.toContain('Piet');

    await sealTo(world, carla, bob, caseA, true);
    const bobsExport = await bobClient.get(`/cases/${caseA}/export`);
    expect(bobsExport.status).toBe(200);
    expect(bobsExport.html).toContain('████████████ signs the invoices');
    expect(bobsExport.html).not.toMatch(/Piet Peeters signs/);
    // A holder who reads the masked version cannot open the redaction page (it shows the original).
    expect((await bobClient.get(`/cases/${caseA}/redactions`)).status).toBe(404);
    const carlasExport = await carlaClient.get(`/cases/${caseA}/export`);
    expect(carlasExport.html).toContain('Piet Peeters signs the invoices');
  });

  it('removes a passage permanently only with a reason, audited without the removed text', async () => {
    await carlaClient.get(`/cases/${caseA}/redactions`);
    const noReason = await carlaClient.post(`/cases/${caseA}/redactions`, { target: 'answers.where', passage: 'Accounts', permanent: 'on', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('Accounts');
    const [before] = await world.database.execute('select version from cases where id = $1', [caseA]);
    const removed = await carlaClient.post(`/cases/${caseA}/redactions`, { target: 'answers.where', passage: 'Accounts', permanent: 'on', reason: 'Names a small team' });
    expect(removed.status).toBe(303);
    const page = await carlaClient.get(`/cases/${caseA}/export`);
    expect(page.html).toContain('████████');
    expect(page.html).not.toContain('Accounts');
    const [after] = await world.database.execute('select version from cases where id = $1', [caseA]);
    expect(Number(after!.version)).toBe(Number(before!.version) + 1);
    const audits = await auditRows(world, 'case.redacted_permanently');
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ target: 'answers.where', reason: 'Names a small team' });
    expect(JSON.stringify(audits)).not.toContain('Accounts');
  });

  it('reveals the confidential identity to a second handler only after the custodian approves', async () => {
    const carlasView = await carlaClient.get(`/cases/${caseA}/identity`);
    expect(carlasView.status).toBe(200);
    expect(carlasView.html).toContain('Marker-Reporter-Anna');
    expect(await auditRows(world, 'case.identity_read')).toHaveLength(1);
    const bobsView = await bobClient.get(`/cases/${caseA}/identity`);
    expect(bobsView.status).toBe(200);
    expect(bobsView.html).not.toContain('Marker-Reporter-Anna');

    await carlaClient.get(`/cases/${caseA}/identity`);
    const noReason = await carlaClient.post(`/cases/${caseA}/identity`, { forUser: bob.id, reason: ' ' });
    expect(noReason.status).toBe(400);
    const asked = await carlaClient.post(`/cases/${caseA}/identity`, { forUser: bob.id, reason: 'Bob arranges the protective transfer' });
    expect(asked.status).toBe(303);
    await carlaClient.get(`/cases/${caseA}/identity`);
    const twice = await carlaClient.post(`/cases/${caseA}/identity`, { forUser: bob.id, reason: 'Again' });
    expect(twice.status).toBe(400);
    expect((await bobClient.get(`/cases/${caseA}/identity`)).html).not.toContain('Marker-Reporter-Anna');

    custodianClient = await signedIn(world, custodian);
    const queue = await custodianClient.get('/cases/custodian');
    expect(queue.status).toBe(200);
    const [caseRow] = await world.database.execute('select reference from cases where id = $1', [caseA]);
    expect(queue.html).toContain(String(caseRow!.reference));
    expect(queue.html).toContain('Bob arranges the protective transfer');
    expect(queue.html).toContain('Carla Counsellor');
    expect(queue.html).not.toContain('Marker-Reporter-Anna');
    expect(queue.html).not.toContain('invoices');
    // The custodian has no key to the case.
    expect((await custodianClient.get(`/cases/${caseA}/export`)).status).toBe(404);

    const [request] = await world.database.execute(`select id from identity_reveal_requests where case_id = $1 and status = 'pending'`, [caseA]);
    // Someone else cannot decide, even with a valid form.
    await bobClient.get(`/cases/${caseA}/identity`);
    expect((await bobClient.post(`/cases/custodian/${String(request!.id)}`, { decision: 'approve' })).status).toBe(404);
    const approved = await custodianClient.post(`/cases/custodian/${String(request!.id)}`, { decision: 'approve' });
    expect(approved.status).toBe(303);
    expect((await bobClient.get(`/cases/${caseA}/identity`)).html).toContain('Marker-Reporter-Anna');
    const requested = await auditRows(world, 'case.identity_reveal_requested');
    expect(requested[0]!.details).toMatchObject({ for: bob.id, reason: 'Bob arranges the protective transfer' });
    expect(await auditRows(world, 'case.identity_reveal_approved')).toHaveLength(1);
    expect(JSON.stringify(await world.database.execute('select details from audit_log'))).not.toContain('Marker-Reporter-Anna');
  });

  it('reassigns a handler’s cases to one of the same function, never leaving a case nobody can open', async () => {
    adminClient = await signedIn(world, admin, false);
    const form = await adminClient.get('/cases/reassign');
    expect(form.status).toBe(200);
    expect(form.html).not.toContain('invoices');
    const wrong = await adminClient.post('/cases/reassign', { from: carla.id, to: nina.id });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('dezelfde functie');
    await adminClient.get('/cases/reassign');
    const same = await adminClient.post('/cases/reassign', { from: carla.id, to: carla.id });
    expect(same.status).toBe(400);

    await adminClient.get('/cases/reassign');
    const moved = await adminClient.post('/cases/reassign', { from: carla.id, to: bob.id });
    expect(moved.status).toBe(303);
    expect(moved.location).toBe('/cases/reassign?moved=3&onlyOld=2&skipped=0');
    const summary = await adminClient.get(moved.location!);
    expect(summary.html).toContain('3 dossiers overgedragen');
    expect(summary.html).toContain('2 dossiers kunnen alleen door de vorige behandelaar');

    // Case A: Bob already held the key, so Carla's seal went. B and C: Carla is the only holder, so she keeps it for now.
    const holders = async (caseId: string) =>
      (await world.database.execute('select user_id from case_key_seals where case_id = $1 and user_id is not null order by user_id', [caseId])).map((r) => r.user_id);
    const pending = async (caseId: string) => (await world.database.execute('select user_id from case_pending_seals where case_id = $1', [caseId])).map((r) => r.user_id);
    expect(await holders(caseA)).toEqual([bob.id]);
    expect(await holders(caseB)).toEqual([carla.id]);
    expect(await pending(caseB)).toEqual([bob.id]);
    expect(await holders(caseC)).toEqual([carla.id]);
    const unopenable = await world.database.execute(
      'select id from cases c where not exists (select 1 from case_key_seals s where s.case_id = c.id and s.user_id is not null)',
    );
    expect(unopenable).toEqual([]);
    expect(await auditRows(world, 'case.reassigned')).toHaveLength(3);
    expect((await casesOnlyHeldBy(world.database.db, carla.id)).sort()).toEqual([caseB, caseC].sort());
    expect(await casesOnlyHeldBy(world.database.db, bob.id)).toEqual([caseA]);

    // Bob sees case B's metadata only; when Carla opens it, the key is sealed to Bob and her seal goes.
    expect((await bobClient.get(`/cases/${caseB}/export`)).status).toBe(404);
    const sealed = await resealPending(world.database.db, caseB, await dataKeyOf(world, carla, caseB), carla.id);
    expect(sealed).toBe(1);
    expect(await holders(caseB)).toEqual([bob.id]);
    expect(await pending(caseB)).toEqual([]);
    expect((await bobClient.get(`/cases/${caseB}/export`)).status).toBe(200);
    expect(await resealPending(world.database.db, caseB, await dataKeyOf(world, bob, caseB), bob.id)).toBe(0);
  });

  it('lets the operator’s escrow key hand over a case whose only handler left', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-escrow-'));
    const keyFile = path.join(dir, 'escrow.key');
    const printed: string[] = [];
    escrowKeygen(keyFile, (line) => printed.push(line));
    expect(fs.statSync(keyFile).mode & 0o077).toBe(0);
    const publicKey = printed.find((l) => l.startsWith('ESCROW_PUBLIC_KEY='))!.slice('ESCROW_PUBLIC_KEY='.length);
    await configureEscrow(world.database.db, publicKey);
    const caseD = (await submitReport(world.database.db, await reportingSecrets(world.database.db), report({ description: 'Sealed to Carla and the escrow key.' }))).caseId;
    const [escrow] = await world.database.execute(`select id from users where email = 'escrow@integrity-bureau.invalid' and disabled_at is not null`);
    const holders = async (caseId: string) =>
      (await world.database.execute('select user_id from case_key_seals where case_id = $1 and user_id is not null', [caseId])).map((r) => String(r.user_id)).sort();
    expect(await holders(caseD)).toEqual([carla.id, String(escrow!.id)].sort());

    await adminClient.get('/cases/reassign');
    const moved = await adminClient.post('/cases/reassign', { from: carla.id, to: bob.id });
    // Case C still only opens with Carla's key; case D opens with the escrow key, so Carla's seal goes at once.
    expect(moved.location).toBe('/cases/reassign?moved=2&onlyOld=1&skipped=0');
    expect(await holders(caseD)).toEqual([String(escrow!.id)]);

    const out: string[] = [];
    expect(await escrowReseal(world.database.db, keyFile, (line) => out.push(line))).toBe(3);
    expect(out[0]).toBe('Opened 1 cases with the escrow key and sealed them to 1 waiting handlers.');
    expect(await holders(caseD)).toEqual([bob.id, String(escrow!.id)].sort());
    expect((await bobClient.get(`/cases/${caseD}/export`)).status).toBe(200);
    const coordinatorClient = await signedIn(world, await addPerson(world, 'Coco Coordinator', 'integrity_coordinator', null), false);
    expect((await coordinatorClient.get('/cases/export.csv')).html).not.toContain('escrow');

    // The coordinator may hand over integrity cases, never a psychosocial dossier (case C stays with Bob pending).
    await coordinatorClient.get('/cases/reassign');
    const byCoordinator = await coordinatorClient.post('/cases/reassign', { from: bob.id, to: carla.id });
    expect(byCoordinator.location).toBe('/cases/reassign?moved=3&onlyOld=2&skipped=0');
    expect((await world.database.execute('select user_id from case_pending_seals where case_id = $1', [caseC])).map((r) => r.user_id)).toEqual([bob.id]);
    expect(await holders(caseD)).toEqual([String(escrow!.id)]);
    fs.rmSync(dir, { recursive: true, force: true });
    await configureEscrow(world.database.db, undefined);
  });

  it('keeps the identity hidden when the custodian refuses, and logs the refusal', async () => {
    const caseF = (
      await submitReport(
        world.database.db,
        await reportingSecrets(world.database.db),
        report({ description: 'Another confidential report.', identityChoice: 'confidential', answers: { name: 'Marker-Reporter-Frank' } as never }),
      )
    ).caseId;
    await sealTo(world, carla, bob, caseF, false);
    await carlaClient.get(`/cases/${caseF}/identity`);
    expect((await carlaClient.post(`/cases/${caseF}/identity`, { forUser: bob.id, reason: 'Curiosity' })).status).toBe(303);
    const [request] = await world.database.execute(`select id from identity_reveal_requests where case_id = $1 and status = 'pending'`, [caseF]);
    await custodianClient.get('/cases/custodian');
    const refused = await custodianClient.post(`/cases/custodian/${String(request!.id)}`, { decision: 'refuse' });
    expect(refused.location).toBe('/cases/custodian?notice=refused');
    expect((await bobClient.get(`/cases/${caseF}/identity`)).html).not.toContain('Marker-Reporter-Frank');
    const [row] = await world.database.execute('select status, pending_seal from identity_reveal_requests where id = $1', [request!.id]);
    expect(row).toEqual({ status: 'refused', pending_seal: null });
    expect(await auditRows(world, 'case.identity_reveal_refused')).toHaveLength(1);
    // A decided request cannot be decided again.
    await custodianClient.get('/cases/custodian');
    expect((await custodianClient.post(`/cases/custodian/${String(request!.id)}`, { decision: 'approve' })).status).toBe(404);
  });
});
