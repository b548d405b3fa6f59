import crypto from 'node:crypto';
import http from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { PDFDocument, PDFName } from 'pdf-lib';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../../../test/databases.ts';
import { newDataKey, encryptForCase, type DataKey } from '../../../platform/crypto/envelope.ts';
import { caseMessages, cases } from '../schema.ts';
import { displayName } from './display-name.ts';
import {
  draftExpiry,
  listCaseFiles,
  listDraftFiles,
  moveDraftFilesToCase,
  purgeExpiredDrafts,
  readCaseFile,
  removeDraftFile,
  storeCaseFile,
  storeDraftFile,
  type HeldFile,
} from './store.ts';

const limits = { maxBytes: 10 * 1024 * 1024 };

/** Hands the bytes over in uneven slices, as a network upload does. */
function upload(bytes: Uint8Array, sliceSize = 10_000): Readable {
  const slices: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += sliceSize) slices.push(Buffer.from(bytes.subarray(at, at + sliceSize)));
  return Readable.from(slices);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** The tag numbers of a TIFF/EXIF block's first directory (IFD0). */
function ifd0Tags(exif: Buffer): number[] {
  // JPEG and WebP carry an 'Exif\0\0' prefix before the TIFF header; PNG's eXIf chunk does not.
  const tiff = exif.subarray(exif.toString('latin1', 0, 6) === 'Exif\0\0' ? 6 : 0);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + i * 12));
}

const gpsInfoTag = 0x8825;

async function photoWithGps(format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff0000' } })
    .toFormat(format)
    .withExif({
      IFD0: { Artist: 'Jan Janssens', Make: 'PhoneCo' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 50/1 4620/100', GPSLongitudeRef: 'E', GPSLongitude: '4/1 21/1 1700/100' },
    })
    .toBuffer();
}

async function pdfByJan(): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage([200, 200]).drawText('Memo', { x: 20, y: 100 });
  document.setTitle('Memo for the director');
  document.setAuthor('Jan Janssens');
  document.setCreator('WordProcessor 12 (licensed to Jan Janssens)');
  const xmp = '<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Jan Janssens</dc:creator></x:xmpmeta><?xpacket end="w"?>';
  const stream = document.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  document.catalog.set(PDFName.of('Metadata'), document.context.register(stream));
  document.getPage(0).node.set(PDFName.of('Metadata'), document.context.register(document.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })));
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

function textFile(length: number, marker = ''): Buffer {
  const line = 'Minutes of the procurement meeting, nothing unusual here.\n';
  return Buffer.from((marker + line.repeat(Math.ceil(length / line.length))).slice(0, length));
}

describe('display names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\jan\\Desktop\\memo.pdf', 'memo.pdf'],
    ['evil\u202Egpj.exe', 'evilgpj.exe'],
    ['line\nbreak\u0000.txt', 'linebreak.txt'],
    ['', 'attachment.pdf'],
    ['..', 'attachment.pdf'],
  ])('shows %j as %j', (raw, shown) => {
    expect(displayName(raw, 'pdf')).toBe(shown);
  });

  it('caps a name at 200 characters without splitting a character', () => {
    const shown = displayName('😀'.repeat(300), 'txt');
    expect(Array.from(shown)).toHaveLength(200);
    expect(shown).toBe('😀'.repeat(200));
  });
});

describe('draft expiry', () => {
  it('keeps a draft a day, rounded up to the whole hour', () => {
    expect(draftExpiry(new Date('2025-03-01T10:20:30.400Z')).toISOString()).toBe('2025-03-02T11:00:00.000Z');
    expect(draftExpiry(new Date('2025-03-01T10:00:00.000Z')).toISOString()).toBe('2025-03-02T10:00:00.000Z');
  });
});

