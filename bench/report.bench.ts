/**
 * Reporting point figures: what a first visit of the form costs in bytes, how long a complete submission
 * with a 1 MB photo takes and how many the server sustains, and how long a receipt sign-in takes.
 */
import http from 'node:http';
import sharp from 'sharp';
import { receiptHashParameters } from '../src/platform/crypto/receipt.ts';
import { postgresServerUrl } from '../test/databases.ts';
import { startWorld, type World } from '../test/reporting-world.ts';

const submissions = 200;
const concurrentSubmissions = 100;
const concurrency = 4;
const signIns = 30;

function result(bench: string, metric: string, value: number, unit: string) {
  console.log(`RESULT ${bench} ${metric} ${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Bytes as they cross the wire, with the compression a browser would accept. */
function rawGet(url: string): Promise<{ bytes: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({ bytes: raw.length, body: response.headers['content-encoding'] ? '' : raw.toString(), type: String(response.headers['content-type']) });
        });
      })
      .on('error', reject);
  });
}

async function formPageBytes(world: World) {
  const page = await rawGet(`${world.baseUrl}/report/new`);
  const linked = [...page.body.matchAll(/<(?:link|script|img)[^>]+(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
  let total = page.bytes;
  let jsBytes = [...page.body.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].reduce((sum, m) => sum + m[1]!.length, 0);
  for (const href of linked) {
    const asset = await rawGet(new URL(href, world.baseUrl).toString());
    total += asset.bytes;
    if (asset.type.includes('javascript')) jsBytes += asset.bytes;
  }
  result('report-form', 'bytes', total, 'B');
  result('report-form', 'js_bytes', jsBytes, 'B');
}

/** A photo of about 1 MB: noise, so JPEG cannot shrink it. */
async function photo(): Promise<Buffer> {
  const side = 1100;
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(Math.random() * 256);
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 92 }).withExif({ IFD0: { Artist: 'Bench' } }).toBuffer();
}

async function submitOnce(world: World, attachment: Buffer): Promise<{ ms: number; ok: boolean; receiptCode?: string }> {
  const form = await (await fetch(`${world.baseUrl}/report/new`)).text();
  const token = /name="formToken" value="([^"]+)"/.exec(form)![1]!;
  const body = new FormData();
  const fields = { formToken: token, kind: 'report', theme: 'fraud', entityId: '', requesterRole: 'staff', identityChoice: 'anonymous', contactPreference: 'site_only' };
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('description', 'Invoices are paid twice to the same supplier, every month since January.');
  body.append('files', new Blob([new Uint8Array(attachment)], { type: 'image/jpeg' }), 'invoice.jpg');
  const started = performance.now();
  const response = await fetch(`${world.baseUrl}/report/new`, { method: 'POST', body });
  const html = await response.text();
  const ms = performance.now() - started;
  return { ms, ok: response.status === 200, receiptCode: /(\d{4} \d{4} \d{4} \d{4})/.exec(html)?.[1] };
}

async function signInOnce(world: World, receiptCode: string): Promise<{ ms: number; ok: boolean }> {
  const form = await (await fetch(`${world.baseUrl}/report/follow-up`)).text();
  const token = /name="formToken" value="([^"]+)"/.exec(form)![1]!;
  const started = performance.now();
  const response = await fetch(`${world.baseUrl}/report/follow-up`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ formToken: token, receiptCode }).toString(),
  });
  await response.text();
  return { ms: performance.now() - started, ok: response.status === 303 };
}

/**
 * One full run on one database; metrics on PostgreSQL carry a `_postgres` suffix, those of the embedded
 * database with syncing to disk turned off (PGLITE_FSYNC=false, what it cost before syncing) `_nofsync`.
 */
async function run(kind: 'files' | 'postgres', fsync = true) {
  const suffix = kind === 'postgres' ? '_postgres' : fsync ? '' : '_nofsync';
  const first = kind === 'files' && fsync;
  const env = { ATTACHMENT_MAX_MB: '25', ATTACHMENT_MAX_FILES: '10', REPORT_RATE_LIMIT: '100000', RECEIPT_RATE_LIMIT: '100000', LOG_LEVEL: 'error', PGLITE_FSYNC: String(fsync) };
  const world = await startWorld(env, kind);
  try {
    if (first) await formPageBytes(world);
    const attachment = await photo();
    if (first) result('report-submit', 'attachment_bytes', attachment.length, 'B');
    const times: number[] = [];
    const codes: string[] = [];
    let errors = 0;
    for (let i = 0; i < submissions; i++) {
      const outcome = await submitOnce(world, attachment);
      times.push(outcome.ms);
      if (!outcome.ok) errors += 1;
      if (outcome.receiptCode && codes.length < signIns) codes.push(outcome.receiptCode);
    }
    result('report-submit', `p50${suffix}`, percentile(times, 50), 'ms');
    result('report-submit', `p95${suffix}`, percentile(times, 95), 'ms');

    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < concurrentSubmissions) {
          next += 1;
          if (!(await submitOnce(world, attachment)).ok) errors += 1;
        }
      }),
    );
    result('report-submit', `rps${suffix}`, concurrentSubmissions / ((performance.now() - started) / 1000), 'req/s');
    result('report-submit', `errors${suffix}`, errors, 'count');

    const signInTimes: number[] = [];
    for (const code of codes) {
      const outcome = await signInOnce(world, code);
      if (!outcome.ok) throw new Error('a receipt sign-in failed');
      signInTimes.push(outcome.ms);
    }
    result('receipt-signin', `p50${suffix}`, percentile(signInTimes, 50), 'ms');
    result('receipt-signin', `p95${suffix}`, percentile(signInTimes, 95), 'ms');
  } finally {
    await world.close();
  }
}

result('receipt-signin', 'argon2id_memory', receiptHashParameters.memoryCost / 1024, 'MiB');
result('receipt-signin', 'argon2id_passes', receiptHashParameters.timeCost, 'count');
await run('files');
await run('files', false);
if (postgresServerUrl) await run('postgres');
else console.log('report bench: DATABASE_URL not set, PostgreSQL figures skipped');
