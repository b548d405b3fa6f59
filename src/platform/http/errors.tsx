/** Translated error pages for every failure, Fastify's own and the socket's included; a stack trace never reaches the browser. */
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../i18n/catalog.ts';
import { defaultLanguage, languageFromAcceptHeader, type Language } from '../i18n/languages.ts';
import { translator } from '../i18n/translate.ts';

/** An expected failure with the status to answer and, optionally, a sentence to show. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly messageKey?: MessageKey,
  ) {
    super(messageKey ?? `HTTP ${statusCode}`);
  }
}

/** The statuses the error page has words for; every other status is shown as the nearest of these. */
export type ErrorStatus = 400 | 403 | 404 | 413 | 429 | 500;

/** What one error page shows: its status, optionally a sentence, and where its language links point. */
export interface ErrorPageContent {
  status: ErrorStatus;
  messageKey?: MessageKey | undefined;
  /** The path the language links keep; '/' when the request's own path must not be echoed. */
  path?: string;
}

/**
 * Draws the error page as a complete HTML document. platform/ knows no view: src/app.ts passes the one of
 * src/ui/error-page.tsx.
 */
export interface ErrorPages {
  /** For a request being answered: in its language, for whoever is signed in. */
  forRequest(request: FastifyRequest, reply: FastifyReply, content: ErrorPageContent): string;
  /** Before there is a request to answer: only a language, read from the Accept-Language header. */
  beforeRequest(lang: Language, content: ErrorPageContent): string;
}

declare module 'fastify' {
  interface FastifyInstance {
    errorPages: ErrorPages;
  }
}

function pageStatus(status: number): ErrorStatus {
  if (status === 403 || status === 404 || status === 413 || status === 429) return status;
  if (status === 401) return 403;
  return status >= 500 ? 500 : 400;
}

/**
 * A request body that could not be read (cut off, a multipart form without or with an impossible boundary):
 * the sender's fault, answered 400. The multipart parser (busboy) throws these as plain errors without a
 * code, so their messages are the only thing to recognise them by.
 */
export function isBrokenBody(error: { message?: unknown; code?: unknown }): boolean {
  const message = typeof error.message === 'string' ? error.message : '';
  if (error.code === 'ECONNRESET' || error.code === 'ERR_STREAM_PREMATURE_CLOSE' || error.code === 'FST_PROTO_VIOLATION') return true;
  return /^(Multipart: Boundary not found|Boundary required|The needle cannot|Unexpected end of (multipart data|form)|Malformed|\w+ terminated early due to unexpected end of multipart data|aborted$)/.test(message);
}

/** The status to answer and the sentence to show for an error nobody caught. */
export function classifyError(error: { statusCode?: unknown; code?: unknown; message?: unknown }): { status: number; messageKey?: MessageKey } {
  const code = typeof error.code === 'string' ? error.code : '';
  if (code.startsWith('FST_CSRF')) return { status: 403 };
  if (error instanceof HttpError) return { status: error.statusCode, ...(error.messageKey ? { messageKey: error.messageKey } : {}) };
  // A header that cannot be sent (a redirect target with a newline or a character outside Latin-1).
  if (code === 'ERR_INVALID_CHAR' || code === 'ERR_HTTP_INVALID_HEADER_VALUE' || code === 'ERR_INVALID_HTTP_TOKEN') return { status: 400 };
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') return { status: 414, messageKey: 'error.tooLong' };
  if (code === 'FST_ERR_BAD_URL') return { status: 400, messageKey: 'error.unreadableInput' };
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return { status: 400, messageKey: 'error.brokenBody' };
  if (isBrokenBody(error)) return { status: 400, messageKey: 'error.brokenBody' };
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  return { status: status >= 400 && status < 600 ? status : 500 };
}

export interface ErrorPageOptions {
  /** Whether the language links may point at the request's path; never for a refused address. */
  echoPath?: boolean;
}

export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, messageKey?: MessageKey, options: ErrorPageOptions = {}) {
  const content: ErrorPageContent = { status: pageStatus(status), messageKey, ...(options.echoPath === false ? { path: '/' } : {}) };
  const html = request.server.errorPages.forRequest(request, reply, content);
  return reply
    .status(status === 401 ? 403 : status)
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(html);
}

