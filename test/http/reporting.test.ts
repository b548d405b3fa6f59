import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unusedTotp } from '../../src/platform/auth/totp.ts';
import { handlerAccount, startWorld, type World } from '../reporting-world.ts';
import { Client } from '../server.ts';

/** Markers that must never be found in clear anywhere on disk or in the log. */
const secretText = 'Marker-Schoonbroer-7f3a: de directeur betaalt facturen aan zijn schoonbroer';
const secretName = 'Marker-Getuige-Janssens-91c2';
const reporterAgent = 'Marker-Agent/4.2 (Frightened Reporter)';
const reporterAddress = '198.51.100.77';

/** A multipart form as a browser without JavaScript sends it. */
function multipart(fields: Record<string, string | string[]>, files: { name: string; type: string; content: Buffer }[] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of ([] as string[]).concat(value)) form.append(name, v);
  if (files.length === 0) form.append('files', new Blob([]), '');
  for (const file of files) form.append('files', new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
  return form;
}

function formToken(html: string): string {
  const match = /name="formToken" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form token on the page');
  return match[1];
}

async function postMultipart(client: Client, world: World, url: string, form: FormData, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(url, world.baseUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { cookie: client.cookie('ib_receipt') ? `ib_receipt=${client.cookie('ib_receipt')}` : '', ...headers },
  });
  return { status: response.status, html: await response.text(), headers: response.headers, location: response.headers.get('location') };
}

const validReport = {
  kind: 'report',
  theme: 'fraud',
  entityId: '',
  requesterRole: 'staff',
  identityChoice: 'anonymous',
  contactPreference: 'site_only',
  description: secretText,
  when: 'Sinds januari',
  where: 'Boekhouding',
  involved: secretName,
  name: '',
  email: '',
  phone: '',
};

