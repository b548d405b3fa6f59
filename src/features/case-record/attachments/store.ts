/**
 * Stores a case's attachments, a reporter's or a handler's: the type is sniffed from the bytes, metadata
 * is stripped, and the file is encrypted as a stream and written frame by frame to `file_chunks`, so an
 * upload is never held whole in memory (PDFs and sharp's encoded input excepted, see strip-metadata.ts)
 * and never stored in clear. A reporter's files wait as drafts (under a key only the reporter's form
 * holds) until the form is sent, then move into the case under its data key.
 */
import crypto from 'node:crypto';
import { Readable, pipeline as pipelineWithCallback } from 'node:stream';
import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { decryptForCase, decryptTextForCase, encryptForCase, newDataKey, tryDecryptTextForCase, type DataKey } from '../../../platform/crypto/envelope.ts';
import { decryptFileStream } from '../../../platform/crypto/file-stream.ts';
import { caseFiles, draftFiles, fileChunks } from '../schema.ts';
import { readChunks, removeChunksIfFails, storeEncryptedContent, type RefusalReason, type UploadLimits } from './encrypted-upload.ts';

// File names and types are encrypted with the file's id in the associated data, so they cannot be swapped
// between files by someone who can write to the database.
export interface HeldFile {
  id: string;
  name: string;
  mediaType: string;
  /** Bytes after metadata was stripped: what a download delivers. */
  size: number;
}

export interface CaseFile extends HeldFile {
  /** The message the file came with; null for files of the report itself. */
  messageId: string | null;
  /** Its name or type did not decrypt: the name is empty and the page says so in its place. */
  undecryptable?: boolean;
}

export type StoreResult<F> = { ok: true; file: F } | { ok: false; reason: RefusalReason };

export interface DraftUpload {
  draftId: string;
  draftKey: DataKey;
  /** As the browser sent it; used for display only. */
  filename: string;
  source: Readable;
  limits: UploadLimits;
}

export interface CaseUpload {
  caseId: string;
  dataKey: DataKey;
  messageId?: string | undefined;
  filename: string;
  source: Readable;
  limits: UploadLimits;
}

/** A draft is kept a day; the time is rounded up to the hour so it does not tell when the form was sent. */
export function draftExpiry(now: Date): Date {
  const hour = 3_600_000;
  return new Date(Math.ceil((now.getTime() + 24 * hour) / hour) * hour);
}

/** The content of every file is encrypted under its own key, bound to its id (not to a draft or case). */
const fileScope = 'file';

export async function storeDraftFile(db: Db, upload: DraftUpload): Promise<StoreResult<HeldFile>> {
  const id = crypto.randomUUID();
  const fileKey = newDataKey();
  const stored = await storeEncryptedContent(db, { key: fileKey, scopeId: fileScope, fileId: id }, upload);
  if (!stored.ok) return stored;
  const { name, type, size } = stored;
  await removeChunksIfFails(db, id, () =>
    db.insert(draftFiles).values({
      id,
      draftId: upload.draftId,
      fileKey: encryptForCase(upload.draftKey, upload.draftId, `file.${id}.key`, fileKey),
      name: encryptForCase(upload.draftKey, upload.draftId, `file.${id}.name`, name),
      mediaType: encryptForCase(upload.draftKey, upload.draftId, `file.${id}.type`, type.mediaType),
      size,
      expiresAt: draftExpiry(new Date()),
    }),
  );
  return { ok: true, file: { id, name, mediaType: type.mediaType, size } };
}

/** The draft's files that open with this key; a wrong or forged key finds none rather than failing. */
export async function listDraftFiles(db: Db, draftId: string, draftKey: DataKey): Promise<HeldFile[]> {
  const rows = await db.select().from(draftFiles).where(eq(draftFiles.draftId, draftId));
  const files: HeldFile[] = [];
  for (const row of rows) {
    try {
      files.push({
        id: row.id,
        name: decryptTextForCase(draftKey, draftId, `file.${row.id}.name`, row.name),
        mediaType: decryptTextForCase(draftKey, draftId, `file.${row.id}.type`, row.mediaType),
        size: row.size,
      });
    } catch {
      // Not this key's file: leave it out.
    }
  }
  return files.sort(byName);
}

export async function removeDraftFile(db: Db, draftId: string, fileId: string): Promise<void> {
  const [row] = await db
    .select({ id: draftFiles.id })
    .from(draftFiles)
    .where(and(eq(draftFiles.id, fileId), eq(draftFiles.draftId, draftId)));
  if (!row) return;
  // Chunks first: if this stops halfway, the row still points at what is left and the purge finds it.
  await db.delete(fileChunks).where(eq(fileChunks.fileId, fileId));
  await db.delete(draftFiles).where(eq(draftFiles.id, fileId));
}

export interface DraftMove {
  draftId: string;
  draftKey: DataKey;
  caseId: string;
  dataKey: DataKey;
  messageId?: string | undefined;
}

/**
 * Moves the draft's files into the case: each file's key is re-wrapped under the case's data key and its
 * encrypted content stays where it is, so a submission writes every file once. Pass the transaction that
 * creates the case or message, so both happen or neither.
 */
