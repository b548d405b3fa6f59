/** Routes for signing in and out, the second factor, and the user's own account. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseForm } from '../../platform/http/forms.ts';
import { HttpError } from '../../platform/http/errors.tsx';
import { rememberLanguage, viewContext } from '../../platform/http/request-context.ts';
import { isLanguage } from '../../platform/i18n/languages.ts';
import type { MessageKey } from '../../platform/i18n/catalog.ts';
import { minimumPasswordLength } from '../../platform/auth/passwords.ts';
import { requireSignedIn } from '../../platform/auth/guards.ts';
import { clearSessionCookie, createSession, destroyAllSessions, destroySession, setSessionCookie, type SessionPolicy } from '../../platform/auth/sessions.ts';
import { totpQrSvg, totpUri } from '../../platform/auth/totp.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { render } from '../../ui/render.tsx';
import {
  changePassword,
  confirmTotpEnrolment,
  pendingTotpSecret,
  renewRecoveryCodes,
  signInWithPassword,
  unusedRecoveryCodeCount,
  verifySecondFactor,
} from './service.ts';
import { AccountPage, EnrolPage, PasswordPage, RecoveryCodesPage, SecondFactorPage, SignInPage } from './views.tsx';
import { oidcSignIn } from './oidc.tsx';
import { safeNext } from './next-page.ts';

const signInForm = z.object({
  email: z.string().trim().min(1, 'form.required').max(320, 'form.tooLong'),
  password: z.string().min(1, 'form.required').max(1000, 'form.tooLong'),
});

const codeForm = z.object({ code: z.string().trim().min(1, 'form.required').max(20, 'form.tooLong') });

const passwordForm = z
  .object({
    current: z.string().min(1, 'form.required').max(1000, 'form.tooLong'),
    password: z.string().min(minimumPasswordLength, 'form.passwordTooShort').max(1000, 'form.tooLong'),
    passwordRepeat: z.string(),
  })
  .refine((form) => form.password === form.passwordRepeat, { path: ['passwordRepeat'], message: 'form.passwordsDiffer' });

/** Notices a redirect may ask for; anything else in the query is ignored. */
const notices: Record<string, MessageKey> = {
  signedOut: 'signIn.signedOut',
  expired: 'signIn.expired',
  passwordChanged: 'password.changed',
};

/** Limits on authentication attempts per client address; the address is held in memory only, never stored or logged. */
const authRateLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };

