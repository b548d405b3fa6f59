/**
 * The fuzzer shared by the fuzz test and the fuzz bench: it lists the app's routes, finds the forms that
 * signed-in people and reporters see, and sends seeded malformed requests over raw sockets (so a request may
 * carry bytes no HTTP client library would send), counting server errors, hangs and JSON error bodies.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { Client } from '../server.ts';

/** A small seeded PRNG (mulberry32): the same seed gives the same requests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export interface Route {
  method: string;
  path: string;
}

/** The routes of a built app, from `app.printRoutes({ commonPrefix: false })`'s tree. */
export function routesFromPrintout(printout: string): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of printout.split('\n')) {
    const match = /^([│├└─ ]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = Math.round(match[1]!.length / 4);
    stack.length = depth;
    stack[depth] = match[2]!;
    if (!match[3]) continue;
    const path = stack.join('');
    for (const method of match[3].split(', ')) if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, path });
  }
  return routes;
}

export interface FormField {
  name: string;
  value: string;
}

export interface Form {
  action: string;
  multipart: boolean;
  fields: FormField[];
  /** The page the form was found on, fetched again for a fresh single-use token (the reporting point's forms). */
  page: string;
  session: Session | undefined;
}

export interface Session {
  name: string;
  cookie: string;
  csrf: string | undefined;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1]?.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** The POST forms of a page with their fields and the values the page gave them. */
export function formsOf(html: string, page: string, session: Session | undefined): Form[] {
  const forms: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const tag = match[1]!;
    if ((attribute(tag, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const action = attribute(tag, 'action') ?? page;
    if (!action.startsWith('/')) continue;
    const fields: FormField[] = [];
    for (const input of match[2]!.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const name = attribute(input[2]!, 'name');
      if (!name) continue;
      const type = attribute(input[2]!, 'type') ?? '';
      if (type === 'file') continue;
      fields.push({ name, value: attribute(input[2]!, 'value') ?? (input[1] === 'select' ? '' : 'x') });
    }
    forms.push({ action, multipart: attribute(tag, 'enctype') === 'multipart/form-data', fields, page, session });
  }
  return forms;
}

/** Pages a signed-in person must not trigger while fuzzing, or the session the fuzzer relies on would end. */
const sessionEnding = /sign-out|logout|\/account\/(password|two-factor|totp)|\/disable|\/deactivate|\/roles/;

/** Crawls the pages reachable from the seeds (bounded), returning each page path and its forms. */
export async function discover(baseUrl: string, seeds: string[], session: Session | undefined, maxPages: number): Promise<{ pages: string[]; forms: Form[] }> {
  const seen = new Set<string>();
  const queue = [...seeds];
  const forms: Form[] = [];
  while (queue.length > 0 && seen.size < maxPages) {
    const path = queue.shift()!;
    if (seen.has(path) || sessionEnding.test(path)) continue;
    seen.add(path);
    const response = await fetch(new URL(path, baseUrl), { redirect: 'manual', headers: session ? { cookie: session.cookie } : {} });
    const html = await response.text();
    if (!response.headers.get('content-type')?.includes('text/html')) continue;
    for (const form of formsOf(html, path, session)) if (!sessionEnding.test(form.action)) forms.push(form);
    for (const link of html.matchAll(/href="(\/[^"#]*)"/g)) {
      const href = link[1]!.replace(/&amp;/g, '&');
      if (href.startsWith('/assets/') || /[?&]lang=/.test(href)) continue;
      if (!seen.has(href)) queue.push(href);
    }
  }
  return { pages: [...seen], forms };
}

export interface Account {
  email: string;
  password: string;
  totpSecret?: string | undefined;
}

/** Signs an account in (with its second factor) and returns the cookies and a CSRF token its forms accept. */
export async function signIn(baseUrl: string, name: string, account: Account): Promise<Session> {
  const client = new Client(baseUrl);
  const page = await client.signIn(account.email, account.password, account.totpSecret ? () => currentTotp(account.totpSecret!) : undefined);
  if (page.status !== 303) throw new Error(`${name} could not sign in: ${page.status}`);
  await client.get('/account');
  const cookie = ['ib_session', 'ib_csrf', 'ib_lang'].flatMap((cookieName) => (client.cookie(cookieName) ? [`${cookieName}=${client.cookie(cookieName)}`] : [])).join('; ');
  let csrf: string | undefined;
  try {
    csrf = client.csrfToken();
  } catch {
    csrf = undefined;
  }
  return { name, cookie, csrf };
}

/** A value as the bytes it stands for: strings become UTF-8, raw bytes (invalid UTF-8) stay as they are. */
type Value = string | Buffer;

const invalidUtf8 = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe0, 0xa4]), Buffer.from('a\xc0\xafb', 'latin1')];
const nastyStrings = [
  '',
  '\u0000',
  'a\u0000b',
  '%',
  '%00',
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'x'.repeat(5_000),
  'y'.repeat(120_000),
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '😀\u200b\u202e',
  '\r\n',
  '/\t/evil.example',
  '/%0A',
  '//evil.example',
  '-1',
  '1e309',
  'NaN',
  '99999999999999999999999',
  '2026-02-30',
  '0000-00-00',
  'on',
  'true',
  '[]',
  '{"a":1}',
];

