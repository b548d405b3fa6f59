/**
 * Single sign-on through the organisation's OpenID Connect provider (authorization code flow with PKCE,
 * state and nonce), and the unlock passphrase that OIDC users choose to seal their key pair under.
 */
import * as oidcClient from 'openid-client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OidcConfig } from '../../config.ts';
import { requireSignedIn } from '../../platform/auth/guards.ts';
import { createSession, destroySession, setSessionCookie, type SessionPolicy } from '../../platform/auth/sessions.ts';
import { parseForm, type FieldErrors } from '../../platform/http/forms.ts';
import { sendErrorPage } from '../../platform/http/errors.tsx';
import { viewContext } from '../../platform/http/request-context.ts';
import type { ViewContext } from '../../ui/context.ts';
import { Form, PageHeading, TextField } from '../../ui/form.tsx';
import { Layout } from '../../ui/layout.tsx';
import { render } from '../../ui/render.tsx';
import {
  beginOidcLogin,
  minimumPassphraseLength,
  needsUnlockPassphrase,
  oidcLoginMinutes,
  signInWithOidc,
  takeOidcLogin,
  type OidcIdentity,
  type OidcLoginChecks,
} from './oidc-service.ts';
import { setUnlockPassphrase } from './commands/set-unlock-passphrase.ts';
import { mayOnOwnAccount } from './own-account.ts';
import { accountQuery, safeNext } from './next-page.ts';

/** The cookie that binds a sign-in under way to the browser that started it. */
const loginCookie = 'ib_oidc';
const loginCookiePath = '/sign-in/oidc';

/** As for password sign-in: attempts per client address per minute, counted in memory only. */
const authRateLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };

/** Plain http is only acceptable for a provider on this machine (development and tests). */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

const passphraseForm = z
  .object({
    passphrase: z.string().min(minimumPassphraseLength, 'unlock.tooShort').max(1000, 'form.tooLong'),
    passphraseRepeat: z.string(),
  })
  .refine((form) => form.passphrase === form.passphraseRepeat, { path: ['passphraseRepeat'], message: 'unlock.differ' });

/** Discovers the provider on first use and keeps the result; a failed discovery is retried next time. */
function providerDiscovery(oidc: OidcConfig): () => Promise<oidcClient.Configuration> {
  let discovered: Promise<oidcClient.Configuration> | undefined;
  return () => {
    discovered ??= discover(oidc).catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };
}

function discover(oidc: OidcConfig): Promise<oidcClient.Configuration> {
  const issuer = new URL(oidc.issuer);
  const insecureLoopback = issuer.protocol === 'http:' && loopbackHosts.has(issuer.hostname);
  return oidcClient.discovery(issuer, oidc.clientId, { client_secret: oidc.clientSecret }, oidcClient.ClientSecretBasic(oidc.clientSecret), {
    timeout: 10,
    execute: insecureLoopback ? [oidcClient.allowInsecureRequests] : [],
  });
}

/** Network failures and timeouts: the provider is down, not the user's sign-in wrong. */
function isUnreachable(error: unknown): boolean {
  if (error instanceof TypeError) return true; // fetch failed
  const code = error instanceof oidcClient.ClientError ? error.code : undefined;
  return code === 'OAUTH_TIMEOUT' || code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON';
}

/** What an operator needs to know about a failed exchange with the provider; it holds no personal data. */
function failure(error: unknown): { code: string; message: string | undefined } {
  const message = error instanceof Error ? error.message : undefined;
  if (error instanceof oidcClient.AuthorizationResponseError || error instanceof oidcClient.ResponseBodyError) return { code: error.error, message };
  if (error instanceof oidcClient.ClientError) return { code: error.code ?? 'client_error', message };
  return { code: error instanceof Error ? error.name : 'unknown', message };
}

/** Redeems the code and reads who signed in; the address comes from the ID token, else from userinfo. */
async function identify(configuration: oidcClient.Configuration, callbackUrl: URL, checks: OidcLoginChecks): Promise<OidcIdentity> {
  const tokens = await oidcClient.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('The provider returned no ID token.');
  let email: unknown = claims.email;
  let verified: unknown = claims.email_verified;
  if (email === undefined) {
    const userInfo = await oidcClient.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    email = userInfo.email;
    verified = userInfo.email_verified;
  }
  return {
    subject: claims.sub,
    email: typeof email === 'string' ? email : undefined,
    // Some providers send the flag as a string.
    emailVerified: verified === true || verified === 'true',
  };
}