describe('the reporting point, end to end', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());

  it('shows the landing page without any cookie, script or external resource', async () => {
    const response = await fetch(`${world.baseUrl}/report?lang=fr`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:\/\/(?!www\.vlaamseombudsdienst\.be)/);
    expect(html).toContain('/report/new?lang=fr');
  });

  it('keeps everything typed, and the files, when the form has a mistake', async () => {
    const client = new Client(world.baseUrl);
    const page = await client.get('/report/new?lang=en');
    expect(page.headers.getSetCookie()).toEqual([]);
    const photo = Buffer.from('plain text evidence: the invoices of march');
    const response = await postMultipart(
      client,
      world,
      '/report/new?lang=en',
      multipart({ formToken: formToken(page.html), ...validReport, description: '', identityChoice: 'named', name: '' }, [{ name: 'evidence.txt', type: 'text/plain', content: photo }]),
    );
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.html).toContain('Fill in this field.');
    expect(response.html).toContain('fill it in, or choose anonymous');
    expect(response.html).toContain(secretName);
    expect(response.html).toContain('evidence.txt');
    expect(response.html).toMatch(/name="draftKey" value="[A-Za-z0-9_-]{43}"/);
  });

  it('refuses a forged form and stores nothing', async () => {
    const before = await world.database.execute('select (select count(*) from cases)::int as cases, (select count(*) from draft_files)::int as drafts');
    const response = await postMultipart(new Client(world.baseUrl), world, '/report/new', multipart({ formToken: 'forged.1.x', ...validReport }, [{ name: 'a.txt', type: 'text/plain', content: Buffer.from('x') }]));
    expect(response.status).toBe(403);
    const after = await world.database.execute('select (select count(*) from cases)::int as cases, (select count(*) from draft_files)::int as drafts');
    expect(after).toEqual(before);
  });

  let receiptCode = '';

  it('receives a report, shows the receipt code once, and notifies the handler without content', async () => {
    const client = new Client(world.baseUrl);
    const page = await client.get('/report/new');
    const form = multipart({ formToken: formToken(page.html), ...validReport }, [{ name: 'notes.txt', type: 'text/plain', content: Buffer.from(`${secretName} signed the invoices`) }]);
    const response = await postMultipart(client, world, '/report/new', form, { 'user-agent': reporterAgent, 'x-forwarded-for': reporterAddress });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    const code = /(\d{4} \d{4} \d{4} \d{4})/.exec(response.html)?.[1];
    expect(code).toBeDefined();
    receiptCode = code!;

    const replay = await postMultipart(client, world, '/report/new', form);
    expect(replay.status).toBe(409);
    expect((await world.database.execute('select count(*)::int as n from cases'))[0]?.n).toBe(1);

    await expect.poll(() => world.mails.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(world.mails[0]!.to).toBe(handlerAccount.email);
    expect(world.mails[0]!.body).not.toContain('Marker');
  });

  it('stores no IP address, user agent or plaintext of the report, in the database or its files or the log', async () => {
    const dump = await world.database.execute(`select string_agg(t::text, '\n') as rows from (
      select c.*::text as t from cases c union all select m.*::text from case_messages m union all select f.*::text from case_files f
      union all select k.*::text from file_chunks k union all select a.*::text from audit_log a union all select s.*::text from settings s) x`);
    const text = String(dump[0]?.rows ?? '');
    for (const marker of [reporterAddress, reporterAgent, 'Marker-Schoonbroer', secretName]) expect(text).not.toContain(marker);
    const log = world.logLines.join('');
    for (const marker of [reporterAddress, reporterAgent, 'Marker-']) expect(log).not.toContain(marker);
    const [cases] = await world.database.execute("select received_on::text as day from cases");
    expect(cases!.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The database's own files: force everything to disk, then search every file. A marker stored in
    // clear on purpose must be found, or the search proves nothing.
    await world.database.execute(`insert into settings (key, value) values ('control', '"Marker-Control-In-Clear"')`);
    await world.database.execute('checkpoint');
    const files = fs.readdirSync(world.dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name)).includes('Marker-Control-In-Clear'))).toBe(true);
    for (const entry of files) {
      const bytes = fs.readFileSync(path.join(entry.parentPath, entry.name));
      for (const marker of ['Marker-Schoonbroer', secretName, reporterAgent, reporterAddress]) expect(bytes.includes(marker), `${marker} in ${entry.name}`).toBe(false);
    }
  });

  it('answers a wrong receipt code the same way whether or not it exists', async () => {
    const client = new Client(world.baseUrl);
    await client.get('/report/follow-up');
    const wrong = await client.post('/report/follow-up', { formToken: formToken(client.lastHtml), receiptCode: '0000 0000 0000 0000' }, { csrf: null });
    expect(wrong.status).toBe(401);
    const malformed = await client.post('/report/follow-up', { formToken: formToken(client.lastHtml), receiptCode: 'abc' }, { csrf: null });
    expect(malformed.status).toBe(401);
    const strip = (html: string) => html.replace(/name="formToken" value="[^"]+"/, '').replace('abc', '0000 0000 0000 0000');
    expect(strip(malformed.html)).toBe(strip(wrong.html));
    expect(client.cookie('ib_receipt')).toBeUndefined();
  });

  it('lets the handler unlock, read the report with its attachment, and reply; every read is audited', async () => {
    const handler = new Client(world.baseUrl);
    const signedIn = await handler.signIn(handlerAccount.email, handlerAccount.password, (account) => unusedTotp(handlerAccount.totp, account));
    expect(signedIn.status).toBe(303);
    let page = await handler.get('/');
    expect(page.html).toContain('href="/cases"');
    page = await handler.get('/cases/unlock');
    expect(page.html).toContain('name="secret"');
    page = await handler.post('/cases/unlock', { secret: 'not my password' });
    expect(page.status).toBe(400);
    page = await handler.post('/cases/unlock', { secret: handlerAccount.password });
    expect(page.location).toBe('/cases');
    page = await handler.get('/cases');
    const caseLink = /href="(\/cases\/[0-9a-f-]{36})"/.exec(page.html)?.[1];
    expect(caseLink).toBeDefined();
    page = await handler.get(caseLink!);
    expect(page.html).toContain('de directeur betaalt facturen');
    // A case that is not routed to this handler looks exactly like one that does not exist.
    expect((await handler.get('/cases/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const fileLink = /href="(\/cases\/[^"]+\/files\/[^"]+)"/.exec(page.html)?.[1];
    const download = await handler.get(fileLink!);
    expect(download.html).toBe(`${secretName} signed the invoices`);
    page = await handler.post(`${caseLink}/messages`, { message_body: 'Dank u. Kunt u zeggen over welke facturen het gaat?' });
    expect(page.status).toBe(303);
    const audit = await world.database.execute("select action from audit_log where action like 'case.%' order by seq");
    expect(audit.map((row) => row.action)).toEqual(['case.key_unlocked', 'case.read', 'case.file_downloaded', 'case.message_sent']);
  });

  it('lets the reporter sign in with the code alone, read the reply, answer, and sign out', async () => {
    const client = new Client(world.baseUrl);
    await client.get('/report/follow-up?lang=en');
    const signIn = await client.post('/report/follow-up?lang=en', { formToken: formToken(client.lastHtml), receiptCode }, { csrf: null });
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe('/report/inbox?lang=en');
    const cookie = signIn.headers.getSetCookie().join(';');
    expect(cookie).toMatch(/ib_receipt=.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const inbox = await client.get('/report/inbox?lang=en');
    expect(inbox.status).toBe(200);
    expect(inbox.html).toContain('Kunt u zeggen over welke facturen het gaat?');
    expect(inbox.html).toContain('de directeur betaalt facturen');

    const reply = await postMultipart(client, world, '/report/inbox/reply?lang=en', multipart({ formToken: formToken(inbox.html), body: 'De facturen van maart.' }));
    expect(reply.status).toBe(303);
    const after = await client.get('/report/inbox?lang=en');
    expect(after.html).toContain('De facturen van maart.');
    const signOutToken = [...after.html.matchAll(/name="formToken" value="([^"]+)"/g)].at(-1)![1]!;
    const out = await client.post('/report/inbox/sign-out?lang=en', { formToken: signOutToken }, { csrf: null });
    expect(out.status).toBe(303);
    expect((await client.get('/report/inbox?lang=en')).status).toBe(401);
  });
});