function nastyValue(random: Random, original: string): Value {
  const roll = random();
  if (roll < 0.15) return original;
  if (roll < 0.3) return pick(random, invalidUtf8);
  if (roll < 0.35) return crypto.randomUUID();
  if (roll < 0.42) return original + pick(random, ['\u0000', 'x'.repeat(300), "'", '"', '\\']);
  return pick(random, nastyStrings);
}

function percentEncode(value: Value): string {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  let out = '';
  for (const byte of bytes) out += /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

function urlencoded(fields: [string, Value][]): Buffer {
  return Buffer.from(fields.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&'), 'latin1');
}

function multipartBody(fields: [string, Value][], boundary: string, random: Random): Buffer {
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, '%22')}"\r\n\r\n`), typeof value === 'string' ? Buffer.from(value) : value, Buffer.from('\r\n'));
  }
  if (random() < 0.4) {
    const name = pick(random, ['files', 'attachments', 'file', 'model']);
    const content = random() < 0.5 ? Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF', 'latin1') : crypto.randomBytes(Math.floor(random() * 4000));
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${pick(random, ['a.pdf', '..\\..\\x.pdf', '\u0000.png', 'ünï.txt', 'x'.repeat(300)])}"\r\nContent-Type: ${pick(random, ['application/pdf', 'image/png', 'text/plain', ''])}\r\n\r\n`), content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function request(method: string, target: string, headers: Record<string, string>, body?: Buffer): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  if (body) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body ?? Buffer.alloc(0)]);
}

export interface Attack {
  label: string;
  bytes: Buffer;
  /** Close our side after sending, as a client whose connection broke would. */
  halfClose?: boolean;
}

export interface Target {
  routes: Route[];
  /** Real ids and paths found while crawling, used to fill route parameters sometimes. */
  pages: string[];
  forms: Form[];
  sessions: Session[];
}

const uuidLike = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function fillPath(random: Random, path: string, ids: string[]): string {
  return path
    .replace(/:[A-Za-z]+(\|:[A-Za-z]+)*/g, () => {
      const roll = random();
      if (roll < 0.35 && ids.length) return pick(random, ids);
      if (roll < 0.45) return 'a'.repeat(150 + Math.floor(random() * 200));
      if (roll < 0.55) return pick(random, ['%E0%A4%A', '%00', '%FF', '%C3', '%ED%A0%80', '%', '%%', '%zz']);
      return percentEncode(nastyValue(random, ''));
    })
    .replace(/\*$/, () => percentEncode(nastyValue(random, 'x.css')));
}

const queryNames = ['notice', 'next', 'lang', 'q', 'page', 'sort', 'status', 'entity', 'from', 'to', 'year', 'theme', 'problem', 'view', 'filter', 'kind', 'action', 'actor', 'token'];

