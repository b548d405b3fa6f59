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
import { actorOf } from '../../platform/auth/policy.ts';
import { clearSessionCookie, createSession, destroySession, setSessionCookie, type SessionPolicy } from '../../platform/auth/sessions.ts';
import { totpQrSvg, totpUri } from '../../platform/auth/totp.ts';
import { render } from '../../ui/render.tsx';
import { changePassword } from './commands/change-password.ts';
import { signOut, signOutEverywhere } from './commands/sign-out.ts';
import { enableTwoFactor, renewRecoveryCodes } from './commands/two-factor.ts';
import { mayOnOwnAccount, ownAccount } from './own-account.ts';
import { accountOffers, can, type AccountAction } from './policy.ts';
import { pendingTotpSecret, signInWithPassword, unusedRecoveryCodeCount, verifySecondFactor } from './service.ts';
import { AccountPage, EnrolPage, PasswordPage, RecoveryCodesPage, SecondFactorPage, SignInPage } from './views.tsx';
import { oidcSignIn } from './oidc.tsx';
import { accountQuery, safeNext } from './next-page.ts';

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
const notices = {
  signedOut: 'signIn.signedOut',
  expired: 'signIn.expired',
  passwordChanged: 'password.changed',
} as const satisfies Record<string, MessageKey>;


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

  // Every account page's query is checked before its handler.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, querystring: route.schema?.querystring ?? accountQuery };
  });
  const queryOf = (request: FastifyRequest) => accountQuery.parse(request.query);

  const allowed = (request: FastifyRequest, action: AccountAction) => mayOnOwnAccount(db, request, action);

  /** Only our own notice names: `?notice=constructor` is no notice at all. */
  function noticeOf(request: FastifyRequest): MessageKey | undefined {
    const name = queryOf(request).notice;
    return name ? notices[name] : undefined;
  }

  app.get('/sign-in', async (request, reply) => {
    if (request.auth?.stage === 'complete') return reply.redirect(safeNext(queryOf(request).next, knownPages), 303);
    const notice = noticeOf(request);
    return render(reply, <SignInPage ctx={viewContext(request, reply)} next={safeNext(queryOf(request).next, knownPages)} notice={notice} oidcEnabled={oidcEnabled} />);
  });

  app.post('/sign-in', { config: authRateLimit }, async (request, reply) => {
    const next = safeNext(queryOf(request).next, knownPages);
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
    return render(reply, <SecondFactorPage ctx={viewContext(request, reply)} next={safeNext(queryOf(request).next, knownPages)} />);
  });

  app.post('/sign-in/two-factor', { config: authRateLimit }, async (request, reply) => {
    const auth = request.auth;
    if (auth?.stage !== 'password') return reply.redirect('/sign-in?notice=expired', 303);
    const next = safeNext(queryOf(request).next, knownPages);
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
    if (auth) await signOut(db, { userId: auth.user.id, tokenHash: auth.tokenHash });
    clearSessionCookie(reply, policy);
    return reply.redirect('/sign-in?notice=signedOut', 303);
  });

  if (config.oidc) app.register(oidcSignIn, { oidc: config.oidc });

  app.register(async (signedIn) => {
    signedIn.addHook('preHandler', requireSignedIn);

    signedIn.get('/account', async (request, reply) => {
      const auth = request.auth!;
      const account = await ownAccount(db, auth);
      if (!can(actorOf(request), 'view', account).allowed) throw new HttpError(403);
      const notice = noticeOf(request);
      const unusedCodes = auth.user.totpEnabled ? await unusedRecoveryCodeCount(db, auth.user.id) : 0;
      const offers = accountOffers(actorOf(request), account);
      return render(reply, <AccountPage ctx={viewContext(request, reply)} totpEnabled={auth.user.totpEnabled} offers={offers} unusedCodes={unusedCodes} notice={notice} />);
    });

    async function enrolPage(request: FastifyRequest, reply: FastifyReply, status = 200, invalid = false) {
      const auth = request.auth!;
      const secret = await pendingTotpSecret(db, auth.user.id);
      const qrSvg = await totpQrSvg(totpUri(secret, auth.user.email, request.t('layout.product')));
      const errors = invalid ? { code: request.t('enrol.invalid') } : undefined;
      return render(reply, <EnrolPage ctx={viewContext(request, reply)} secret={secret} qrSvg={qrSvg} errors={errors} />, status);
    }

    signedIn.get('/account/two-factor', async (request, reply) => {
      if (!(await allowed(request, 'enable_two_factor'))) return reply.redirect('/account', 303);
      return enrolPage(request, reply);
    });

    signedIn.post('/account/two-factor', { config: authRateLimit }, async (request, reply) => {
      if (!(await allowed(request, 'enable_two_factor'))) return reply.redirect('/account', 303);
      const auth = request.auth!;
      const form = parseForm(codeForm, request.body, request.t);
      const codes = form.ok ? await enableTwoFactor(db, { userId: auth.user.id }, form.data.code) : undefined;
      if (!codes) return enrolPage(request, reply, 400, true);
      return render(reply, <RecoveryCodesPage ctx={viewContext(request, reply)} codes={codes} />);
    });

    signedIn.post('/account/recovery-codes', async (request, reply) => {
      if (!(await allowed(request, 'renew_recovery_codes'))) throw new HttpError(400);
      const codes = await renewRecoveryCodes(db, { userId: request.auth!.user.id });
      return render(reply, <RecoveryCodesPage ctx={viewContext(request, reply)} codes={codes} />);
    });

    signedIn.get('/account/password', async (request, reply) => {
      if (!(await allowed(request, 'change_password'))) return reply.redirect('/account', 303);
      return render(reply, <PasswordPage ctx={viewContext(request, reply)} mustChange={request.auth!.user.mustChangePassword} />);
    });

    signedIn.post('/account/password', { config: authRateLimit }, async (request, reply) => {
      if (!(await allowed(request, 'change_password'))) return reply.redirect('/account', 303);
      const auth = request.auth!;
      const ctx = viewContext(request, reply);
      const form = parseForm(passwordForm, request.body, request.t);
      if (!form.ok) return render(reply, <PasswordPage ctx={ctx} mustChange={auth.user.mustChangePassword} errors={form.errors} />, 400);
      const result = await changePassword(db, { userId: auth.user.id }, form.data.current, form.data.password);
      if (!result.ok) {
        return render(reply, <PasswordPage ctx={ctx} mustChange={auth.user.mustChangePassword} errors={{ current: request.t('password.currentWrong') }} />, 400);
      }
      return reply.redirect('/account?notice=passwordChanged', 303);
    });

    signedIn.post('/account/sign-out-everywhere', async (request, reply) => {
      if (!(await allowed(request, 'sign_out_everywhere'))) throw new HttpError(403);
      await signOutEverywhere(db, { userId: request.auth!.user.id });
      clearSessionCookie(reply, policy);
      return reply.redirect('/sign-in?notice=signedOut', 303);
    });
  });
}
