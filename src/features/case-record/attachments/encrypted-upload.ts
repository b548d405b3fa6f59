/**
 * The pipeline that turns an upload into encrypted rows: count and limit the bytes, sniff the type, strip
 * metadata, encrypt with secretstream, and write one `file_chunks` row per frame as the frames come.
 */
import { Readable, Transform, type Duplex, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, eq, gte } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { DataKey } from '../../../platform/crypto/envelope.ts';
import { encryptFileStream } from '../../../platform/crypto/file-stream.ts';
import { sodium } from '../../../platform/crypto/sodium.ts';
import { fileChunks } from '../schema.ts';
import { displayName } from './display-name.ts';
import { sniffAttachmentType, sniffLength, TextValidator, type AttachmentType } from './file-types.ts';
import { imageMetadataStripper, stripPdfMetadata } from './strip-metadata.ts';

export type RefusalReason = 'type' | 'size' | 'empty' | 'unreadable';

export interface UploadLimits {
  maxBytes: number;
}

/** An expected refusal, thrown inside the pipeline to stop it and caught at its end. */
class AttachmentRefused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(`attachment refused: ${reason}`);
  }
}

export interface EncryptionTarget {
  key: DataKey;
  /** The case id, or the draft id for a draft: bound into every frame. */
  scopeId: string;
  fileId: string;
}

export type StoredContent = { ok: true; name: string; type: AttachmentType; size: number } | { ok: false; reason: RefusalReason };

/**
 * Reads the upload (counting, and stopping at the limit), sniffs its type, strips it, encrypts it and
 * writes its frames. Rows are written without a transaction on purpose: an upload over Tor can take
 * minutes, and holding a transaction that long would block PGlite's only connection. Instead, what was
 * written is removed when anything fails.
 */
export async function storeEncryptedContent(db: Db, target: EncryptionTarget, upload: { filename: string; source: Readable; limits: UploadLimits }): Promise<StoredContent> {
  const { source, limits } = upload;
  const chunks = boundedChunks(source, limits.maxBytes);
  // Where the first failure happened: a pipeline hands one stage's error to every other stage, so an
  // error sharp emits is only sharp's own (an unreadable picture) when nothing failed before it.
  let firstFailure: { stage: 'source' | 'strip' | 'store'; error: unknown } | undefined;
  const noteFailure = (stage: 'source' | 'strip' | 'store', error: unknown) => {
    firstFailure ??= { stage, error };
  };
  // The pipeline can fail before its last insert has finished; the cleanup must wait for that insert.
  let writing: Promise<void> | undefined;
  try {
    const head = await readHead(chunks);
    if (head.length === 0) throw new AttachmentRefused('empty');
    const type = await sniffAttachmentType(head.bytes, head.complete);
    if (!type) throw new AttachmentRefused('type');
    const stripper = metadataStripper(type);
    stripper.once('error', (error) => noteFailure('strip', error));
    const counter = new ByteCounter();
    await pipeline(
      new UploadReader(head.bytes, chunks, (error) => noteFailure('source', error)),
      stripper,
      counter,
      encryptFileStream(target.key, target.scopeId, target.fileId),
      async (encrypted: AsyncIterable<Uint8Array>) => {
        writing = writeChunks(db, target.fileId, encrypted);
        await writing.catch((error: unknown) => {
          noteFailure('store', error);
          throw error;
        });
      },
    );
    return { ok: true, name: displayName(upload.filename, type.extension), type, size: counter.bytes };
  } catch (error) {
    await writing?.catch(() => undefined);
    await removeChunks(db, target.fileId);
    // Not awaited: an unfinished read may wait on a stalled sender; the rest drains once it is closed.
    void chunks
      .return(undefined)
      .catch(() => undefined)
      .then(() => discardRest(source));
    if (error instanceof AttachmentRefused) return { ok: false, reason: error.reason };
    if (firstFailure?.stage === 'strip' && firstFailure.error === error) return { ok: false, reason: 'unreadable' };
    throw error;
  }
}

// Stages are plain Transforms: a Duplex.from(async generator) destroyed while awaiting its input never
// finishes destroying (Node 20), which would hang the pipeline after a refusal.

function metadataStripper(type: AttachmentType): Duplex {
  switch (type.kind) {
    case 'jpeg':
    case 'png':
    case 'webp':
      return imageMetadataStripper(type.kind);
    case 'pdf':
      return new PdfStripper();
    case 'text':
      return new TextChecker();
  }
}

/** Gathers the whole PDF (pdf-lib works on complete documents; the size limit bounds it), then strips it. */
class PdfStripper extends Transform {
  private readonly parts: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.parts.push(chunk);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    stripPdfMetadata(Buffer.concat(this.parts)).then(
      (stripped) => (stripped ? callback(null, Buffer.from(stripped.buffer, stripped.byteOffset, stripped.byteLength)) : callback(new AttachmentRefused('unreadable'))),
      (error: Error) => callback(error),
    );
  }
}