function randomQuery(random: Random): string {
  if (random() < 0.3) return '';
  const count = 1 + Math.floor(random() * 3);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = random() < 0.1 ? pick(random, ['__proto__', 'constructor', '%00', '%FF']) : pick(random, queryNames);
    parts.push(`${name}=${random() < 0.15 ? pick(random, ['%E0%A4%A', '%FF', '%00', '%0A', '%C0%AF']) : percentEncode(nastyValue(random, ''))}`);
  }
  return `?${parts.join('&')}`;
}

function sessionHeaders(session: Session | undefined): Record<string, string> {
  return session ? { Cookie: session.cookie } : {};
}

/** The next malformed request; the mix favours forms, where the earlier 500s were. */
export function nextAttack(random: Random, target: Target, freshFields?: FormField[]): Attack {
  const ids = [...new Set(target.pages.flatMap((page) => page.match(uuidLike) ?? []))];
  const roll = random();
  if (roll < 0.5 && target.forms.length > 0) return formAttack(random, pick(random, target.forms), freshFields);
  if (roll < 0.85) {
    const route = pick(random, target.routes);
    // Never with a session on a route that would end it (signing out, a new password, disabling someone).
    const session = random() < 0.7 && !sessionEnding.test(route.path) ? pick(random, target.sessions) : undefined;
    const target2 = fillPath(random, route.path, ids) + randomQuery(random);
    const headers: Record<string, string> = { ...sessionHeaders(session), Accept: 'text/html' };
    if (route.method === 'GET' || route.method === 'DELETE') return { label: `${route.method} ${route.path}`, bytes: request(route.method, target2, headers) };
    const fields: [string, Value][] = [['_csrf', session?.csrf ?? 'x'], ...queryNames.slice(0, 4).map((name): [string, Value] => [name, nastyValue(random, '')])];
    return { label: `${route.method} ${route.path}`, bytes: request(route.method, target2, { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, urlencoded(fields)) };
  }
  return protocolAttack(random, target);
}

function formAttack(random: Random, form: Form, freshFields?: FormField[]): Attack {
  const base = freshFields ?? form.fields;
  const fields: [string, Value][] = base.map((field) => {
    if (field.name === '_csrf' && form.session?.csrf && random() < 0.9) return [field.name, form.session.csrf];
    if (field.name === '_csrf' || field.name === 'formToken') return [field.name, random() < 0.9 ? field.value : nastyValue(random, field.value)];
    return [field.name, random() < 0.5 ? nastyValue(random, field.value) : field.value];
  });
  if (random() < 0.15 && fields.length) fields.push([pick(random, fields)[0], nastyValue(random, '')]);
  if (random() < 0.1) fields.push([pick(random, ['__proto__', 'constructor', 'a\u0000b', '__proto__[x]']), nastyValue(random, '')]);
  if (random() < 0.1 && fields.length > 1) fields.splice(Math.floor(random() * fields.length), 1);
  const headers = { ...sessionHeaders(form.session), Accept: 'text/html' };
  const label = `POST ${form.action.split('?')[0]!.replace(uuidLike, ':id')}`;
  if (!form.multipart) return { label, bytes: request('POST', form.action, { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, urlencoded(fields)) };
  const roll = random();
  const boundary = `----fuzz${crypto.randomBytes(8).toString('hex')}`;
  const body = multipartBody(fields, boundary, random);
  if (roll < 0.55) return { label, bytes: request('POST', form.action, { ...headers, 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body) };
  if (roll < 0.65) return { label: `${label} (no boundary)`, bytes: request('POST', form.action, { ...headers, 'Content-Type': 'multipart/form-data' }, body) };
  if (roll < 0.75) {
    const long = 'b'.repeat(257 + Math.floor(random() * 300));
    return { label: `${label} (long boundary)`, bytes: request('POST', form.action, { ...headers, 'Content-Type': `multipart/form-data; boundary=${long}` }, multipartBody(fields, long, random)) };
  }
  const cut = body.subarray(0, Math.floor(body.length * random()));
  if (roll < 0.88) return { label: `${label} (cut off)`, bytes: request('POST', form.action, { ...headers, 'Content-Type': `multipart/form-data; boundary=${boundary}` }, cut) };
  // Announces the whole body, sends part of it and closes: the connection broke.
  const announced = request('POST', form.action, { ...headers, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(body.length) });
  return { label: `${label} (connection broke)`, bytes: Buffer.concat([announced, cut]), halfClose: true };
}

function protocolAttack(random: Random, target: Target): Attack {
  const route = pick(random, target.routes);
  const path = route.path.replace(/:[A-Za-z]+(\|:[A-Za-z]+)*/g, 'x').replace(/\*$/, 'x');
  const session = pick(random, [undefined, ...target.sessions]);
  const cookie = session ? `Cookie: ${session.cookie}\r\n` : '';
  const kind = Math.floor(random() * 9);
  const raw = (text: string) => Buffer.from(text, 'latin1');
  switch (kind) {
    case 0:
      return { label: 'long URL', bytes: raw(`GET ${path}?q=${'a'.repeat(9_000 + Math.floor(random() * 80_000))} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`) };
    case 1:
      return { label: 'huge header', bytes: raw(`GET ${path} HTTP/1.1\r\nHost: x\r\n${cookie}X-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`) };
    case 2:
      return { label: 'control character in a header', bytes: raw(`GET ${path} HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\x7f\r\nConnection: close\r\n\r\n`) };
    case 3:
      return { label: 'raw bytes in the path', bytes: raw(`GET ${path}/\xff\xc3\x00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`) };
    case 4:
      return { label: 'bad chunked body', bytes: raw(`POST ${path} HTTP/1.1\r\nHost: x\r\n${cookie}Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`) };
    case 5:
      return { label: 'garbage request line', bytes: raw(`${crypto.randomBytes(40).toString('latin1')}\r\n\r\n`) };
    case 6:
      return { label: 'unknown content type', bytes: request('POST', path, { ...sessionHeaders(session), 'Content-Type': pick(random, ['application/json', 'text/plain', 'application/xml', 'multipart/mixed; boundary=x']) }, Buffer.from(pick(random, ['{"__proto__":{"a":1},"x":"\\u0000"}', '{', 'a=b', '<x/>']))) };
    case 7:
      return { label: 'bad cookie', bytes: raw(`GET ${path} HTTP/1.1\r\nHost: x\r\nCookie: ib_session=%00%FF; ib_csrf=constructor; ib_lang=__proto__; ib_receipt=${'r'.repeat(5000)}\r\nConnection: close\r\n\r\n`) };
    default:
      return { label: 'bad lang and accept-language', bytes: raw(`GET ${path}?lang=${pick(random, ['constructor', '%00', 'xx', '%FF'])} HTTP/1.1\r\nHost: x\r\nAccept-Language: ${pick(random, ['constructor', '*;q=NaN', 'de-DE,,;q=', 'x'.repeat(3000)])}\r\nConnection: close\r\n\r\n`) };
  }
}

export interface Outcome {
  /** The status, or 'hang' when nothing came back within the timeout, or 'closed' when the server closed without answering. */
  status: number | 'hang' | 'closed';
  contentType: string;
  body: string;
}

/** Sends raw bytes on a fresh connection and reads the answer until the server closes it or the timeout passes. */
export function sendRaw(port: number, attack: Attack, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const parse = (): Outcome => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (!status) return { status: 'closed', contentType: '', body: '' };
      const headerEnd = text.indexOf('\r\n\r\n');
      const head = text.slice(0, headerEnd);
      return { status: Number(status[1]), contentType: /\r\ncontent-type: ([^\r\n]*)/i.exec(head)?.[1] ?? '', body: text.slice(headerEnd + 4) };
    };
    const timer = setTimeout(() => finish({ ...parse(), status: 'hang' }), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => finish(parse()));
    socket.on('close', () => finish(parse()));
    socket.on('connect', () => {
      socket.write(attack.bytes);
      if (attack.halfClose) socket.end();
    });
  });
}

/** Whether an answer is Fastify's JSON error instead of our page (internal codes, an echoed URL). */
export function isJsonError(outcome: Outcome): boolean {
  return outcome.contentType.includes('json') && /"statusCode"|"code":"(FST|ERR)_/.test(outcome.body);
}
