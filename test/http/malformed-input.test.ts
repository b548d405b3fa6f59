import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAdmin, startTestServer, type Client, type TestServer } from '../server.ts';
import { sendRaw, type Outcome } from '../fuzz/abuse.ts';

function raw(server: TestServer, text: string | Buffer, halfClose = false): Promise<Outcome> {
  return sendRaw(Number(new URL(server.baseUrl).port), { label: 'raw', bytes: typeof text === 'string' ? Buffer.from(text, 'latin1') : text, halfClose }, 20_000);
}

function expectTranslatedPage(outcome: Outcome, status: number, sentence: string) {
  expect(outcome.status).toBe(status);
  expect(outcome.contentType).toContain('text/html');
  expect(outcome.body).toContain(sentence);
  expect(outcome.body).not.toMatch(/FST_|ERR_|statusCode/);
}

const unreadable = 'The address or the form contains characters we cannot read.';

describe('malformed input at the edge', () => {
  let server: TestServer;
  let admin: Client;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    admin = (await signedInAdmin(server)).client;
  }, 120_000);
  afterAll(() => server?.close());

  it.each(['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'])('looks up ?notice=%s only among known notices, signed out and on /account', async (name) => {
    const signedOut = await fetch(`${server.baseUrl}/sign-in?notice=${name}`);
    expect(signedOut.status).toBe(200);
    expect((await admin.get(`/account?notice=${name}`)).status).toBe(200);
  });

  it('refuses NUL bytes and invalid UTF-8 in the path, the query and form fields with the translated page', async () => {
    for (const target of ['/report/proof/%00', '/report/proof/a%FFb', '/sign-in?x=%C3', '/cases?q=a%00b', '/sign-in?x=%ED%A0%80']) {
      expectTranslatedPage(await raw(server, `GET ${target} HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nConnection: close\r\n\r\n`), 400, unreadable);
    }
    const body = 'email=a%00b%40x.example&password=x';
    expectTranslatedPage(await raw(server, `POST /sign-in HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`), 400, unreadable);
    // Still readable: accents and emoji, encoded or not.
    expect((await fetch(`${server.baseUrl}/sign-in?x=%C3%A9%F0%9F%98%80`)).status).toBe(200);
  });

  it("answers Fastify's own refusals with the page and echoes nothing of the address", async () => {
    const badUrl = await raw(server, 'GET /report/proof/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nConnection: close\r\n\r\n');
    expectTranslatedPage(badUrl, 400, unreadable);
    expect(badUrl.body).not.toContain('E0%A4');
    const long = 'q'.repeat(300);
    const tooLong = await raw(server, `GET /report/proof/${long} HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nConnection: close\r\n\r\n`);
    expectTranslatedPage(tooLong, 414, 'The address or the request is too long.');
    expect(tooLong.body).not.toContain(long);
    expectTranslatedPage(await raw(server, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`), 431, 'Het adres of de aanvraag is te lang.');
    expectTranslatedPage(await raw(server, 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\nConnection: close\r\n\r\n'), 400, 'Wat we ontvingen, kunnen we niet verwerken.');
    // Answered before any hook ran, yet with the security headers of every page.
    for (const target of ['/report/proof/%E0%A4%A', `/report/proof/${long}`]) {
      const response = await fetch(`${server.baseUrl}${target}`);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('never answers 500 when a redirect target cannot be a header', async () => {
    for (const next of ['/%0A', '/%E2%82%AC', '/%0D%0ASet-Cookie:%20x=1']) {
      const page = await admin.get(`/sign-in?next=${next}`);
      expect(page.status).toBeLessThan(500);
      expect(page.headers.get('set-cookie') ?? '').not.toContain('x=1');
    }
  });

  it('answers a multipart form without a boundary, with a boundary over 256 characters, or cut off, with 400', async () => {
    const form = 'description=x';
    for (const type of ['multipart/form-data', `multipart/form-data; boundary=${'b'.repeat(300)}`]) {
      expectTranslatedPage(await raw(server, `POST /report/new HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nContent-Type: ${type}\r\nContent-Length: ${form.length}\r\nConnection: close\r\n\r\n${form}`), 400, 'The form did not arrive in full');
    }
    const cut = '--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nx\r\n--b\r\nContent-Disposition: form-data; name="body"\r\n\r\nhal';
    const casePost = await raw(server, `POST /cases/00000000-0000-4000-8000-000000000000/messages HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nCookie: ${admin.cookie('ib_session') ? `ib_session=${admin.cookie('ib_session')}; ib_csrf=${admin.cookie('ib_csrf')}` : ''}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: ${cut.length}\r\nConnection: close\r\n\r\n${cut}`);
    // Refused before or at the CSRF check (the token here is not genuine): a 4xx page either way, never a 5xx.
    expect(casePost.status).toBeGreaterThanOrEqual(400);
    expect(casePost.status).toBeLessThan(500);
    expect(casePost.contentType).toContain('text/html');
  });

  it('shows the report form again with what arrived when the body breaks off after the text fields', async () => {
    const page = await (await fetch(`${server.baseUrl}/report/new?lang=en`)).text();
    const token = /name="formToken" value="([^"]+)"/.exec(page)![1]!;
    const field = (name: string, value: string) => `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.from(
      field('formToken', token) + field('kind', 'report') + field('description', 'What I typed before the line dropped') + '--b\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 and then noth',
    );
    const head = `POST /report/new?lang=en HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    const outcome = await raw(server, Buffer.concat([Buffer.from(head), body]));
    expect(outcome.status).toBe(400);
    expect(outcome.body).toContain('Your form did not arrive in full');
    expect(outcome.body).toContain('What I typed before the line dropped');
    expect((await server.database.execute('select count(*)::int as n from cases'))[0]?.n).toBe(0);
  });

  it('closes a connection that announced a body and broke off, without answering 5xx', async () => {
    const port = Number(new URL(server.baseUrl).port);
    const closed = await new Promise<string>((resolve) => {
      let answer = '';
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write('POST /report/new HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 5000\r\n\r\n--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\nrep');
        socket.end();
      });
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => undefined);
    });
    expect(closed).not.toMatch(/^HTTP\/1\.1 5/);
  });
});
