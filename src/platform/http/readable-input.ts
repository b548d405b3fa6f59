/**
 * Refuses at the edge what no page can use: NUL bytes and invalid UTF-8 in the path, the query or a form
 * field. PostgreSQL stores neither in text, so without this check such input surfaced as a database error
 * (a 500) deep inside whichever route first passed it to a query.
 */
import qs from 'node:querystring';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { defaultLanguage, languageFromAcceptHeader } from '../i18n/languages.ts';
import { translator } from '../i18n/translate.ts';
import { HttpError } from './errors.tsx';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * The bytes a percent-encoded text stands for. The text is taken as the request line carries it (each
 * character one byte, as Node reads it); a malformed escape such as `%A` stays literal, as browsers keep it.
 */
export function percentDecodedBytes(text: string): Uint8Array {
  const source = Buffer.from(text, 'latin1');
  const bytes = new Uint8Array(source.length);
  let length = 0;
  for (let i = 0; i < source.length; i++) {
    const byte = source[i]!;
    if (byte === 0x25 && i + 2 < source.length) {
      const high = hexValue(source[i + 1]!);
      const low = hexValue(source[i + 2]!);
      if (high >= 0 && low >= 0) {
        bytes[length++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    bytes[length++] = byte;
  }
  return bytes.subarray(0, length);
}

/** Whether bytes are valid UTF-8 without a NUL byte: text PostgreSQL can store and a page can show. */
export function isReadableBytes(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Whether a request target (path and query, still percent-encoded) decodes to readable text. */
export function isReadableTarget(target: string): boolean {
  // The common case, plain ASCII without escapes, needs no decoding at all.
  if (/^[\x21-\x24\x26-\x7e]*$/.test(target)) return true;
  return isReadableBytes(percentDecodedBytes(target));
}

/** Whether a decoded string (a field as a parser left it) holds no NUL character. */
export function isReadableString(value: string): boolean {
  return !value.includes('\u0000');
}

/** Whether every string in a parsed body (object, array or string, however nested) is readable. */
export function isReadableValue(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isReadableString(value);
  if (value === null || typeof value !== 'object' || depth > 20) return true;
  if (Buffer.isBuffer(value)) return true;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (!isReadableString(key) || !isReadableValue(inner, depth + 1)) return false;
  }
  return true;
}

/**
 * Parses an urlencoded form body after checking its bytes: repeated fields become arrays, values stay
 * strings, never nested objects. Invalid UTF-8 must be caught here, since the parser would silently turn
 * it into replacement characters.
 */
export function parseUrlencodedForm(body: string): qs.ParsedUrlQuery {
  if (!isReadableTarget(body)) throw new HttpError(400, 'error.unreadableInput');
  return qs.parse(body);
}

function refuseUnreadable(request: FastifyRequest): never {
  // This runs before the language is chosen from the query (which may be what is unreadable).
  request.lang = languageFromAcceptHeader(request.headers['accept-language']) ?? defaultLanguage;
  request.t = translator(request.lang);
  throw new HttpError(400, 'error.unreadableInput');
}

/**
 * The path and query are checked on every request before anything reads them; parsed bodies (urlencoded,
 * JSON and multipart fields attached to the body) before any handler runs. Multipart forms read part by
 * part check their fields where they read them (isReadableString).
 */
export function registerReadableInput(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!isReadableTarget(request.raw.url ?? '/')) refuseUnreadable(request);
  });
  app.addHook('preHandler', async (request) => {
    if (request.body !== undefined && !isReadableValue(request.body)) refuseUnreadable(request);
  });
}