/**
 * The security headers of an error page answered before any hook ran (so before helmet): it has no script,
 * loads only our style sheets, and may not be framed.
 */
const bareSecurityHeaders: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/** The error page as a complete HTTP response, for failures that happen before there is a request to answer. */
export function rawErrorResponse(errorPages: ErrorPages, status: 400 | 408 | 414 | 431, messageKey: MessageKey, acceptLanguage?: string): string {
  const lang = languageFromAcceptHeader(acceptLanguage) ?? defaultLanguage;
  const html = errorPages.beforeRequest(lang, { status: 400, messageKey, path: '/' });
  return [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
    'Content-Type: text/html; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(html)}`,
    'Cache-Control: no-store',
    ...Object.entries(bareSecurityHeaders).map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
    '',
    html,
  ].join('\r\n');
}

/**
 * Node's own refusals, before Fastify sees a request: headers too large (431), a body or headers that did not
 * arrive in time (408), a request line or header Node cannot parse (400). Answered with the error page,
 * never with a JSON body, then the connection is closed.
 */
export function clientErrorAnswer(errorPages: ErrorPages) {
  return function answerClientError(error: Error & { code?: string }, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    // When an answer is already on its way (a refusal sent before the body finished), a second one would corrupt it.
    const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (socket.writable && !answering) {
      const response =
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT'
          ? rawErrorResponse(errorPages, 408, 'error.timeout')
          : error.code === 'HPE_HEADER_OVERFLOW'
            ? rawErrorResponse(errorPages, 431, 'error.tooLong')
            : error.code === 'HPE_URI_OVERFLOW'
              ? rawErrorResponse(errorPages, 414, 'error.tooLong')
              : rawErrorResponse(errorPages, 400, 'error.400.body');
      socket.end(response);
    }
    socket.destroy();
  };
}

/** Fastify's refusals before routing (an undecodable or overlong path): the error page, never the URL. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.lang = languageFromAcceptHeader(request.headers['accept-language']) ?? defaultLanguage;
  request.t = translator(request.lang);
  const { status, messageKey } = classifyError(error);
  request.log.info({ code: error.code, status }, 'request refused');
  reply.headers(bareSecurityHeaders);
  return sendErrorPage(request, reply, status, messageKey, { echoPath: false });
}

/** Header values Node would refuse to send; checked before sending so a bad redirect target is a 400, not a 500. */
function unsendableHeaders(reply: FastifyReply): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    try {
      for (const single of ([] as unknown[]).concat(value)) http.validateHeaderValue(name, String(single));
    } catch {
      names.push(name);
    }
  }
  return names;
}

/** Answers every error that reaches Fastify with `errorPages`, which sendErrorPage uses too. */
export function registerErrorPages(app: FastifyInstance, errorPages: ErrorPages): void {
  app.decorate('errorPages', errorPages);
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const { status, messageKey } = classifyError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: (error as FastifyError).code, status }, 'request refused');
    if (status === 429 && reply.getHeader('retry-after') === undefined) reply.header('Retry-After', '60');
    // Headers set before the failure (a half-built redirect) must not go out with the error page.
    for (const name of unsendableHeaders(reply)) reply.removeHeader(name);
    reply.removeHeader('location');
    return sendErrorPage(request, reply, status, messageKey, { echoPath: status !== 400 && status !== 414 });
  });
  app.setNotFoundHandler((request, reply) => sendErrorPage(request, reply, 404));
  app.addHook('onSend', async (request, reply, payload) => {
    const unsendable = unsendableHeaders(reply);
    if (unsendable.length === 0) return payload;
    request.log.info({ headers: unsendable, status: 400 }, 'response header refused');
    for (const name of unsendable) reply.removeHeader(name);
    reply.removeHeader('location');
    // A stream (a file download) that will not be sent must still be closed.
    if (payload && typeof (payload as { destroy?: unknown }).destroy === 'function') (payload as { destroy(): void }).destroy();
    reply.code(400).type('text/html; charset=utf-8').header('Cache-Control', 'no-store');
    return errorPages.forRequest(request, reply, { status: 400, path: '/' });
  });
}
