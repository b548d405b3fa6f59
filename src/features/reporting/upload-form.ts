/**
 * Reads a reporter's multipart form: the fields, and each attached file streamed straight into encrypted
 * held storage (sniffed and stripped on the way). Files are held under a key that only the reporter's form
 * carries, so a form sent back with errors keeps its files without the server being able to read them.
 */
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/client.ts';
import { HttpError, isBrokenBody } from '../../platform/http/errors.tsx';
import { isReadableString } from '../../platform/http/readable-input.ts';
import type { Translate } from '../../platform/i18n/translate.ts';
import type { DataKey } from '../../platform/crypto/envelope.ts';
import { listDraftFiles, removeDraftFile, storeDraftFile, type HeldFile } from '../case-record/service.ts';
import type { AttachmentLimits } from './view-models.ts';
import { isRecordId } from '../../platform/http/route-schemas.ts';

export interface Draft {
  id: string;
  key: DataKey;
}

export interface UploadForm {
  fields: Record<string, string>;
  /** The held files the reporter kept (ticked), after this request's uploads. */
  heldFiles: HeldFile[];
  draft: Draft | undefined;
  /** Translated problems with the files, shown beside the file field. */
  fileErrors: string[];
  /** The form token did not verify: nothing was stored. */
  refused: boolean;
  /**
   * The body broke off or was not a readable multipart form: `fields` holds what arrived complete before the
   * break, so the form can be shown again with what the reporter typed.
   */
  broken: boolean;
}

/** The draft named by the form's hidden fields, if they are well-formed. */
function draftFromFields(fields: Record<string, string>): Draft | undefined {
  const id = fields.draftId ?? '';
  const key = Buffer.from(fields.draftKey ?? '', 'base64url');
  return isRecordId(id) && key.length === 32 ? { id, key: new Uint8Array(key) as DataKey } : undefined;
}

export function encodeDraft(draft: Draft | undefined): { id: string; key: string } | undefined {
  return draft && { id: draft.id, key: Buffer.from(draft.key).toString('base64url') };
}

export interface ReadOptions {
  db: Db;
  t: Translate;
  limits: AttachmentLimits;
  /** Verifies the form token (MAC and expiry) as soon as it arrives, before any file is stored. */
  tokenIsGenuine(token: string): boolean;
}

export async function readUploadForm(request: FastifyRequest, options: ReadOptions): Promise<UploadForm> {
  const { db, t, limits } = options;
  const fields: Record<string, string> = {};
  const keep = new Set<string>();
  const fileErrors: string[] = [];
  const maxMb = Math.round((limits.maxBytes / 1024 / 1024) * 10) / 10;
  let draft: Draft | undefined;
  let uploaded = 0;
  let refused = false;
  let broken = false;
  try {
    const parts = request.parts({
      limits: { fileSize: limits.maxBytes + 1, files: limits.maxFiles + 2, fields: 60, fieldSize: 200_000, parts: limits.maxFiles + 64 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        const value = typeof part.value === 'string' ? part.value : '';
        // The parser already turned invalid UTF-8 into replacement characters; a NUL byte it keeps.
        if (!isReadableString(value) || !isReadableString(part.fieldname)) throw new HttpError(400, 'error.unreadableInput');
        if (part.fieldname === 'keepFile') keep.add(value);
        else fields[part.fieldname] = value;
        if (part.fieldname === 'formToken' && !options.tokenIsGenuine(value)) refused = true;
        continue;
      }
      // An empty file input still sends a part without a name; a file before the token is not trusted.
      if (!part.filename || refused || fields.formToken === undefined) {
        part.file.resume();
        continue;
      }
      if (uploaded >= limits.maxFiles) {
        part.file.resume();
        fileErrors.push(t('intake.tooManyFiles', { max: limits.maxFiles }));
        continue;
      }
      draft ??= draftFromFields(fields) ?? { id: crypto.randomUUID(), key: new Uint8Array(crypto.randomBytes(32)) as DataKey };
      const stored = await storeDraftFile(db, { draftId: draft.id, draftKey: draft.key, filename: part.filename, source: part.file, limits: { maxBytes: limits.maxBytes } });
      part.file.resume();
      if (stored.ok) {
        uploaded += 1;
        keep.add(stored.file.id);
        continue;
      }
      const name = part.filename.slice(0, 100);
      const messageKey = { type: 'intake.fileType', size: 'intake.fileSize', empty: 'intake.fileEmpty', unreadable: 'intake.fileUnreadable' } as const;
      fileErrors.push(t(messageKey[stored.reason], { name, max: maxMb }));
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    // Too many parts or fields: keep what was read, say what went wrong; anything else is a broken body.
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') fileErrors.push(t('intake.tooManyFiles', { max: limits.maxFiles }));
    else if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || isBrokenBody(error as Error)) broken = true;
    else throw error;
  }
  if (refused) return { fields, heldFiles: [], draft: undefined, fileErrors, refused, broken };
  draft ??= draftFromFields(fields);
  let heldFiles: HeldFile[] = [];
  if (draft) {
    const all = await listDraftFiles(db, draft.id, draft.key);
    for (const file of all.filter((f) => !keep.has(f.id))) await removeDraftFile(db, draft.id, file.id);
    heldFiles = all.filter((f) => keep.has(f.id));
    if (heldFiles.length > limits.maxFiles && !fileErrors.length) fileErrors.push(t('intake.tooManyFiles', { max: limits.maxFiles }));
  }
  return { fields, heldFiles, draft: heldFiles.length > 0 ? draft : undefined, fileErrors, refused, broken };
}
