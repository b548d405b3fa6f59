/** Translated error pages for every failure; a stack trace never reaches the browser. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../i18n/catalog.ts';
import { ErrorPage, type ErrorStatus } from '../../ui/error-page.tsx';
import { render } from '../../ui/render.tsx';
import { viewContext } from './request-context.ts';

/** An expected failure with the status to answer and, optionally, a sentence to show. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly messageKey?: MessageKey,
  ) {
    super(messageKey ?? `HTTP ${statusCode}`);
  }
}

function pageStatus(status: number): ErrorStatus {
  if (status === 403 || status === 404 || status === 413 || status === 429) return status;
  if (status === 401) return 403;
  return status >= 500 ? 500 : 400;
}

function statusOf(error: FastifyError | HttpError): number {
  const code = (error as FastifyError).code;
  if (typeof code === 'string' && code.startsWith('FST_CSRF')) return 403;
  const status = error.statusCode ?? 500;
  return status >= 400 && status < 600 ? status : 500;
}

export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, messageKey?: MessageKey) {
  const shown = pageStatus(status);
  return render(reply, <ErrorPage ctx={viewContext(request, reply)} status={shown} messageKey={messageKey} />, status === 401 ? 403 : status);
}

export function registerErrorPages(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const status = statusOf(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: (error as FastifyError).code, status }, 'request refused');
    const messageKey = error instanceof HttpError ? error.messageKey : undefined;
    if (status === 429 && reply.getHeader('retry-after') === undefined) reply.header('Retry-After', '60');
    return sendErrorPage(request, reply, status, messageKey);
  });
  app.setNotFoundHandler((request, reply) => sendErrorPage(request, reply, 404));
}
