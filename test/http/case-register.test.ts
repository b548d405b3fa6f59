import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSealedKeyPair } from '../../src/platform/auth/keys.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { unusedTotp, newTotpSecret } from '../../src/platform/auth/totp.ts';
import { addDays, brusselsDay } from '../../src/platform/time/calendar.ts';
import { databaseKinds } from '../databases.ts';
import { adminAccount, Client, enableTotpFor, installWithAdmin, startTestServer, type TestServer } from '../server.ts';

/** Text that must never appear in clear in the audit trail. */
const secretText = 'Marker-Telefoon-4411: de aankoper krijgt cadeaus van een leverancier';
const recordText = 'Marker-Verslag-8102: de melder belde op 20 november en vertelde over cadeaus.';
const correctionText = 'Marker-Correctie-5530: het was op 19 november, niet op 20 november.';

interface Handler {
  id: string;
  email: string;
  password: string;
  client: Client;
}

/** A case handler with a key pair and two-step verification, signed in, their key unlocked, pages in English. */
async function signedInHandler(server: TestServer, name: string, handlerFunction: string | null = 'confidential_counsellor', role = 'case_handler'): Promise<Handler> {
  const email = `${name}@example.be`;
  const password = `the password of ${name}`;
  const totp = newTotpSecret();
  const [row] = await server.database.execute(
    `insert into users (email, display_name, password_hash, totp_secret, totp_enabled_at) values ($1, $2, $3, $4, now()) returning id`,
    [email, name, await hashPassword(password), totp],
  );
  const id = String(row!.id);
  await server.database.execute(`insert into user_roles (user_id, role, handler_function) values ($1, $2, $3)`, [id, role, handlerFunction]);
  const keys = await createSealedKeyPair(id, password);
  await server.database.execute(`insert into user_keys (user_id, public_key, sealed_private_key, nonce, kdf_salt, secret_kind) values ($1, $2, $3, $4, $5, 'password')`, [
    id,
    keys.publicKey,
    keys.sealedPrivateKey,
    keys.nonce,
    keys.kdfSalt,
  ]);
  const client = new Client(server.baseUrl);
  const signedIn = await client.signIn(email, password, (account) => unusedTotp(totp, account));
  if (signedIn.status !== 303) throw new Error(`sign-in failed for ${email}: ${signedIn.status}`);
  await client.get('/cases/unlock?lang=en');
  const unlocked = await client.post('/cases/unlock', { secret: password, next: '/cases' });
  if (unlocked.status !== 303) throw new Error(`unlock failed for ${email}: ${unlocked.status}`);
  return { id, email, password, client };
}

const contact = (channel: string, changes: Record<string, string> = {}) => ({
  channel,
  receivedOn: brusselsDay(new Date()),
  kind: 'report',
  theme: 'corruption',
  entityId: '',
  requesterRole: 'staff',
  identityChoice: 'anonymous',
  contactPreference: 'site_only',
  giveReceipt: 'yes',
  description: `${secretText} (${channel})`,
  when: '',
  where: '',
  involved: '',
  name: '',
  email: '',
  phone: '',
  ...changes,
});

async function register(handler: Handler, fields: Record<string, string>) {
  await handler.client.get('/cases/new');
  const page = await handler.client.post('/cases/new', fields);
  const caseId = /href="\/cases\/([0-9a-f-]{36})\/record"/.exec(page.html)?.[1];
  const receiptCode = /(\d{4} \d{4} \d{4} \d{4})/.exec(page.html)?.[1];
  return { page, caseId, receiptCode };
}

function formToken(html: string): string {
  const match = /name="formToken" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form token on the page');
  return match[1];
}

function hiddenVersion(html: string): string {
  const match = /name="version" value="(\d+)"/.exec(html);
  if (!match?.[1]) throw new Error('no version on the page');
  return match[1];
}

