/**
 * The kinds of attachment a case accepts, from a reporter or a handler, decided from the file's own
 * bytes — never from the name or Content-Type the browser sent, which anyone can set to anything.
 */

export type AttachmentKind = 'jpeg' | 'png' | 'webp' | 'pdf' | 'text';

export interface AttachmentType {
  kind: AttachmentKind;
  mediaType: string;
  /** Used only to name a file that arrived without a usable name. */
  extension: string;
}

/** How many leading bytes the sniffing needs (file-type's own recommended sample size). */
export const sniffLength = 4100;

const byMediaType: Record<string, AttachmentType> = {
  'image/jpeg': { kind: 'jpeg', mediaType: 'image/jpeg', extension: 'jpg' },
  'image/png': { kind: 'png', mediaType: 'image/png', extension: 'png' },
  'image/webp': { kind: 'webp', mediaType: 'image/webp', extension: 'webp' },
  'application/pdf': { kind: 'pdf', mediaType: 'application/pdf', extension: 'pdf' },
};

export const plainText: AttachmentType = { kind: 'text', mediaType: 'text/plain; charset=utf-8', extension: 'txt' };

/**
 * The accepted type of a file from its first bytes, or undefined when it is none of them.
 * `complete` says the head is the whole file, so a multi-byte character cut off at its end is an error.
 */
export async function sniffAttachmentType(head: Uint8Array, complete: boolean): Promise<AttachmentType | undefined> {
  // file-type is imported with the first attachment, not at start-up.
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(head);
  if (detected) return byMediaType[detected.mime];
  return looksLikeText(head, complete) ? plainText : undefined;
}

/** Valid UTF-8 without NUL bytes: what an editor's plain-text file is, and what no binary format is. */
export function looksLikeText(bytes: Uint8Array, complete: boolean): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** Checks a whole text file as it streams past: the head alone does not prove the rest is text. */
export class TextValidator {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  /** False once the bytes so far are not valid UTF-8 or contain a NUL. */
  accept(chunk: Uint8Array): boolean {
    if (chunk.includes(0)) return false;
    try {
      this.decoder.decode(chunk, { stream: true });
      return true;
    } catch {
      return false;
    }
  }

  /** False when the file ends inside a multi-byte character. */
  end(): boolean {
    try {
      this.decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}