export async function account(app: FastifyInstance): Promise<void> {
  const { database, config, knownPages } = app.parts;
  const db = database.db;
  const policy: SessionPolicy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs, cookieSecure: config.cookieSecure };
  const oidcEnabled = config.oidc !== undefined;

  async function startSession(reply: FastifyReply, userId: string, stage: 'password' | 'complete', previous?: string) {
    // A fresh token at every step up, so a token seen before sign-in is worthless after it.
    if (previous) await destroySession(db, previous);
    setSessionCookie(reply, await createSession(db, userId, stage, policy), policy);
  }

  function query(request: FastifyRequest): Record<string, unknown> {
    return (request.query ?? {}) as Record<string, unknown>;
  }

  /** Only our own notice names: `?notice=constructor` must not reach the object's prototype. */
  function noticeOf(request: FastifyRequest): MessageKey | undefined {
    const name = query(request).notice;
    return typeof name === 'string' && Object.hasOwn(notices, name) ? notices[name] : undefined;
  }

  app.get('/sign-in', async (request, reply) => {
    if (request.auth?.stage === 'complete') return reply.redirect(safeNext(query(request).next, knownPages), 303);
    const notice = noticeOf(request);
    return render(reply, <SignInPage ctx={viewContext(request, reply)} next={safeNext(query(request).next, knownPages)} notice={notice} oidcEnabled={oidcEnabled} />);
  });

  app.post('/sign-in', { config: authRateLimit }, async (request, reply) => {
    const next = safeNext(query(request).next, knownPages);
    const ctx = viewContext(request, reply);
    const form = parseForm(signInForm, request.body, request.t);
    if (!form.ok) return render(reply, <SignInPage ctx={ctx} next={next} values={form.values} errors={form.errors} oidcEnabled={oidcEnabled} />, 400);
    const result = await signInWithPassword(db, form.data.email, form.data.password);
    if (!result.ok) {
      const message = request.t(result.reason === 'locked' ? 'signIn.locked' : 'signIn.invalid');
      return render(reply, <SignInPage ctx={ctx} next={next} values={form.values} errors={{ email: message }} oidcEnabled={oidcEnabled} />, result.reason === 'locked' ? 429 : 401);
    }
    await startSession(reply, result.userId, result.needsSecondFactor ? 'password' : 'complete', request.auth?.tokenHash);
    if (result.needsSecondFactor) return reply.redirect(`/sign-in/two-factor?next=${encodeURIComponent(next)}`, 303);
    return reply.redirect(next, 303);
  });

  app.get('/sign-in/two-factor', async (request, reply) => {
    if (request.auth?.stage !== 'password') return reply.redirect('/sign-in', 303);
    return render(reply, <SecondFactorPage ctx={viewContext(request, reply)} next={safeNext(query(request).next, knownPages)} />);
  });

  app.post('/sign-in/two-factor', { config: authRateLimit }, async (request, reply) => {
    const auth = request.auth;
    if (auth?.stage !== 'password') return reply.redirect('/sign-in?notice=expired', 303);
    const next = safeNext(query(request).next, knownPages);
    const ctx = viewContext(request, reply);
    const form = parseForm(codeForm, request.body, request.t);
    if (!form.ok) return render(reply, <SecondFactorPage ctx={ctx} next={next} errors={form.errors} />, 400);
    const result = await verifySecondFactor(db, auth.user.id, form.data.code);
    if (!result.ok) {
      const message = request.t(result.reason === 'locked' ? 'signIn.locked' : 'twoFactor.invalid');
      return render(reply, <SecondFactorPage ctx={ctx} next={next} errors={{ code: message }} />, result.reason === 'locked' ? 429 : 401);
    }
    await startSession(reply, auth.user.id, 'complete', auth.tokenHash);
    if (isLanguage(auth.user.language) && !request.cookies.ib_lang) rememberLanguage(reply, auth.user.language, config.cookieSecure);
    return reply.redirect(next, 303);
  });

  app.post('/sign-out', async (request, reply) => {
    const auth = request.auth;
    if (auth) {
      await destroySession(db, auth.tokenHash);
      await recordAudit(db, { actorId: auth.user.id, action: 'auth.sign_out', subjectType: 'user', subjectId: auth.user.id });
    }
    clearSessionCookie(reply, policy);
    return reply.redirect('/sign-in?notice=signedOut', 303);
  });

  if (config.oidc) app.register(oidcSignIn, { oidc: config.oidc });

  app.register(async (signedIn) => {
    signedIn.addHook('preHandler', requireSignedIn);

    signedIn.get('/account', async (request, reply) => {
      const auth = request.auth!;
      const notice = noticeOf(request);
      const unusedCodes = auth.user.totpEnabled ? await unusedRecoveryCodeCount(db, auth.user.id) : 0;
      return render(reply, <AccountPage ctx={viewContext(request, reply)} totpEnabled={auth.user.totpEnabled} unusedCodes={unusedCodes} notice={notice} />);
    });

    async function enrolPage(request: FastifyRequest, reply: FastifyReply, status = 200, invalid = false) {
      const auth = request.auth!;
      const secret = await pendingTotpSecret(db, auth.user.id);
      const qrSvg = await totpQrSvg(totpUri(secret, auth.user.email, request.t('layout.product')));
      const errors = invalid ? { code: request.t('enrol.invalid') } : undefined;
      return render(reply, <EnrolPage ctx={viewContext(request, reply)} secret={secret} qrSvg={qrSvg} errors={errors} />, status);
    }

    signedIn.get('/account/two-factor', async (request, reply) => {
      if (request.auth!.user.totpEnabled) return reply.redirect('/account', 303);
      return enrolPage(request, reply);
    });

    signedIn.post('/account/two-factor', { config: authRateLimit }, async (request, reply) => {
      const auth = request.auth!;
      if (auth.user.totpEnabled) return reply.redirect('/account', 303);
      const form = parseForm(codeForm, request.body, request.t);
      const codes = form.ok ? await confirmTotpEnrolment(db, auth.user.id, form.data.code) : undefined;
      if (!codes) return enrolPage(request, reply, 400, true);
      return render(reply, <RecoveryCodesPage ctx={viewContext(request, reply)} codes={codes} />);
    });

    signedIn.post('/account/recovery-codes', async (request, reply) => {
      const auth = request.auth!;
      if (!auth.user.totpEnabled) throw new HttpError(400);
      const codes = await renewRecoveryCodes(db, auth.user.id);
      return render(reply, <RecoveryCodesPage ctx={viewContext(request, reply)} codes={codes} />);
    });

    signedIn.get('/account/password', async (request, reply) =>
      render(reply, <PasswordPage ctx={viewContext(request, reply)} mustChange={request.auth!.user.mustChangePassword} />),
    );

    signedIn.post('/account/password', { config: authRateLimit }, async (request, reply) => {
      const auth = request.auth!;
      const ctx = viewContext(request, reply);
      const form = parseForm(passwordForm, request.body, request.t);
      if (!form.ok) return render(reply, <PasswordPage ctx={ctx} mustChange={auth.user.mustChangePassword} errors={form.errors} />, 400);
      const result = await changePassword(db, auth.user.id, form.data.current, form.data.password);
      if (!result.ok) {
        return render(reply, <PasswordPage ctx={ctx} mustChange={auth.user.mustChangePassword} errors={{ current: request.t('password.currentWrong') }} />, 400);
      }
      return reply.redirect('/account?notice=passwordChanged', 303);
    });

    signedIn.post('/account/sign-out-everywhere', async (request, reply) => {
      const auth = request.auth!;
      await destroyAllSessions(db, auth.user.id);
      await recordAudit(db, { actorId: auth.user.id, action: 'auth.sign_out_everywhere', subjectType: 'user', subjectId: auth.user.id });
      clearSessionCookie(reply, policy);
      return reply.redirect('/sign-in?notice=signedOut', 303);
    });
  });
}
