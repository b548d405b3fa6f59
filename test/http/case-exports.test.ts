/**
 * Exports through real requests, on PGlite and (with DATABASE_URL) PostgreSQL: a case file as
 * print-ready HTML and PDF for a handler holding its key (audited, 404 for anyone else), and the
 * coordinator's CSV of metadata without the psychosocial compartment, safe against formula injection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/features/reporting/intake.ts';
import { reportingSecrets, type ReportInput } from '../../src/features/case-record/service.ts';
import { postgresServerUrl } from '../databases.ts';
import { handlerAccount, startWorld, type World } from '../reporting-world.ts';
import type { Client } from '../server.ts';
import { addCasePerson, signInCasePerson, type CasePerson } from '../case-people.ts';

const kinds = postgresServerUrl ? (['files', 'postgres'] as const) : (['files'] as const);

type Person = CasePerson;

const addPerson = (world: World, name: string, role: string, handlerFunction: string | null): Promise<Person> =>
  addCasePerson(world.database, { name, role, handlerFunction });

/** Signs in with password and TOTP and unlocks the case key for the session. */
const signedIn = (world: World, person: Person, unlock = true): Promise<Client> => signInCasePerson(world.baseUrl, person, unlock);

const report = (description: string, overrides: Partial<ReportInput> = {}): ReportInput => ({
  kind: 'report',
  domain: 'integrity',
  theme: 'fraud',
  entityId: null,
  requesterRole: 'staff',
  identityChoice: 'anonymous',
  wantsMeeting: false,
  contactPreference: 'site_only',
  answers: { description, when: 'In May', where: 'Procurement', involved: '', name: '', email: '', phone: '' },
  ...overrides,
});

describe.each(kinds)('exports (%s)', (kind) => {
  let world: World;
  let carla: Person;
  let coordinator: Person;
  let bob: Person;
  let carlaClient: Client;
  let integrityCase: { caseId: string; reference: string };
  let psychosocialCase: { caseId: string; reference: string };
  let excludedCase: { caseId: string; reference: string };

  beforeAll(async () => {
    world = await startWorld({}, kind);
    const [carlaRow] = await world.database.execute('select id from users where email = $1', [handlerAccount.email]);
    carla = { id: String(carlaRow!.id), email: handlerAccount.email, password: handlerAccount.password };
    [coordinator, bob] = await Promise.all([
      addPerson(world, 'Coco Coordinator', 'integrity_coordinator', null),
      addPerson(world, 'Bob Elsewhere', 'case_handler', 'confidential_counsellor'),
    ]);
    const [entity] = await world.database.execute(`insert into entities (name, kind) values ('=HYPERLINK("http://evil.example","click")', 'agency') returning id`);
    const db = world.database.db;
    const secrets = await reportingSecrets(db);
    integrityCase = await submitReport(db, secrets, report('Tenders are split to stay under the threshold', { entityId: String(entity!.id) }));
    psychosocialCase = await submitReport(db, secrets, report('A wellbeing matter', { domain: 'wellbeing', theme: 'bullying' }));
    excludedCase = await submitReport(db, secrets, report('The coordinator is named in this one'));
    await world.database.execute(`insert into case_exclusions (case_id, user_id, reason) values ($1, $2, 'involved')`, [excludedCase.caseId, coordinator.id]);
    carlaClient = await signedIn(world, carla, true);
  });
  afterAll(() => world?.close());

  it('gives the handler a print-ready HTML case file, with a print style sheet and no script, audited', async () => {
    const page = await carlaClient.get(`/cases/${integrityCase.caseId}/export`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.html).toContain('Tenders are split to stay under the threshold');
    expect(page.html).toContain(integrityCase.reference);
    expect(page.html).toContain('<link rel="stylesheet" href="/cases/export.css"/>');
    expect(page.html).not.toMatch(/<script|style=/i);
    const css = await carlaClient.get('/cases/export.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.html).toContain('@media print');
    const audits = await world.database.execute(`select actor_id, subject_id, details from audit_log where action = 'case.exported'`);
    expect(audits).toEqual([{ actor_id: carla.id, subject_id: integrityCase.caseId, details: { format: 'html', redacted: false } }]);
  });

  it('gives the same file as a PDF', async () => {
    const response = await fetch(`${world.baseUrl}/cases/${integrityCase.caseId}/export.pdf`, {
      headers: { cookie: `ib_session=${carlaClient.cookie('ib_session')}; ib_unlock=${carlaClient.cookie('ib_unlock')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(`${integrityCase.reference}.pdf`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1000);
    expect(await world.database.execute(`select 1 from audit_log where action = 'case.exported' and details->>'format' = 'pdf'`)).toHaveLength(1);
  });

  it('answers 404 to a handler without the key, and sends a locked handler to unlock first', async () => {
    const bobClient = await signedIn(world, bob, true);
    expect((await bobClient.get(`/cases/${integrityCase.caseId}/export`)).status).toBe(404);
    expect((await bobClient.get(`/cases/${integrityCase.caseId}/export.pdf`)).status).toBe(404);
    expect((await bobClient.get('/cases/export.csv')).status).toBe(404);
    const coordinatorClient = await signedIn(world, coordinator, true);
    expect((await coordinatorClient.get(`/cases/${integrityCase.caseId}/export`)).status).toBe(404);
    // Carla's session without her unlock cookie: signed in, key still locked.
    const locked = await fetch(`${world.baseUrl}/cases/${integrityCase.caseId}/export`, { redirect: 'manual', headers: { cookie: `ib_session=${carlaClient.cookie('ib_session')}` } });
    expect(locked.status).toBe(303);
    expect(locked.headers.get('location')).toBe(`/cases/unlock?next=${encodeURIComponent(`/cases/${integrityCase.caseId}/export`)}`);
  });

  it('gives the coordinator a CSV of metadata, without the psychosocial compartment, safe against formulas', async () => {
    const client = await signedIn(world, coordinator, false);
    const csv = await client.get('/cases/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.html.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Referentie,Procedure,Thema,Entiteit,Kanaal,Status,Ontvangen,Afgesloten,Behandelaars');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(integrityCase.reference);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(lines[1]).toContain('Carla Counsellor');
    expect(lines[1]).toContain('Fraude');
    expect(csv.html).not.toContain(psychosocialCase.reference);
    expect(csv.html).not.toContain(excludedCase.reference);
    expect(csv.html).not.toContain('Tenders');
    expect(await world.database.execute(`select 1 from audit_log where action = 'case.metadata_exported'`)).toHaveLength(1);
  });
});