export async function moveDraftFilesToCase(db: Db, move: DraftMove): Promise<CaseFile[]> {
  const rows = await db.select().from(draftFiles).where(eq(draftFiles.draftId, move.draftId));
  const moved: CaseFile[] = [];
  for (const row of rows) {
    let fileKey: DataKey;
    let name: string;
    let mediaType: string;
    try {
      fileKey = decryptForCase(move.draftKey, move.draftId, `file.${row.id}.key`, row.fileKey) as DataKey;
      name = decryptTextForCase(move.draftKey, move.draftId, `file.${row.id}.name`, row.name);
      mediaType = decryptTextForCase(move.draftKey, move.draftId, `file.${row.id}.type`, row.mediaType);
    } catch {
      // Not this key's file: it stays a draft and the purge removes it.
      continue;
    }
    const messageId = move.messageId ?? null;
    await db.insert(caseFiles).values({
      id: row.id,
      caseId: move.caseId,
      messageId,
      fileKey: encryptForCase(move.dataKey, move.caseId, `file.${row.id}.key`, fileKey),
      name: encryptForCase(move.dataKey, move.caseId, `file.${row.id}.name`, name),
      mediaType: encryptForCase(move.dataKey, move.caseId, `file.${row.id}.type`, mediaType),
      size: row.size,
    });
    await db.delete(draftFiles).where(eq(draftFiles.id, row.id));
    moved.push({ id: row.id, name, mediaType, size: row.size, messageId });
  }
  return moved.sort(byName);
}

/**
 * Stores an upload straight into a case, e.g. with a message from a signed-in reporter or a handler.
 * Pass the database rather than a long transaction: an upload can take minutes (see storeEncryptedContent).
 */
export async function storeCaseFile(db: Db, upload: CaseUpload): Promise<StoreResult<CaseFile>> {
  const id = crypto.randomUUID();
  const fileKey = newDataKey();
  const stored = await storeEncryptedContent(db, { key: fileKey, scopeId: fileScope, fileId: id }, upload);
  if (!stored.ok) return stored;
  const { name, type, size } = stored;
  const messageId = upload.messageId ?? null;
  await removeChunksIfFails(db, id, () =>
    db.insert(caseFiles).values({
      id,
      caseId: upload.caseId,
      messageId,
      fileKey: encryptForCase(upload.dataKey, upload.caseId, `file.${id}.key`, fileKey),
      name: encryptForCase(upload.dataKey, upload.caseId, `file.${id}.name`, name),
      mediaType: encryptForCase(upload.dataKey, upload.caseId, `file.${id}.type`, type.mediaType),
      size,
    }),
  );
  return { ok: true, file: { id, name, mediaType: type.mediaType, size, messageId } };
}

export interface CaseFilesQuery {
  caseId: string;
  dataKey: DataKey;
  /** Only the files of this message; without it, all the case's files. */
  messageId?: string | null | undefined;
}

export async function listCaseFiles(db: Db, query: CaseFilesQuery): Promise<CaseFile[]> {
  const { caseId, dataKey, messageId } = query;
  const messageFilter = messageId === undefined ? undefined : messageId === null ? isNull(caseFiles.messageId) : eq(caseFiles.messageId, messageId);
  const rows = await db
    .select()
    .from(caseFiles)
    .where(and(eq(caseFiles.caseId, caseId), messageFilter));
  return rows
    .map((row) => {
      // A file whose name or type does not open is still listed, marked, so the rest of the case shows.
      const name = tryDecryptTextForCase(dataKey, caseId, `file.${row.id}.name`, row.name);
      const mediaType = tryDecryptTextForCase(dataKey, caseId, `file.${row.id}.type`, row.mediaType);
      const undecryptable = name === undefined || mediaType === undefined;
      return { id: row.id, name: name ?? '', mediaType: mediaType ?? 'application/octet-stream', size: row.size, messageId: row.messageId, undecryptable };
    })
    .sort(byName);
}

export interface OpenedCaseFile {
  name: string;
  mediaType: string;
  size: number;
  /** The decrypted content, read from the database a few frames at a time as it is consumed. */
  stream: Readable;
}

/**
 * Opens one file of a case for download. Pass the database, not a transaction: the stream goes on
 * reading after this returns. A damaged or swapped chunk makes the stream fail, never yield wrong bytes.
 */
export async function readCaseFile(db: Db, target: { caseId: string; fileId: string; dataKey: DataKey }): Promise<OpenedCaseFile | undefined> {
  const { caseId, fileId, dataKey } = target;
  const [row] = await db
    .select()
    .from(caseFiles)
    .where(and(eq(caseFiles.id, fileId), eq(caseFiles.caseId, caseId)));
  if (!row) return undefined;
  let fileKey: DataKey;
  try {
    fileKey = decryptForCase(dataKey, caseId, `file.${row.id}.key`, row.fileKey) as DataKey;
  } catch {
    return undefined;
  }
  const stream = pipelineWithCallback(Readable.from(readChunks(db, fileId)), decryptFileStream(fileKey, fileScope, fileId), () => {
    // Errors reach the consumer through the returned stream.
  });
  return {
    name: decryptTextForCase(dataKey, caseId, `file.${row.id}.name`, row.name),
    mediaType: decryptTextForCase(dataKey, caseId, `file.${row.id}.type`, row.mediaType),
    size: row.size,
    stream,
  };
}

/** Removes drafts whose day is over, with their content; returns how many files went. */
export async function purgeExpiredDrafts(db: Db, now: Date = new Date()): Promise<number> {
  const expired = await db.select({ id: draftFiles.id }).from(draftFiles).where(lte(draftFiles.expiresAt, now));
  if (expired.length === 0) return 0;
  const ids = expired.map((row) => row.id);
  await db.delete(fileChunks).where(inArray(fileChunks.fileId, ids));
  await db.delete(draftFiles).where(inArray(draftFiles.id, ids));
  return ids.length;
}

function byName(a: HeldFile, b: HeldFile): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}
