import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../reporting-world.ts';

const onion = 'http://integritybureauexampleonionaddressabcdefghijklmnopqrstuv.onion';
const script = '<script>alert(1)</script>';

function formToken(html: string): string {
  return /name="formToken" value="([^"]+)"/.exec(html)![1]!;
}

const report = {
  kind: 'report',
  theme: 'corruption',
  entityId: '',
  requesterRole: 'staff',
  identityChoice: 'anonymous',
  contactPreference: 'site_only',
  description: `Bribe ${script} paid`,
  when: script,
  where: script,
  involved: script,
};

function multipart(fields: Record<string, string>, files: { name: string; content: Buffer }[] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('files', new Blob([new Uint8Array(file.content)]), file.name);
  return form;
}

describe('the reporting point refuses bad input clearly, keeping what was typed', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ ONION_LOCATION: onion, REPORT_RATE_LIMIT: '12', ATTACHMENT_MAX_FILES: '3', ATTACHMENT_MAX_MB: '1' });
  });
  afterAll(() => world.close());

  async function post(fields: Record<string, string>, files: { name: string; content: Buffer }[] = [], lang = 'en') {
    const page = await (await fetch(`${world.baseUrl}/report/new?lang=${lang}`)).text();
    const response = await fetch(`${world.baseUrl}/report/new?lang=${lang}`, { method: 'POST', body: multipart({ formToken: formToken(page), ...fields }, files) });
    return { status: response.status, html: await response.text() };
  }

  it('announces the onion address on every reporter page', async () => {
    const response = await fetch(`${world.baseUrl}/report/new?lang=fr`);
    expect(response.headers.get('onion-location')).toBe(`${onion}/report/new?lang=fr`);
  });

  it('refuses more files than allowed, naming the limit, and keeps the text', async () => {
    const files = Array.from({ length: 5 }, (_, i) => ({ name: `note-${i}.txt`, content: Buffer.from(`note ${i}`) }));
    const { status, html } = await post({ ...report, description: 'Five notes attached' }, files);
    expect(status).toBe(400);
    expect(html).toContain('You can send at most 3 files.');
    expect(html).toContain('Five notes attached');
    expect((await world.database.execute('select count(*)::int as n from cases'))[0]?.n).toBe(0);
  });

  it('refuses a file of the wrong type and one over the size limit, each by name', async () => {
    const { status, html } = await post(report, [
      { name: 'setup.exe', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 1)]) },
      { name: 'huge.txt', content: Buffer.alloc(1_200_000, 'a') },
    ]);
    expect(status).toBe(400);
    expect(html).toContain('setup.exe: we cannot accept this kind of file');
    expect(html).toContain('huge.txt: this file is larger than 1 MB');
  });

  it('refuses an oversized answer beside its field and keeps the rest', async () => {
    const { status, html } = await post({ ...report, description: 'x'.repeat(20_001), where: 'Gebouw B' }, [], 'nl');
    expect(status).toBe(400);
    expect(html).toContain('Gebruik hoogstens 20000 tekens.');
    expect(html).toContain('Gebouw B');
  });

  it('answers a broken multipart body with a 4xx page, never a stack trace', async () => {
    const response = await fetch(`${world.baseUrl}/report/new`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="formToken"\r\n\r\nabc\r\n--xyz\r\nContent-Disp',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).not.toMatch(/\n\s+at /);
  });

  it('shows script in every field as text, in the form sent back and in the reporter inbox', async () => {
    const rejected = await post({ ...report, theme: '' });
    expect(rejected.status).toBe(400);
    expect(rejected.html).not.toContain(script);
    expect(rejected.html).toContain('&lt;script>alert(1)&lt;/script>');

    const accepted = await post(report);
    expect(accepted.status).toBe(200);
    const code = /(\d{4} \d{4} \d{4} \d{4})/.exec(accepted.html)![1]!;
    const signInPage = await (await fetch(`${world.baseUrl}/report/follow-up`)).text();
    const signIn = await fetch(`${world.baseUrl}/report/follow-up`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ formToken: formToken(signInPage), receiptCode: code }).toString(),
    });
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const inbox = await (await fetch(`${world.baseUrl}/report/inbox`, { headers: { cookie } })).text();
    expect(inbox).toContain('Bribe &lt;script>alert(1)&lt;/script> paid');
    expect(inbox).not.toContain(script);
  });

  it('slows a flood of submissions from one address with a translated 429', async () => {
    let status = 0;
    for (let i = 0; i < 15 && status !== 429; i++) status = (await post({ ...report, theme: '' })).status;
    expect(status).toBe(429);
  });
});
