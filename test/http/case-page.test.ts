/**
 * The case page through the real app: need to know (404 for those without it, metadata only for the
 * coordinator, nothing of the psychosocial compartment for them), the lifecycle's steps with their
 * messages to the reporter, stale forms, triage, notes, tasks, links, classification, referral and
 * exclusion — each change audited and encrypted where it carries text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/features/reporting/intake.ts';
import { reportingSecrets, type ReportInput } from '../../src/features/case-record/service.ts';
import { postgresServerUrl } from '../databases.ts';
import { addCasePerson, signInCasePerson, type CasePerson } from '../case-people.ts';
import { handlerAccount, startWorld, type World } from '../reporting-world.ts';
import type { Client } from '../server.ts';

const kinds = postgresServerUrl ? (['files', 'postgres'] as const) : (['files'] as const);
const noteText = 'Marker-Notitie-3391: de boekhouder bevestigt de facturen';
const reasonText = 'Marker-Reden-2280: het gaat om pesten, niet om fraude';

function report(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    kind: 'report',
    domain: 'integrity',
    theme: 'fraud',
    entityId: null,
    requesterRole: 'staff',
    identityChoice: 'anonymous',
    wantsMeeting: false,
    contactPreference: 'site_only',
    answers: { description: 'Marker-Melding-1177: facturen zonder levering', when: '', where: '', involved: '', name: '', email: '', phone: '' },
    ...overrides,
  };
}

function versionOf(html: string): string {
  const match = /name="version" value="(\d+)"/.exec(html);
  if (!match?.[1]) throw new Error('no version on the page');
  return match[1];
}

describe.each(kinds)('the case page (%s)', (kind) => {
  let world: World;
  let counsellor: Client;
  let advisor: CasePerson;
  let advisorClient: Client;
  let coordinator: Client;
  let caseId: string;
  let wellbeingId: string;

  beforeAll(async () => {
    world = await startWorld({}, kind);
    advisor = await addCasePerson(world.database, { email: 'advisor@example.be', name: 'Pieter Prevention', role: 'case_handler', handlerFunction: 'psychosocial_prevention_advisor' });
    const coordinatorPerson = await addCasePerson(world.database, { email: 'coordinator@example.be', name: 'Cora Coordinator', role: 'integrity_coordinator' });
    const secrets = await reportingSecrets(world.database.db);
    caseId = (await submitReport(world.database.db, secrets, report())).caseId;
    wellbeingId = (await submitReport(world.database.db, secrets, report({ domain: 'wellbeing', theme: 'bullying' }))).caseId;
    [counsellor, advisorClient, coordinator] = await Promise.all([
      signInCasePerson(world.baseUrl, handlerAccount),
      signInCasePerson(world.baseUrl, advisor),
      signInCasePerson(world.baseUrl, { email: coordinatorPerson.email, password: coordinatorPerson.password }),
    ]);
  });
  afterAll(() => world.close());

  it('shows the whole report to the handler it was routed to, and audits the read', async () => {
    const page = await counsellor.get(`/cases/${caseId}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Marker-Melding-1177');
    expect(page.html).toContain('Acknowledge receipt');
    const audit = await world.database.execute(`select count(*)::int as n from audit_log where action = 'case.read' and subject_id = $1`, [caseId]);
    expect(audit[0]!.n).toBeGreaterThan(0);
  });

  it('sends a handler without their key unlocked to the unlock page first', async () => {
    const locked = await signInCasePerson(world.baseUrl, handlerAccount, false);
    const page = await locked.get(`/cases/${caseId}`);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/cases/unlock?next=${encodeURIComponent(`/cases/${caseId}`)}`);
  });

  it('answers 404 to a handler the case was not routed to, as for a case that does not exist', async () => {
    expect((await advisorClient.get(`/cases/${caseId}`)).status).toBe(404);
    expect((await advisorClient.get('/cases/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await advisorClient.get(`/cases/${caseId}/triage`)).status).toBe(404);
  });

  it("shows the coordinator an integrity case's metadata without its content, and no psychosocial case at all", async () => {
    const page = await coordinator.get(`/cases/${caseId}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('you do not hold its key');
    expect(page.html).not.toContain('Marker-Melding-1177');
    expect((await coordinator.get(`/cases/${wellbeingId}`)).status).toBe(404);
  });

  it('acknowledges with a message to the reporter, dating the milestone and moving the next deadline', async () => {
    const step = await counsellor.get(`/cases/${caseId}/status/acknowledged?lang=en`);
    expect(step.status).toBe(200);
    expect(step.html).toContain('external channel');
    const empty = await counsellor.post(`/cases/${caseId}/status/acknowledged`, { version: versionOf(step.html), message: '' });
    expect(empty.status).toBe(400);
    const done = await counsellor.post(`/cases/${caseId}/status/acknowledged`, { version: versionOf(step.html), message: 'We received your report.' });
    expect(done.status).toBe(303);
    const [row] = await world.database.execute(`select status, milestones, next_duty from cases where id = $1`, [caseId]);
    expect(row!.status).toBe('acknowledged');
    expect(Object.keys(row!.milestones as object)).toContain('acknowledged');
    expect(row!.next_duty).toBe('give_feedback');
    const messages = await world.database.execute(`select count(*)::int as n from case_messages where case_id = $1 and author = 'handler'`, [caseId]);
    expect(messages[0]!.n).toBe(1);
  });

  it('refuses a step the lifecycle does not allow, and a step without its reason', async () => {
    const page = await counsellor.get(`/cases/${caseId}?lang=en`);
    const version = versionOf((await counsellor.get(`/cases/${caseId}/status/assessing?lang=en`)).html);
    expect(page.status).toBe(200);
    const closed = await counsellor.post(`/cases/${caseId}/status/closed`, { version, reason: 'done' });
    expect(closed.status).toBe(400);
    expect(closed.html).toContain('not possible from the current status');
    const noReason = await counsellor.post(`/cases/${caseId}/status/assessing`, { version, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('Give a reason');
  });

  it('keeps the second of two handlers from overwriting the first: a stale form changes nothing and keeps the text', async () => {
    const first = await counsellor.get(`/cases/${caseId}/triage?lang=en`);
    const stale = versionOf(first.html);
    const ok = await counsellor.post(`/cases/${caseId}/triage`, { version: stale, procedure: 'integrity', priority: 'high', risk: 'low', measures: '', reason: '' });
    expect(ok.status).toBe(303);
    const again = await counsellor.post(`/cases/${caseId}/triage`, { version: stale, procedure: 'psychosocial', priority: 'low', risk: 'none', measures: '', reason: reasonText });
    expect(again.status).toBe(400);
    expect(again.html).toContain('Someone else changed this case');
    expect(again.html).toContain(reasonText);
    const [row] = await world.database.execute(`select procedure, priority from cases where id = $1`, [caseId]);
    expect(row).toMatchObject({ procedure: 'integrity', priority: 'high' });
  });

  it('asks for protection measures with a medium or high risk of retaliation, and a reason to change the procedure', async () => {
    const version = versionOf((await counsellor.get(`/cases/${caseId}/triage?lang=en`)).html);
    const noMeasures = await counsellor.post(`/cases/${caseId}/triage`, { version, procedure: 'integrity', priority: 'high', risk: 'high', measures: '', reason: '' });
    expect(noMeasures.status).toBe(400);
    expect(noMeasures.html).toContain('Describe the protection measures');
    const noReason = await counsellor.post(`/cases/${caseId}/triage`, { version, procedure: 'question', priority: 'high', risk: 'none', measures: '', reason: '' });
    expect(noReason.status).toBe(400);
  });

  it('sends the reporter a message with an attachment, and refuses a file type it cannot take without sending anything', async () => {
    await counsellor.get(`/cases/${caseId}?lang=en`);
    const refused = await counsellor.postMultipart(`/cases/${caseId}/messages`, { message_body: 'Zie bijlage' }, [
      { field: 'files', name: 'tool.exe', type: 'application/octet-stream', content: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]) },
    ]);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('tool.exe');
    expect(refused.html).toContain('Zie bijlage');
    const before = await world.database.execute(`select count(*)::int as n from case_messages where case_id = $1`, [caseId]);
    await counsellor.get(`/cases/${caseId}?lang=en`);
    const sent = await counsellor.postMultipart(`/cases/${caseId}/messages`, { message_body: 'Zie bijlage' }, [
      { field: 'files', name: 'vragen.txt', type: 'text/plain', content: Buffer.from('Welke facturen bedoelt u?') },
    ]);
    expect(sent.status).toBe(303);
    const after = await world.database.execute(`select count(*)::int as n from case_messages where case_id = $1`, [caseId]);
    expect(after[0]!.n).toBe(Number(before[0]!.n) + 1);
    const page = await counsellor.get(`/cases/${caseId}`);
    const fileLink = new RegExp(`href="(/cases/${caseId}/files/[0-9a-f-]{36})">vragen.txt<`).exec(page.html)?.[1];
    expect(fileLink).toBeDefined();
    expect((await counsellor.get(fileLink!)).html).toBe('Welke facturen bedoelt u?');
  });

  it('keeps notes encrypted: the timeline shows them, the database holds only ciphertext', async () => {
    expect((await counsellor.post(`/cases/${caseId}/notes`, { note_body: noteText })).status).toBe(303);
    const page = await counsellor.get(`/cases/${caseId}`);
    expect(page.html).toContain(noteText);
    const rows = await world.database.execute(`select encode(body, 'escape') as body from case_events where case_id = $1 and kind = 'note'`, [caseId]);
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!.body)).not.toContain('Marker-Notitie');
    const audit = await world.database.execute(`select details::text as d from audit_log where action = 'case.note_added'`);
    expect(audit.map((a) => String(a.d)).join()).not.toContain('Marker');
  });

  it('adds tasks with a due day that is not in the past, and completes them', async () => {
    await counsellor.get(`/cases/${caseId}?lang=en`);
    const past = await counsellor.post(`/cases/${caseId}/tasks`, { task_title: 'Hoor de boekhouder', task_assignee: '', task_due: '2001-01-01' });
    expect(past.status).toBe(400);
    expect(past.html).toContain('in the past');
    expect(past.html).toContain('Hoor de boekhouder');
    const malformed = await counsellor.post(`/cases/${caseId}/tasks`, { task_title: 'Hoor de boekhouder', task_assignee: '', task_due: '31/12/2099' });
    expect(malformed.status).toBe(400);
    expect((await counsellor.post(`/cases/${caseId}/tasks`, { task_title: 'Hoor de boekhouder', task_assignee: '', task_due: '2099-12-31' })).status).toBe(303);
    const [task] = await world.database.execute(`select id from case_tasks where case_id = $1`, [caseId]);
    await counsellor.get(`/cases/${caseId}`);
    expect((await counsellor.post(`/cases/${caseId}/tasks/${task!.id}/done`, {})).status).toBe(303);
    const [doneTask] = await world.database.execute(`select done_on from case_tasks where id = $1`, [task!.id]);
    expect(doneTask!.done_on).not.toBeNull();
  });

  it('links only cases the handler may see, and answers the same for one they may not as for none', async () => {
    const [other] = await world.database.execute(`select reference from cases where id = $1`, [wellbeingId]);
    await counsellor.get(`/cases/${caseId}?lang=en`);
    // The wellbeing report was routed to the counsellor too (the default group), so they may link it.
    expect((await counsellor.post(`/cases/${caseId}/links`, { link_reference: String(other!.reference) })).status).toBe(303);
    const unknown = await counsellor.post(`/cases/${caseId}/links`, { link_reference: 'IB-ZZZZ-ZZZZ' });
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('We find no case with that reference');
  });

  it('classifies for the figures, and the statistical record follows', async () => {
    const page = await counsellor.get(`/cases/${caseId}/classification?lang=en`);
    const both = await counsellor.post(`/cases/${caseId}/classification`, { version: versionOf(page.html), theme: 'corruption', outcome: 'founded', measure_none: 'on', measure_training: 'on' });
    expect(both.status).toBe(400);
    const ok = await counsellor.post(`/cases/${caseId}/classification`, { version: versionOf(page.html), theme: 'corruption', outcome: 'founded', measure_training: 'on', measure_disciplinary: 'on' });
    expect(ok.status).toBe(303);
    const [stats] = await world.database.execute(`select theme, outcome, measures from case_statistics where case_id = $1`, [caseId]);
    expect(stats).toMatchObject({ theme: 'corruption', outcome: 'founded' });
    expect(stats!.measures).toEqual(['disciplinary', 'training']);
  });

  it('refers the case to a prevention advisor, who can then open it', async () => {
    const page = await counsellor.get(`/cases/${caseId}/referral?lang=en`);
    expect(page.html).toContain('Pieter Prevention');
    const noReason = await counsellor.post(`/cases/${caseId}/referral`, { version: versionOf(page.html), to: advisor.id, reason: '', keep: 'on' });
    expect(noReason.status).toBe(400);
    const ok = await counsellor.post(`/cases/${caseId}/referral`, { version: versionOf(page.html), to: advisor.id, reason: 'Needs the prevention advisor', keep: 'on' });
    expect(ok.status).toBe(303);
    const opened = await advisorClient.get(`/cases/${caseId}`);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain('Marker-Melding-1177');
  });

  it('excludes someone named as involved: their access goes and they cannot be referred again', async () => {
    await counsellor.get(`/cases/${caseId}/exclusion?lang=en`);
    expect((await counsellor.post(`/cases/${caseId}/exclusion`, { user: advisor.id, reason: 'involved' })).status).toBe(303);
    expect((await advisorClient.get(`/cases/${caseId}`)).status).toBe(404);
    const referral = await counsellor.get(`/cases/${caseId}/referral?lang=en`);
    expect(referral.html).not.toContain('Pieter Prevention');
    const seals = await world.database.execute(`select count(*)::int as n from case_key_seals where case_id = $1 and user_id = $2`, [caseId, advisor.id]);
    expect(seals[0]!.n).toBe(0);
  });

  it('refuses to exclude the last key holder, so the case stays openable', async () => {
    const [me] = await world.database.execute(`select id from users where email = $1`, [handlerAccount.email]);
    await counsellor.get(`/cases/${caseId}/exclusion?lang=en`);
    const page = await counsellor.post(`/cases/${caseId}/exclusion`, { user: String(me!.id), reason: 'conflict_of_interest' });
    expect(page.status).toBe(400);
    expect(page.html).toContain('only person holding a key');
  });
});
