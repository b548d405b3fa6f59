/**
 * A record that does not decrypt never takes a case page down: it is marked in its place (and named, by
 * kind and id only, in the log). And every case the demo generator makes opens for the handlers who hold
 * its key, its generated tasks included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unusedTotp } from '../../src/platform/auth/totp.ts';
import { submitReport } from '../../src/features/reporting/intake.ts';
import { reportingSecrets } from '../../src/features/case-record/service.ts';
import { generateDemoCases } from '../../src/cli/demo-cases.ts';
import { isoDate } from '../../src/platform/time/calendar.ts';
import { signInCasePerson } from '../case-people.ts';
import { handlerAccount, startWorld, type World } from '../reporting-world.ts';
import { Client, startTestServer, type TestServer } from '../server.ts';

const marker = 'ib-undecryptable';

describe('a case page with a record that does not decrypt', () => {
  let world: World;
  let handler: Client;
  let caseId: string;

  beforeAll(async () => {
    world = await startWorld();
    const secrets = await reportingSecrets(world.database.db);
    caseId = (
      await submitReport(world.database.db, secrets, {
        kind: 'report',
        domain: 'integrity',
        theme: 'fraud',
        entityId: null,
        requesterRole: 'staff',
        identityChoice: 'anonymous',
        wantsMeeting: false,
        contactPreference: 'site_only',
        answers: { description: 'Marker-Beschrijving-7731', when: '', where: '', involved: '', name: '', email: '', phone: '' },
      })
    ).caseId;
    handler = await signInCasePerson(world.baseUrl, handlerAccount);
    await handler.get(`/cases/${caseId}`);
    for (const title of ['Marker-Taak-Kapot-1', 'Marker-Taak-Heel-2']) {
      expect((await handler.post(`/cases/${caseId}/tasks`, { task_title: title, task_assignee: '', task_due: '' })).status).toBe(303);
      await handler.get(`/cases/${caseId}`);
    }
    expect((await handler.post(`/cases/${caseId}/notes`, { note_body: 'Marker-Notitie-Kapot-3' })).status).toBe(303);
    await handler.get(`/cases/${caseId}`);
    expect((await handler.post(`/cases/${caseId}/notes`, { note_body: 'Marker-Notitie-Heel-4' })).status).toBe(303);
    await handler.get(`/cases/${caseId}`);
    const sent = await handler.postMultipart(`/cases/${caseId}/messages`, { message_body: 'Marker-Bericht-Kapot-5' }, []);
    expect(sent.status).toBe(303);
  });
  afterAll(() => world.close());

  it('opens with 200 and the intact records, and marks each damaged one in its place', async () => {
    const before = await handler.get(`/cases/${caseId}?lang=en`);
    expect(before.status).toBe(200);
    expect(before.html).not.toContain(marker);

    // Someone (or a fault) changes one byte of one task title, one note, one message and the report itself.
    const flip = (table: string, column: string, where: string) =>
      world.database.execute(`update ${table} set ${column} = set_byte(${column}, 30, (get_byte(${column}, 30) + 1) % 256) where case_id = $1 and ${where}`, [caseId]);
    const [brokenTask] = await world.database.execute(`select id from case_tasks where case_id = $1 order by created_at limit 1`, [caseId]);
    await flip('case_tasks', 'title', `id = '${String(brokenTask!.id)}'`);
    const [brokenNote] = await world.database.execute(`select id from case_events where case_id = $1 and kind = 'note' order by position limit 1`, [caseId]);
    await flip('case_events', 'body', `id = '${String(brokenNote!.id)}'`);
    await flip('case_messages', 'body', 'true');
    await world.database.execute(`update cases set content = set_byte(content, 30, (get_byte(content, 30) + 1) % 256) where id = $1`, [caseId]);

    const logStart = world.logLines.length;
    const page = await handler.get(`/cases/${caseId}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.html.split(marker).length - 1).toBe(4);
    expect(page.html).toContain('This item could not be decrypted');
    expect(page.html).toContain('Marker-Taak-Heel-2');
    expect(page.html).toContain('Marker-Notitie-Heel-4');
    expect(page.html).not.toContain('Marker-Taak-Kapot-1');
    expect(page.html).not.toContain('Marker-Beschrijving-7731');

    const log = world.logLines.slice(logStart).join('\n');
    expect(log).toContain('case records could not be decrypted');
    expect(log).toContain(`task.${String(brokenTask!.id)}`);
    expect(log).toContain(`event.${String(brokenNote!.id)}`);
    expect(log).toContain('report.answers');
    expect(log).not.toContain('Marker-');
  });

  it('marks a confidential identity that does not decrypt, on the case page and the identity page', async () => {
    const secrets = await reportingSecrets(world.database.db);
    const confidential = await submitReport(world.database.db, secrets, {
      kind: 'report',
      domain: 'integrity',
      theme: 'fraud',
      entityId: null,
      requesterRole: 'staff',
      identityChoice: 'confidential',
      wantsMeeting: false,
      contactPreference: 'site_only',
      answers: { description: 'Marker-Vertrouwelijk-8', when: '', where: '', involved: '', name: 'Marker-Naam-9', email: '', phone: '' },
    });
    expect((await handler.get(`/cases/${confidential.caseId}`)).html).toContain('Marker-Naam-9');
    await world.database.execute(`update cases set identity = set_byte(identity, 30, (get_byte(identity, 30) + 1) % 256) where id = $1`, [confidential.caseId]);
    const page = await handler.get(`/cases/${confidential.caseId}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(marker);
    expect(page.html).toContain('Marker-Vertrouwelijk-8');
    expect(page.html).not.toContain('Marker-Naam-9');
    const identityPage = await handler.get(`/cases/${confidential.caseId}/identity?lang=en`);
    expect(identityPage.status).toBe(200);
    expect(identityPage.html).toContain(marker);
  });

  it('marks a message that does not decrypt in the reporter’s inbox, which still opens', async () => {
    const secrets = await reportingSecrets(world.database.db);
    const submitted = await submitReport(world.database.db, secrets, {
      kind: 'report',
      domain: 'integrity',
      theme: 'fraud',
      entityId: null,
      requesterRole: 'staff',
      identityChoice: 'anonymous',
      wantsMeeting: false,
      contactPreference: 'site_only',
      answers: { description: 'Marker-Inbox-10', when: '', where: '', involved: '', name: '', email: '', phone: '' },
    });
    await handler.get(`/cases/${submitted.caseId}`);
    for (const body of ['Marker-Antwoord-Kapot-11', 'Marker-Antwoord-Heel-12']) {
      expect((await handler.postMultipart(`/cases/${submitted.caseId}/messages`, { message_body: body }, [])).status).toBe(303);
      await handler.get(`/cases/${submitted.caseId}`);
    }
    const [first] = await world.database.execute(`select id from case_messages where case_id = $1 order by position limit 1`, [submitted.caseId]);
    await world.database.execute(`update case_messages set body = set_byte(body, 30, (get_byte(body, 30) + 1) % 256) where id = $1`, [first!.id]);

    const reporter = new Client(world.baseUrl);
    await reporter.get('/report/follow-up?lang=en');
    const token = /name="formToken" value="([^"]+)"/.exec(reporter.lastHtml)![1]!;
    expect((await reporter.post('/report/follow-up?lang=en', { formToken: token, receiptCode: submitted.receiptCode }, { csrf: null })).status).toBe(303);
    const inbox = await reporter.get('/report/inbox?lang=en');
    expect(inbox.status).toBe(200);
    expect(inbox.html).toContain('This message could not be decrypted');
    expect(inbox.html).toContain('Marker-Antwoord-Heel-12');
    expect(inbox.html).not.toContain('Marker-Antwoord-Kapot-11');
  });

  it('says it in the reader’s language', async () => {
    expect((await handler.get(`/cases/${caseId}?lang=nl`)).html).toContain('Dit onderdeel kon niet worden ontcijferd');
    expect((await handler.get(`/cases/${caseId}?lang=fr`)).html).toContain('Cet élément n’a pas pu être déchiffré');
    expect((await handler.get(`/cases/${caseId}?lang=de`)).html).toContain('Dieser Eintrag konnte nicht entschlüsselt werden');
  });
});

describe('the demo’s generated cases', () => {
  let server: TestServer;
  let accounts: NonNullable<Awaited<ReturnType<typeof generateDemoCases>>['accounts']>;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const generated = await generateDemoCases(server.database, 120, { today: isoDate('2026-03-06'), years: 1, seed: 7 });
    accounts = generated.accounts!;
    await server.app.parts.installation.isInstalled();
  }, 240_000);
  afterAll(() => server.close());

  it('open, every one, for each handler who holds their key, generated tasks included', async () => {
    const holders = await server.database.execute(`select distinct u.email from case_key_seals s join users u on u.id = s.user_id`);
    expect(holders.length).toBeGreaterThan(1);
    let opened = 0;
    let withTasks = 0;
    for (const { email } of holders) {
      const account = accounts.find((a) => a.email === email)!;
      const client = new Client(server.baseUrl);
      const signedIn = await client.signIn(account.email, account.password, (who) => unusedTotp(account.totpSecret!, who));
      expect(signedIn.status).toBe(303);
      await client.get('/cases/unlock');
      expect((await client.post('/cases/unlock', { secret: account.password, next: '/cases' })).status).toBe(303);
      const cases = await server.database.execute(
        `select s.case_id, (select count(*)::int from case_tasks t where t.case_id = s.case_id) as tasks
         from case_key_seals s join users u on u.id = s.user_id where u.email = $1`,
        [email],
      );
      for (const row of cases) {
        const page = await client.get(`/cases/${String(row.case_id)}`);
        expect({ case: row.case_id, status: page.status }).toEqual({ case: row.case_id, status: 200 });
        expect(page.html).not.toContain(marker);
        opened += 1;
        if (Number(row.tasks) > 0) {
          withTasks += 1;
          expect(page.html).toContain('Call back the reporter');
        }
      }
    }
    expect(opened).toBeGreaterThanOrEqual(120);
    expect(withTasks).toBeGreaterThan(0);
  }, 600_000);
});