describe.each(databaseKinds)('attachments on %s', (kind) => {
  let database: TestDatabase;
  let draftId: string;
  let draftKey: DataKey;
  beforeEach(async () => {
    database = await freshDatabase(kind);
    draftId = crypto.randomUUID();
    draftKey = newDataKey();
  });
  afterEach(() => database.close());

  async function count(table: 'file_chunks' | 'draft_files' | 'case_files'): Promise<number> {
    const [row] = await database.execute(`select count(*)::int as n from ${table}`);
    return row!.n as number;
  }

  async function newCase(): Promise<{ caseId: string; dataKey: DataKey }> {
    const caseId = crypto.randomUUID();
    const dataKey = newDataKey();
    await database.db.insert(cases).values({
      id: caseId,
      reference: caseId.slice(0, 8),
      kind: 'report',
      domain: 'integrity',
      theme: 'fraud',
      requesterRole: 'staff',
      identityChoice: 'anonymous',
      receivedOn: '2025-03-01',
      acknowledgementDueOn: '2025-03-08',
      feedbackDueOn: '2025-06-01',
      content: encryptForCase(dataKey, caseId, 'report.answers', '{}'),
    });
    return { caseId, dataKey };
  }

  async function storeDraft(bytes: Uint8Array, filename: string) {
    return storeDraftFile(database.db, { draftId, draftKey, filename, source: upload(bytes), limits });
  }

  /** Stores a file as a draft, moves it into a case and reads it back decrypted. */
  async function storeAndReadBack(bytes: Uint8Array, filename: string): Promise<{ file: HeldFile; content: Buffer }> {
    const stored = await storeDraft(bytes, filename);
    if (!stored.ok) throw new Error(`refused: ${stored.reason}`);
    const { caseId, dataKey } = await newCase();
    const [moved] = await moveDraftFilesToCase(database.db, { draftId, draftKey, caseId, dataKey });
    const opened = await readCaseFile(database.db, { caseId, fileId: moved!.id, dataKey });
    return { file: stored.file, content: await readAll(opened!.stream) };
  }

  it.each(['jpeg', 'png', 'webp'] as const)('removes EXIF with the GPS position from a %s photo and keeps the picture', async (format) => {
    const photo = await photoWithGps(format);
    const before = await sharp(photo).metadata();
    expect(ifd0Tags(before.exif!)).toContain(gpsInfoTag);
    expect(before.exif!.includes('Jan Janssens')).toBe(true);

    const { file, content } = await storeAndReadBack(photo, `IMG_0001.${format}`);

    const after = await sharp(content).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect([after.format, after.width, after.height]).toEqual([format, 64, 64]);
    expect(content.includes('Jan Janssens')).toBe(false);
    expect(file).toMatchObject({ mediaType: `image/${format}`, size: content.length });
  });

  it('turns a sideways photo upright before its orientation tag goes', async () => {
    const sideways = await sharp({ create: { width: 64, height: 32, channels: 3, background: '#00f' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const { content } = await storeAndReadBack(sideways, 'sideways.jpg');
    const after = await sharp(content).metadata();
    expect([after.width, after.height, after.orientation]).toEqual([32, 64, undefined]);
  });

  it('removes the author, title and XMP metadata from a PDF', async () => {
    const pdf = await pdfByJan();
    expect(pdf.includes('Jan Janssens')).toBe(true);
    expect((await PDFDocument.load(pdf)).getAuthor()).toBe('Jan Janssens');

    const { file, content } = await storeAndReadBack(pdf, 'memo.pdf');

    expect(content.includes('Jan Janssens')).toBe(false);
    expect(content.includes(Buffer.from('Jan Janssens', 'utf16le').swap16())).toBe(false);
    expect(content.includes(Buffer.from('Jan Janssens', 'utf16le').swap16().toString('hex').toUpperCase())).toBe(false);
    const read = await PDFDocument.load(content, { updateMetadata: false });
    expect([read.getAuthor(), read.getTitle(), read.getCreator(), read.getProducer()]).toEqual([undefined, undefined, undefined, undefined]);
    expect(read.getCreationDate()?.getTime()).toBe(0);
    expect(read.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
    expect(read.getPageCount()).toBe(1);
    expect(file).toMatchObject({ mediaType: 'application/pdf', size: content.length });
  });

  it('refuses an encrypted PDF and a damaged picture as unreadable', async () => {
    const document = await PDFDocument.create();
    document.addPage();
    document.context.trailerInfo.Encrypt = document.context.register(document.context.obj({ Filter: 'Standard', V: 1, R: 2, P: -4 }));
    const encrypted = await document.save();
    expect(await storeDraft(encrypted, 'locked.pdf')).toEqual({ ok: false, reason: 'unreadable' });

    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff0000' } }).png().toBuffer();
    // A PNG cut off inside its image data.
    const damaged = png.subarray(0, png.length - 30);
    expect(await storeDraft(damaged, 'broken.png')).toEqual({ ok: false, reason: 'unreadable' });
    expect([await count('file_chunks'), await count('draft_files')]).toEqual([0, 0]);
  });

  it('refuses a program, whatever it is called', async () => {
    const program = Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(5000)]);
    expect(await storeDraft(program, 'holiday.jpg')).toEqual({ ok: false, reason: 'type' });
    expect([await count('file_chunks'), await count('draft_files')]).toEqual([0, 0]);
  });

  it('refuses a text file that turns binary after the sniffed head', async () => {
    const text = Buffer.concat([textFile(200_000), Buffer.from([0xff, 0xfe, 0x00, 0x01])]);
    expect(await storeDraft(text, 'notes.txt')).toEqual({ ok: false, reason: 'type' });
    expect([await count('file_chunks'), await count('draft_files')]).toEqual([0, 0]);
  });

  it('refuses a file over the limit as soon as it passes it, and stores nothing', async () => {
    let produced = 0;
    const fiveMegabytes = new Readable({
      read() {
        produced += 65_536;
        this.push(produced > 5_000_000 ? null : textFile(65_536));
      },
    });
    const stored = await storeDraftFile(database.db, { draftId, draftKey, filename: 'big.txt', source: fiveMegabytes, limits: { maxBytes: 1_000_000 } });
    expect(stored).toEqual({ ok: false, reason: 'size' });
    // Refused from counting, long before the end (stream buffering reads a little ahead).
    expect(produced).toBeLessThan(1_500_000);
    expect([await count('file_chunks'), await count('draft_files')]).toEqual([0, 0]);
  });

  it('lets the rest of a refused upload drain, so the request it belongs to can finish', async () => {
    const sender = new PassThrough();
    sender.write(Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(8000)]));
    const stored = await storeDraftFile(database.db, { draftId, draftKey, filename: 'a.exe', source: sender, limits });
    expect(stored).toEqual({ ok: false, reason: 'type' });
    // More arrives after the refusal; it must be consumed, or a multipart parser waits forever.
    for (let i = 0; i < 20; i++) sender.write(crypto.randomBytes(64 * 1024));
    sender.end();
    await new Promise<void>((resolve) => sender.once('end', resolve));
  });

  it('finishes a multipart form over a real socket after refusing its oversized file', async () => {
    const app = Fastify();
    await app.register(multipart);
    app.post('/', async (request) => {
      const seen: string[] = [];
      for await (const part of request.parts({ limits: { fileSize: 50_000_000 } })) {
        if (part.type === 'field') seen.push(part.fieldname);
        else {
          const stored = await storeDraftFile(database.db, { draftId, draftKey, filename: part.filename, source: part.file, limits: { maxBytes: 100_000 } });
          seen.push(stored.ok ? 'stored' : stored.reason);
        }
      }
      return seen;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const boundary = 'attachment-test';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`),
        textFile(3_000_000),
        Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="after"\r\n\r\nvalue\r\n--${boundary}--\r\n`),
      ]);
      const { port } = app.server.address() as { port: number };
      const response = await new Promise<string>((resolve, reject) => {
        const request = http.request({ port, method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length } }, (res) => {
          res.setEncoding('utf8');
          let text = '';
          res.on('data', (data: string) => (text += data));
          res.on('end', () => resolve(text));
        });
        request.on('error', reject);
        // Sent in slices with backpressure, as a browser does: a destroyed file part would stall here.
        void (async () => {
          for (let at = 0; at < body.length; at += 16_384) {
            if (!request.write(body.subarray(at, at + 16_384))) await new Promise((drained) => request.once('drain', drained));
          }
          request.end();
        })();
      });
      expect(JSON.parse(response)).toEqual(['size', 'after']);
    } finally {
      await app.close();
    }
  });

  it('refuses an empty file', async () => {
    expect(await storeDraft(new Uint8Array(0), 'empty.txt')).toEqual({ ok: false, reason: 'empty' });
  });

  it('takes the type from the bytes: a photo named .pdf is stored as a JPEG', async () => {
    const stored = await storeDraft(await photoWithGps('jpeg'), 'report.pdf');
    expect(stored).toMatchObject({ ok: true, file: { name: 'report.pdf', mediaType: 'image/jpeg' } });
  });

  it('stores neither the content nor the name in clear', async () => {
    const marker = `MARKER-${crypto.randomUUID()}`;
    const nameMarker = `Jan-Janssens-${crypto.randomUUID()}`;
    const stored = await storeDraft(textFile(150_000, marker), `${nameMarker}.txt`);
    expect(stored.ok).toBe(true);
    const rows = [
      ...(await database.execute('select bytes as value from file_chunks')),
      ...(await database.execute('select name as value from draft_files')),
      ...(await database.execute('select media_type as value from draft_files')),
    ];
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      const bytes = Buffer.from(row.value as Uint8Array);
      expect(bytes.includes(marker)).toBe(false);
      expect(bytes.includes(nameMarker)).toBe(false);
      expect(bytes.includes('text/plain')).toBe(false);
    }
  });

  it('writes one row per 64 KiB frame, so a large file streams through', async () => {
    const big = textFile(6_000_000);
    const { content } = await storeAndReadBack(big, 'export.txt');
    expect(content.equals(big)).toBe(true);
    // The draft's rows went with the move; the case's rows remain.
    expect(await count('file_chunks')).toBe(Math.ceil(big.length / 65_536));
  });

  it('moves a draft into a case, then lists and reads the files under the case key', async () => {
    const memo = textFile(1000, 'memo');
    await storeDraft(memo, 'memo.txt');
    await storeDraft(await photoWithGps('png'), 'screenshot.png');
    const held = await listDraftFiles(database.db, draftId, draftKey);
    expect(held.map((f) => f.name)).toEqual(['memo.txt', 'screenshot.png']);

    const { caseId, dataKey } = await newCase();
    const messageId = crypto.randomUUID();
    await database.db.insert(caseMessages).values({ id: messageId, caseId, author: 'reporter', sentOn: '2025-03-01', body: new Uint8Array(1) });
    const chunksBefore = await database.execute('select file_id, index, bytes from file_chunks order by file_id, index');
    const moved = await database.db.transaction((tx) => moveDraftFilesToCase(tx, { draftId, draftKey, caseId, dataKey, messageId }));

    expect(moved.map((f) => [f.name, f.mediaType, f.messageId])).toEqual([
      ['memo.txt', 'text/plain; charset=utf-8', messageId],
      ['screenshot.png', 'image/png', messageId],
    ]);
    // Each file keeps its id and its encrypted content, written once; only its own key is re-wrapped.
    expect(moved.map((f) => f.id).sort()).toEqual(held.map((f) => f.id).sort());
    expect(await database.execute('select file_id, index, bytes from file_chunks order by file_id, index')).toEqual(chunksBefore);
    expect(await listDraftFiles(database.db, draftId, draftKey)).toEqual([]);
    expect(await count('draft_files')).toBe(0);
    expect(await listCaseFiles(database.db, { caseId, dataKey })).toEqual(moved.map((file) => ({ ...file, undecryptable: false })));
    expect(await listCaseFiles(database.db, { caseId, dataKey, messageId: null })).toEqual([]);
    const opened = await readCaseFile(database.db, { caseId, fileId: moved[0]!.id, dataKey });
    expect(opened).toMatchObject({ name: 'memo.txt', mediaType: 'text/plain; charset=utf-8', size: memo.length });
    expect((await readAll(opened!.stream)).equals(memo)).toBe(true);
    expect(await readCaseFile(database.db, { caseId: (await newCase()).caseId, fileId: moved[0]!.id, dataKey })).toBeUndefined();
  });

  it('stores a file straight into a case, with its message', async () => {
    const { caseId, dataKey } = await newCase();
    const stored = await storeCaseFile(database.db, { caseId, dataKey, filename: 'reply.txt', source: upload(textFile(500)), limits });
    expect(stored).toMatchObject({ ok: true, file: { name: 'reply.txt', size: 500, messageId: null } });
    expect(await listCaseFiles(database.db, { caseId, dataKey, messageId: null })).toHaveLength(1);
  });

  it('finds no files with a wrong draft key, and moves none', async () => {
    await storeDraft(textFile(100), 'a.txt');
    const forged = newDataKey();
    expect(await listDraftFiles(database.db, draftId, forged)).toEqual([]);
    const { caseId, dataKey } = await newCase();
    expect(await moveDraftFilesToCase(database.db, { draftId, draftKey: forged, caseId, dataKey })).toEqual([]);
    expect(await count('draft_files')).toBe(1);
  });

  it('removes a draft file only from its own draft', async () => {
    const stored = await storeDraft(textFile(100), 'a.txt');
    if (!stored.ok) throw new Error('refused');
    await removeDraftFile(database.db, crypto.randomUUID(), stored.file.id);
    expect(await count('draft_files')).toBe(1);
    await removeDraftFile(database.db, draftId, stored.file.id);
    expect([await count('file_chunks'), await count('draft_files')]).toEqual([0, 0]);
  });

  it('purges drafts after their day, with their content', async () => {
    await storeDraft(textFile(100_000), 'a.txt');
    expect(await purgeExpiredDrafts(database.db)).toBe(0);
    expect(await purgeExpiredDrafts(database.db, new Date(Date.now() + 25 * 3_600_000))).toBe(1);
    expect([await count('file_chunks'), await count('draft_files')]).toEqual([0, 0]);
  });

  it('fails to read a file whose chunks were swapped or changed', async () => {
    const { caseId, dataKey } = await newCase();
    const stored = await storeCaseFile(database.db, { caseId, dataKey, filename: 'a.txt', source: upload(textFile(200_000)), limits });
    if (!stored.ok) throw new Error('refused');
    for (const [from, to] of [[1, 100], [2, 1], [100, 2]]) {
      await database.execute('update file_chunks set index = $3 where file_id = $1 and index = $2', [stored.file.id, from, to]);
    }
    const opened = await readCaseFile(database.db, { caseId, fileId: stored.file.id, dataKey });
    await expect(readAll(opened!.stream)).rejects.toThrow();
  });
});