/** Passes text through, refusing it as soon as it stops being valid UTF-8 or contains a NUL byte. */
class TextChecker extends Transform {
  private readonly validator = new TextValidator();

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    callback(this.validator.accept(chunk) ? null : new AttachmentRefused('type'), chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.validator.end() ? null : new AttachmentRefused('type'));
  }
}

/** Counts what passes: the stored size is the stripped file's. */
class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

/**
 * The upload as a stream again, sniffed head first. Not Readable.from(generator): destroying that
 * waits for the generator's pending read, which a stalled sender may never complete.
 */
class UploadReader extends Readable {
  private headSent = false;

  constructor(
    private readonly head: Buffer,
    private readonly rest: AsyncGenerator<Buffer, void, undefined>,
    private readonly onError: (error: unknown) => void,
  ) {
    super();
  }

  override _read(): void {
    if (!this.headSent) {
      this.headSent = true;
      this.push(this.head);
      return;
    }
    this.rest.next().then(
      (next) => {
        if (!this.destroyed) this.push(next.done ? null : next.value);
      },
      (error: unknown) => {
        this.onError(error);
        this.destroy(error as Error);
      },
    );
  }
}

/** The upload's chunks, refusing with 'size' as soon as more than maxBytes have arrived. */
async function* boundedChunks(source: Readable, maxBytes: number): AsyncGenerator<Buffer, void, undefined> {
  let total = 0;
  // Not destroyed when we stop early: see discardRest.
  for await (const chunk of source.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > maxBytes) throw new AttachmentRefused('size');
    yield bytes;
  }
}

async function readHead(chunks: AsyncGenerator<Buffer, void, undefined>): Promise<{ bytes: Buffer; length: number; complete: boolean }> {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < sniffLength) {
    const next = await chunks.next();
    if (next.done) return { bytes: Buffer.concat(parts), length, complete: true };
    parts.push(next.value);
    length += next.value.length;
  }
  return { bytes: Buffer.concat(parts), length, complete: false };
}

/**
 * Lets the rest of a refused upload drain away instead of destroying the stream: a multipart file part
 * that is destroyed mid-body stalls the parser, and with it the whole request (the form's other fields).
 */
function discardRest(source: Readable): void {
  // After the iterator's listeners are gone (removed on the next tick), so the stream can flow again.
  setImmediate(() => {
    if (!source.destroyed && !source.readableEnded) source.resume();
  });
}

const headerBytes = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
const frameBytes = 64 * 1024 + sodium.crypto_secretstream_xchacha20poly1305_ABYTES;

/**
 * Writes an encrypted stream as one row per secretstream frame (the stream header goes with the first),
 * as the frames come: a stream may hand over its bytes in any slicing, so the frames are cut here.
 */
export async function writeChunks(db: Db, fileId: string, encrypted: AsyncIterable<Uint8Array>): Promise<void> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let index = 0;
  let rowLength = headerBytes + frameBytes;
  for await (const chunk of encrypted) {
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    pendingLength += chunk.byteLength;
    while (pendingLength >= rowLength) {
      const all = Buffer.concat(pending, pendingLength);
      await db.insert(fileChunks).values({ fileId, index, bytes: all.subarray(0, rowLength) });
      index += 1;
      pending = [all.subarray(rowLength)];
      pendingLength -= rowLength;
      rowLength = frameBytes;
    }
  }
  if (pendingLength > 0) await db.insert(fileChunks).values({ fileId, index, bytes: Buffer.concat(pending, pendingLength) });
}

/** A file's encrypted rows in order, fetched sixteen at a time (about a megabyte) as they are consumed. */
export async function* readChunks(db: Db, fileId: string): AsyncGenerator<Uint8Array, void, undefined> {
  const pageSize = 16;
  let next = 0;
  for (;;) {
    const rows = await db
      .select({ index: fileChunks.index, bytes: fileChunks.bytes })
      .from(fileChunks)
      .where(and(eq(fileChunks.fileId, fileId), gte(fileChunks.index, next)))
      .orderBy(asc(fileChunks.index))
      .limit(pageSize);
    for (const row of rows) {
      if (row.index !== next) throw new Error(`file ${fileId} is missing chunk ${next}`);
      yield row.bytes;
      next += 1;
    }
    if (rows.length < pageSize) return;
  }
}

export async function removeChunks(db: Db, fileId: string): Promise<void> {
  // Inside a transaction that a database error has aborted this fails too; the rollback removes them then.
  await db
    .delete(fileChunks)
    .where(eq(fileChunks.fileId, fileId))
    .catch(() => undefined);
}

export async function removeChunksIfFails<T>(db: Db, fileId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await removeChunks(db, fileId);
    throw error;
  }
}
