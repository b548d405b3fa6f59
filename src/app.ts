/** Builds the Fastify application from its parts; reads like a table of contents. */
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './platform/db/client.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { AddressLimitCounter, databaseRateLimitStore } from './platform/http/address-limits.ts';
import { collectKnownPages, type KnownPages } from './platform/http/redirect-target.ts';
import { isCookieFreePath, registerRequestContext } from './platform/http/request-context.ts';
import { answerFrameworkError, clientErrorAnswer, registerErrorPages } from './platform/http/errors.tsx';
import { errorPages } from './ui/error-page.tsx';
import { registerRouteSchemas } from './platform/http/route-schemas.ts';
import { parseUrlencodedForm, registerReadableInput } from './platform/http/readable-input.ts';
import { registerSessions } from './platform/auth/sessions.ts';
import { InstallationState } from './features/setup/service.ts';
import { health } from './features/health/routes.ts';
import { Readiness } from './features/health/readiness.ts';
import { setup } from './features/setup/routes.tsx';
import { account } from './features/account/routes.tsx';
import { admin } from './features/admin/routes.tsx';
import { home } from './features/home/routes.tsx';
import { reporting } from './features/reporting/routes.tsx';
import { casePages } from './features/cases/routes.tsx';
import { riskAnalysis } from './features/assessment/risk/routes.tsx';
import { assessment } from './features/assessment/routes.tsx';
import { figures } from './features/figures/routes.tsx';
import { figuresAdmin } from './features/figures/manage-routes.tsx';
import { createMailer, type Mailer } from './platform/mail/mailer.ts';
import { installMessages } from './messages.ts';
import { navigationOf } from './navigation.ts';

// Every feature's text, assembled by the registry beside this file, before anything renders a page.
installMessages();

export interface AppParts {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  /** Defaults to SMTP as configured; tests may pass their own transport's mailer. */
  mailer?: Mailer;
}

declare module 'fastify' {
  interface FastifyInstance {
    parts: AppParts & { installation: InstallationState; mailer: Mailer; knownPages: KnownPages; readiness: Readiness };
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildApp(parts: AppParts): Promise<FastifyInstance> {
  const { config, database } = parts;
  const app = Fastify({
    loggerInstance: parts.logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // A body must arrive within the request timeout, and a connection on which nothing moves is closed
    // (docs/operations.md explains the defaults). Node checks these every connectionsCheckingInterval.
    requestTimeout: config.timeouts.requestMs,
    connectionTimeout: config.timeouts.idleMs,
    http: { headersTimeout: Math.min(config.timeouts.requestMs, 30_000), connectionsCheckingInterval: Math.min(config.timeouts.requestMs, 30_000) / 2 },
    clientErrorHandler: clientErrorAnswer(errorPages),
    frameworkErrors: answerFrameworkError,
  });
  const installation = new InstallationState(database.db);
  const mailer = parts.mailer ?? createMailer(config.smtpUrl, config.mailFrom, parts.logger);
  // Before any route: the app's own pages are the only places a sign-in may lead back to.
  const knownPages = collectKnownPages(app);
  const readiness = new Readiness(database, parts.logger);
  app.decorate('parts', { ...parts, installation, mailer, knownPages, readiness });
  // Once the process drains for a shutdown, every answer closes its connection, so no client sends another
  // request on a connection the server is about to close (docs/operations.md, stopping).
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (readiness.isDraining) reply.header('connection', 'close');
    done(null, payload);
  });

  await registerSecurityHeaders(app);
  await app.register(cookie);
  registerReadableInput(app);
  // Repeated fields become arrays; bodies stay strings, never nested objects.
  await app.register(formbody, { parser: parseUrlencodedForm });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'ib_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: config.cookieSecure },
  });
  // Counted in the database so every process sees one count; the secret that hashes addresses stays in memory.
  const rateLimitSecret = config.rateLimitSecret ? Buffer.from(config.rateLimitSecret, 'utf8') : crypto.randomBytes(32);
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(new AddressLimitCounter(database, rateLimitSecret)) });
  registerRequestContext(app, { cookieSecure: config.cookieSecure, installationLanguage: () => installation.defaultLanguage(), navigationOf });
  registerSessions(app, database.db, {
    idleMs: config.sessionIdleMs,
    absoluteMs: config.sessionAbsoluteMs,
    cookieSecure: config.cookieSecure,
  });
  // Every state-changing request carries a valid CSRF token. The reporting point sets no cookie, so its
  // forms carry single-use signed tokens of their own instead (features/reporting/form-tokens.ts).
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    if (isCookieFreePath(request.url)) return done();
    app.csrfProtection(request, reply, done);
  });
  registerErrorPages(app, errorPages);
  registerRouteSchemas(app);
  // Until setup has run, every page leads to the setup page.
  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/setup' || path.startsWith('/assets/') || path === '/healthz' || path === '/readyz') return;
    if (!(await installation.isInstalled())) return reply.redirect('/setup', 303);
  });

  // Our styles and the generated subset of the NL Design System CSS (src/ui/styles/utrecht.css),
  // compressed. Only here: pages are never compressed, since they carry tokens beside reflected input (BREACH).
  await app.register(async (assets) => {
    await assets.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
    await assets.register(fastifyStatic, { root: path.join(root, 'src/ui/styles'), prefix: '/assets/', maxAge: '1h', allowedPath: (p) => p.endsWith('.css') });
  });

  await app.register(health);
  await app.register(setup);
  await app.register(account);
  await app.register(admin, { prefix: '/admin' });
  await app.register(home);
  // Reporter routes log server errors only: a request line's time would be the report's arrival time.
  await app.register(reporting, { prefix: '/report', logLevel: 'error' });
  // The handler's pages moved to /cases; old bookmarks follow.
  app.get('/handling', (_request, reply) => reply.redirect('/cases', 301));
  await app.register(casePages, { prefix: '/cases' });
  await app.register(riskAnalysis, { prefix: '/risk-analysis' });
  await app.register(assessment, { prefix: '/assessment' });
  // The public figures set no cookie; their back office lives apart, behind sign-in and CSRF.
  await app.register(figures, { prefix: '/figures' });
  await app.register(figuresAdmin, { prefix: '/figures-admin' });
  return app;
}