describe.each(databaseKinds)('registering contacts from every channel, on %s', (kind) => {
  let server: TestServer;
  let carla: Handler;
  let bert: Handler;
  let adminId: string;

  /** A local SMTP server: the e-mail routed handlers get must carry no content. */
  const mails: { to: string; body: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (d: Buffer) => (body += d.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
        callback();
      });
    },
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    server = await startTestServer(kind, { smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}` });
    adminId = await installWithAdmin(server);
    [carla, bert] = await Promise.all([signedInHandler(server, 'carla'), signedInHandler(server, 'bert')]);
    // The routing table sends every report to Bert: Carla's registrations reach him only when she asks.
    const [rule] = await server.database.execute('insert into routing_rules (theme, entity_id) values (null, null) returning id');
    await server.database.execute('insert into routing_rule_handlers (rule_id, user_id) values ($1, $2)', [rule!.id, bert.id]);
  }, 180_000);
  afterAll(async () => {
    await server.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await server.database.execute(sql, params))[0]?.n);

  it.each(['phone', 'email', 'letter', 'in_person'])('registers a contact by %s that only the registering handler can open', async (channel) => {
    const giveReceipt = channel === 'phone' ? 'yes' : '';
    const fields = contact(channel, giveReceipt ? {} : { giveReceipt: '', identityChoice: 'confidential', name: 'Jan Peeters', phone: '0470 12 34 56', contactPreference: 'phone' });
    const { page, caseId, receiptCode } = await register(carla, fields);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Contact registered');
    expect(page.headers.get('cache-control')).toContain('no-store');
    const isOral = channel === 'phone' || channel === 'in_person';
    // Only oral contacts link to the record; the others are found by id below.
    const id = caseId ?? String((await server.database.execute('select id from cases where channel = $1', [channel]))[0]!.id);
    expect(Boolean(caseId)).toBe(isOral);
    expect(Boolean(receiptCode)).toBe(channel === 'phone');

    const [row] = await server.database.execute('select channel, registered_by, procedure, next_duty, received_on::text as day, receipt_lookup_hash, record_review from cases where id = $1', [id]);
    expect(row).toMatchObject({ channel, registered_by: carla.id, procedure: 'integrity', next_duty: 'acknowledge', day: brusselsDay(new Date()), record_review: null });
    expect(row!.receipt_lookup_hash === null).toBe(channel !== 'phone');
    const seals = await server.database.execute('select user_id from case_key_seals where case_id = $1 order by user_id nulls first', [id]);
    expect(seals.map((s) => s.user_id)).toEqual(channel === 'phone' ? [null, carla.id] : [carla.id]);
    // A confidential person's identity is sealed apart from the answers, to the registering handler only.
    const confidential = channel !== 'phone';
    expect((await server.database.execute('select identity is not null as sealed from cases where id = $1', [id]))[0]!.sealed).toBe(confidential);
    expect(await count('select count(*)::int as n from case_identity_seals where case_id = $1 and user_id = $2', [id, carla.id])).toBe(confidential ? 1 : 0);
    expect(await count(`select count(*)::int as n from case_events where case_id = $1 and kind = 'registered' and actor_id = $2`, [id, carla.id])).toBe(1);
    expect(await count(`select count(*)::int as n from audit_log where action = 'case.registered' and subject_id = $1 and actor_id = $2`, [id, carla.id])).toBe(1);

    expect((await carla.client.get(`/cases/${id}/record`)).status).toBe(200);
    expect((await bert.client.get(`/cases/${id}/record`)).status).toBe(404);
  });

  it('refuses a future day, a malformed day and a huge text, keeping everything typed and storing nothing', async () => {
    const before = await count('select count(*)::int as n from cases');
    const tomorrow = addDays(brusselsDay(new Date()), 1);
    let { page } = await register(carla, contact('phone', { receivedOn: tomorrow, involved: 'Marker-Betrokkene-77' }));
    expect(page.status).toBe(400);
    expect(page.html).toContain('This day is in the future.');
    expect(page.html).toContain('Marker-Betrokkene-77');
    expect(page.html).toContain(secretText);
    expect(page.html).toContain(`value="${tomorrow}"`);
    ({ page } = await register(carla, contact('letter', { receivedOn: '23/11/2026' })));
    expect(page.status).toBe(400);
    expect(page.html).toContain('Enter a date as yyyy-mm-dd');
    expect(page.html).toContain('value="23/11/2026"');
    ({ page } = await register(carla, contact('letter', { description: 'x'.repeat(20_001) })));
    expect(page.status).toBe(400);
    expect(page.html).toMatch(/Use at most 20.?000 characters/);
    ({ page } = await register(carla, contact('', { theme: '' })));
    expect(page.status).toBe(400);
    expect(page.html).toContain('id="field-channel-error"');
    expect(page.html).toContain('id="field-theme-error"');
    expect(await count('select count(*)::int as n from cases')).toBe(before);
  });

  it('also routes the case when asked, so the routed handler can open it too', async () => {
    const { page, caseId } = await register(carla, contact('in_person', { alsoRoute: 'yes' }));
    expect(page.html).toContain('also sent to the handlers the routing table names');
    const seals = await server.database.execute('select user_id from case_key_seals where case_id = $1 and user_id is not null', [caseId]);
    expect(seals.map((s) => s.user_id).sort()).toEqual([carla.id, bert.id].sort());
    expect((await bert.client.get(`/cases/${caseId}/record`)).status).toBe(200);
    // Bert is told, without content; Carla, who registered it, is not.
    await expect.poll(() => mails.filter((m) => m.to === bert.email).length, { timeout: 5000 }).toBe(1);
    expect(mails.some((m) => m.to === carla.email)).toBe(false);
    expect(mails[0]!.body).not.toContain('Marker');
  });

  it('keeps the second of two handlers writing the record at once from overwriting the first', async () => {
    const { caseId } = await register(carla, contact('in_person', { alsoRoute: 'yes' }));
    const carlaPage = await carla.client.get(`/cases/${caseId}/record`);
    const bertPage = await bert.client.get(`/cases/${caseId}/record`);
    expect(hiddenVersion(carlaPage.html)).toBe(hiddenVersion(bertPage.html));
    const first = await carla.client.post(`/cases/${caseId}/record`, { body: 'Carla’s version of the meeting', version: hiddenVersion(carlaPage.html) });
    expect(first.status).toBe(303);
    const second = await bert.client.post(`/cases/${caseId}/record`, { body: 'Marker-Bert-typed-this', version: hiddenVersion(bertPage.html) }, { csrf: /name="_csrf" value="([^"]+)"/.exec(bertPage.html)![1]! });
    expect(second.status).toBe(409);
    expect(second.html).toContain('Someone else changed this case while you were writing');
    expect(second.html).toContain('Marker-Bert-typed-this');
    expect(second.html).toContain('Carla’s version of the meeting');
    expect(await count(`select count(*)::int as n from case_events where case_id = $1 and kind = 'record'`, [caseId])).toBe(1);
    // With the latest version read, the second handler can save theirs.
    const again = await bert.client.post(`/cases/${caseId}/record`, { body: 'Marker-Bert-typed-this', version: hiddenVersion(second.html) });
    expect(again.status).toBe(303);
    expect(await count(`select count(*)::int as n from case_events where case_id = $1 and kind = 'record'`, [caseId])).toBe(2);
  });

  it('refuses an empty or huge record', async () => {
    const { caseId } = await register(carla, contact('phone'));
    let page = await carla.client.get(`/cases/${caseId}/record`);
    page = await carla.client.post(`/cases/${caseId}/record`, { body: '  ', version: hiddenVersion(page.html) });
    expect(page.status).toBe(400);
    expect(page.html).toContain('id="field-body-error"');
    page = await carla.client.post(`/cases/${caseId}/record`, { body: 'y'.repeat(50_001), version: hiddenVersion(page.html) });
    expect(page.status).toBe(400);
    expect(await count(`select count(*)::int as n from case_events where case_id = $1 and kind = 'record'`, [caseId])).toBe(0);
  });

  it('lets the reporter read the record with the receipt code given at registration, correct it, and confirm the next version', async () => {
    const { caseId, receiptCode } = await register(carla, contact('phone'));
    let page = await carla.client.get(`/cases/${caseId}/record`);
    page = await carla.client.post(`/cases/${caseId}/record`, { body: recordText, version: hiddenVersion(page.html) });
    expect(page.location).toBe(`/cases/${caseId}/record?saved=1`);
    expect((await server.database.execute('select record_review from cases where id = $1', [caseId]))[0]!.record_review).toBe('awaiting_review');
    const auditBefore = await count('select count(*)::int as n from audit_log');

    const reporter = new Client(server.baseUrl);
    await reporter.get('/report/follow-up?lang=en');
    const signIn = await reporter.post('/report/follow-up?lang=en', { formToken: formToken(reporter.lastHtml), receiptCode: receiptCode! }, { csrf: null });
    expect(signIn.location).toBe('/report/inbox?lang=en');
    const inbox = await reporter.get('/report/inbox?lang=en');
    expect(inbox.html).toContain('Check it, correct it or confirm it.');
    expect(inbox.html).toContain('href="/report/inbox/record?lang=en"');
    let review = await reporter.get('/report/inbox/record?lang=en');
    expect(review.status).toBe(200);
    expect(review.html).toContain(recordText);
    expect(review.html).not.toMatch(/<script/i);

    // Corrections need text; confirming with text typed is refused rather than losing it.
    const version = hiddenVersion(review.html);
    page = await reporter.post('/report/inbox/record?lang=en', { formToken: formToken(review.html), version, answer: 'corrections', corrections: '' }, { csrf: null });
    expect(page.status).toBe(400);
    page = await reporter.post('/report/inbox/record?lang=en', { formToken: formToken(page.html), version, answer: 'confirmed', corrections: correctionText }, { csrf: null });
    expect(page.status).toBe(400);
    expect(page.html).toContain(correctionText);
    page = await reporter.post('/report/inbox/record?lang=en', { formToken: formToken(page.html), version, answer: 'corrections', corrections: correctionText }, { csrf: null });
    expect(page.status).toBe(303);
    expect(page.location).toBe('/report/inbox/record?notice=corrections&lang=en');
    expect((await server.database.execute('select record_review from cases where id = $1', [caseId]))[0]!.record_review).toBe('corrections_proposed');
    // The handler hears of the answer by e-mail: the reference only, never the corrections.
    const [{ reference }] = (await server.database.execute('select reference from cases where id = $1', [caseId])) as [{ reference: string }];
    const answered = () => mails.filter((m) => m.to === carla.email && m.body.includes(reference) && /antwoordde op het verslag|answered the record/.test(m.body));
    await expect.poll(() => answered().length, { timeout: 5000 }).toBe(1);
    expect(answered()[0]!.body).not.toContain(correctionText);

    // The handler sees the corrections and writes a new version, back to the reporter for review.
    page = await carla.client.get(`/cases/${caseId}/record`);
    expect(page.html).toContain(correctionText);
    expect(page.html).toContain('The person proposes corrections');
    page = await carla.client.post(`/cases/${caseId}/record`, { body: `${recordText} Corrected: 19 November.`, version: hiddenVersion(page.html) });
    expect(page.location).toBe(`/cases/${caseId}/record?saved=2`);

    // An answer to the version the reporter read before is refused; the new one must be read first.
    review = await reporter.get('/report/inbox/record?lang=en');
    page = await reporter.post('/report/inbox/record?lang=en', { formToken: formToken(review.html), version, answer: 'confirmed', corrections: '' }, { csrf: null });
    expect(page.status).toBe(409);
    expect(page.html).toContain('The record changed while you were reading it.');
    expect(page.html).toContain('Corrected: 19 November.');
    page = await reporter.post('/report/inbox/record?lang=en', { formToken: formToken(page.html), version: hiddenVersion(page.html), answer: 'confirmed', corrections: '' }, { csrf: null });
    expect(page.status).toBe(303);
    expect((await server.database.execute('select record_review from cases where id = $1', [caseId]))[0]!.record_review).toBe('confirmed');
    page = await carla.client.get(`/cases/${caseId}/record`);
    expect(page.html).toContain('The person confirmed version 2');

    // Every version and answer is kept; the reporter's answers are dated to the day and audited nowhere.
    const entries = await server.database.execute(`select details->>'entry' as entry, actor_id, at from case_events where case_id = $1 and kind = 'record' order by position`, [caseId]);
    expect(entries.map((e) => e.entry)).toEqual(['version', 'corrections', 'version', 'confirmed']);
    expect(entries.filter((e) => e.actor_id === null).map((e) => e.entry)).toEqual(['corrections', 'confirmed']);
    const audited = await server.database.execute(`select action, actor_id from audit_log where seq > $1 order by seq`, [auditBefore]);
    expect(audited.every((row) => row.actor_id === carla.id)).toBe(true);
    expect(audited.map((row) => row.action)).toEqual(['case.record_read', 'case.record_written', 'case.record_read']);
  });

  it('lets the integrity coordinator route a wellbeing call but never hold the psychosocial dossier', async () => {
    const coordinator = await signedInHandler(server, 'cora', null, 'integrity_coordinator');
    const wellbeing = contact('phone', { theme: 'bullying' });
    let { page } = await register(coordinator, wellbeing);
    expect(page.status).toBe(400);
    expect(page.html).toContain('This case follows the psychosocial procedure, which you may not read.');
    expect(page.html).toContain(secretText);
    ({ page } = await register(coordinator, { ...wellbeing, alsoRoute: 'yes' }));
    expect(page.status).toBe(200);
    const [row] = await server.database.execute(`select id, procedure, registered_by from cases where registered_by = $1`, [coordinator.id]);
    expect(row).toMatchObject({ procedure: 'psychosocial', registered_by: coordinator.id });
    const seals = await server.database.execute('select user_id from case_key_seals where case_id = $1 and user_id is not null', [row!.id]);
    expect(seals.map((s) => s.user_id)).toEqual([bert.id]);
  });

  it('does not let an administrator register a contact or open a record', async () => {
    const totp = await enableTotpFor(server, adminId);
    const admin = new Client(server.baseUrl);
    await admin.signIn(adminAccount.email, adminAccount.password, (account) => unusedTotp(totp, account));
    expect((await admin.get('/cases/new')).status).toBe(403);
    const [someCase] = await server.database.execute('select id from cases limit 1');
    expect((await admin.get(`/cases/${String(someCase!.id)}/record`)).status).toBe(404);
  });

  it('keeps content out of the audit trail and the receipt codes out of the database', async () => {
    const actions = await server.database.execute(`select distinct action from audit_log where action in ('case.registered', 'case.record_written', 'case.record_read')`);
    expect(actions.map((a) => a.action).sort()).toEqual(['case.record_read', 'case.record_written', 'case.registered']);
    const dump = String((await server.database.execute(`select string_agg(a::text, '\n') as t from audit_log a`))[0]?.t);
    for (const marker of ['Marker-', 'Jan Peeters', '0470 12 34 56']) expect(dump).not.toContain(marker);
    const content = String((await server.database.execute(`select string_agg(x, '\n') as t from (select c::text as x from cases c union all select e::text from case_events e) y`))[0]?.t);
    expect(content).not.toContain('Marker-');
    expect(content).not.toMatch(/\d{4} \d{4} \d{4} \d{4}/);
  });
});