export async function oidcSignIn(app: FastifyInstance, options: { oidc: OidcConfig }): Promise<void> {
  const { database, config, knownPages } = app.parts;
  const db = database.db;
  const policy: SessionPolicy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs, cookieSecure: config.cookieSecure };
  const redirectUri = `${config.baseUrl}/sign-in/oidc/callback`;
  const provider = providerDiscovery(options.oidc);

  const queryOf = (request: FastifyRequest) => accountQuery.parse(request.query);

  function clearLoginCookie(reply: FastifyReply) {
    reply.clearCookie(loginCookie, { path: loginCookiePath, httpOnly: true, secure: config.cookieSecure, sameSite: 'lax' });
  }

  app.post('/sign-in/oidc', { config: authRateLimit }, async (request, reply) => {
    let configuration: oidcClient.Configuration;
    try {
      configuration = await provider();
    } catch (error) {
      request.log.warn(failure(error), 'OIDC provider discovery failed');
      return sendErrorPage(request, reply, 503, 'oidc.unavailable');
    }
    const { browserToken, checks } = await beginOidcLogin(db, safeNext(queryOf(request).next, knownPages));
    const authorizationUrl = oidcClient.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidcClient.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      ui_locales: request.lang,
    });
    // SameSite=Lax: the provider sends the browser back with a top-level GET, which carries Lax cookies.
    reply.setCookie(loginCookie, browserToken, {
      path: loginCookiePath,
      httpOnly: true,
      secure: config.cookieSecure,
      sameSite: 'lax',
      maxAge: oidcLoginMinutes * 60,
    });
    // Not a 303: Chrome and Safari apply the sign-in page's CSP form-action 'self' to redirects that follow a
    // form post, and would block the way to the provider. A Refresh header is a new navigation, not a post.
    reply.header('Refresh', `0; url=${authorizationUrl.href}`);
    return render(reply, <RedirectPage ctx={viewContext(request, reply)} href={authorizationUrl.href} />);
  });

  app.get('/sign-in/oidc/callback', { config: authRateLimit }, async (request, reply) => {
    const browserToken = request.cookies[loginCookie];
    clearLoginCookie(reply);
    const checks = browserToken ? await takeOidcLogin(db, browserToken) : undefined;
    if (!checks) return sendErrorPage(request, reply, 400, 'oidc.expired');

    let identity: OidcIdentity;
    try {
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      identity = await identify(await provider(), new URL(`${redirectUri}${search}`), checks);
    } catch (error) {
      const unreachable = isUnreachable(error);
      request.log.warn(failure(error), unreachable ? 'OIDC provider unreachable' : 'OIDC sign-in response refused');
      return sendErrorPage(request, reply, unreachable ? 503 : 400, unreachable ? 'oidc.unavailable' : 'oidc.failed');
    }

    const result = await signInWithOidc(db, identity);
    if (!result.ok) {
      request.log.info({ reason: result.reason }, 'OIDC sign-in refused');
      return sendErrorPage(request, reply, 403, result.reason === 'disabled' ? 'oidc.disabled' : 'oidc.noAccount');
    }
    // A fresh session token at sign-in, so a token seen before is worthless after it.
    if (request.auth) await destroySession(db, request.auth.tokenHash);
    const stage = result.needsSecondFactor ? 'password' : 'complete';
    setSessionCookie(reply, await createSession(db, result.userId, stage, policy), policy);
    const next = encodeURIComponent(checks.next);
    if (result.needsSecondFactor) return reply.redirect(`/sign-in/two-factor?next=${next}`, 303);
    if (await needsUnlockPassphrase(db, result.userId)) return reply.redirect(`/account/unlock-passphrase?next=${next}`, 303);
    return reply.redirect(checks.next, 303);
  });

  app.register(async (signedIn) => {
    signedIn.addHook('preHandler', requireSignedIn);

    signedIn.get('/account/unlock-passphrase', async (request, reply) => {
      if (!(await mayOnOwnAccount(db, request, 'set_unlock_passphrase'))) return reply.redirect('/account', 303);
      return render(reply, <UnlockPassphrasePage ctx={viewContext(request, reply)} next={safeNext(queryOf(request).next, knownPages)} />);
    });

    signedIn.post('/account/unlock-passphrase', { config: authRateLimit }, async (request, reply) => {
      if (!(await mayOnOwnAccount(db, request, 'set_unlock_passphrase'))) return reply.redirect('/account', 303);
      const next = safeNext(queryOf(request).next, knownPages);
      const form = parseForm(passphraseForm, request.body, request.t);
      if (!form.ok) return render(reply, <UnlockPassphrasePage ctx={viewContext(request, reply)} next={next} errors={form.errors} />, 400);
      const result = await setUnlockPassphrase(db, { userId: request.auth!.user.id }, form.data.passphrase);
      if (result.ok) return reply.redirect(next, 303);
      if (result.reason === 'notNeeded') return reply.redirect('/account', 303);
      const errors = { passphrase: request.t('unlock.tooShort', { min: minimumPassphraseLength }) };
      return render(reply, <UnlockPassphrasePage ctx={viewContext(request, reply)} next={next} errors={errors} />, 400);
    });
  });
}

function RedirectPage({ ctx, href }: { ctx: ViewContext; href: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('oidc.redirectTitle')}>
      <PageHeading title={t('oidc.redirectTitle')} intro={t('oidc.redirectBody')} />
      <p class="utrecht-paragraph">
        <a id="oidc-continue" class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={href}>
          {t('oidc.redirectContinue')}
        </a>
      </p>
    </Layout>
  );
}

function UnlockPassphrasePage({ ctx, next, errors }: { ctx: ViewContext; next: string; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('unlock.title')}>
      <PageHeading title={t('unlock.title')} intro={t('unlock.intro')} />
      <Form ctx={ctx} action={`/account/unlock-passphrase?next=${encodeURIComponent(next)}`} submitLabel={t('unlock.submit')} errors={errors}>
        <TextField
          name="passphrase"
          type="password"
          label={t('unlock.passphrase')}
          description={t('unlock.help', { min: minimumPassphraseLength })}
          errors={errors}
          autocomplete="new-password"
        />
        <TextField name="passphraseRepeat" type="password" label={t('unlock.repeat')} errors={errors} autocomplete="new-password" />
      </Form>
    </Layout>
  );
}
