/** Decorates each request with its language and translator, and builds the view context pages render with. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { defaultLanguage, isLanguage, languageFromAcceptHeader, type Language } from '../i18n/languages.ts';
import { translator, type Translate } from '../i18n/translate.ts';
import { actorOf, type Actor } from '../auth/policy.ts';
import { HttpError } from './errors.tsx';
import { rawQueryValue } from './route-schemas.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Language;
    t: Translate;
  }
  interface FastifyInstance {
    navigationOf: NavigationOf;
  }
}

/**
 * What the signed-in user's navigation offers. Its fields are declared by src/navigation.ts (declaration
 * merging), which asks each feature's policy.ts, so a link is shown exactly when the policy lets it in.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Navigation {}
export type NavigationOf = (actor: Actor) => Navigation;

const languageCookie = 'ib_lang';

/** The reporting point: no cookie is set there until a reporter signs in with a receipt code. The public figures set none at all. */
export function isCookieFreePath(url: string): boolean {
  return url === '/report' || url.startsWith('/report/') || url.startsWith('/report?') || url === '/figures' || url.startsWith('/figures/') || url.startsWith('/figures?');
}

export function registerRequestContext(
  app: FastifyInstance,
  options: { cookieSecure: boolean; installationLanguage: () => Language | undefined; navigationOf: NavigationOf },
) {
  app.decorate('navigationOf', options.navigationOf);
  app.decorateRequest('lang', defaultLanguage);
  app.decorateRequest('t', translator(defaultLanguage));
  app.addHook('onRequest', async (request, reply) => {
    const asked = rawQueryValue(request, 'lang');
    const fromCookie = request.cookies[languageCookie];
    const lang =
      (isLanguage(asked) ? asked : undefined) ??
      (isLanguage(fromCookie) ? fromCookie : undefined) ??
      languageFromAcceptHeader(request.headers['accept-language']) ??
      options.installationLanguage() ??
      defaultLanguage;
    request.lang = lang;
    request.t = translator(lang);
    if (asked === undefined) return;
    if (!isLanguage(asked)) throw new HttpError(400, 'error.unknownLanguage');
    // The reporting point sets no cookie before a receipt sign-in: there the language travels in the URL.
    if (isCookieFreePath(request.url)) return;
    reply.setCookie(languageCookie, asked, {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      secure: options.cookieSecure,
      maxAge: 365 * 24 * 3600,
    });
  });
}

/** Remembers a signed-in user's language choice in the same cookie the switcher uses. */
export function rememberLanguage(reply: FastifyReply, lang: Language, cookieSecure: boolean): void {
  reply.setCookie(languageCookie, lang, { path: '/', sameSite: 'lax', httpOnly: true, secure: cookieSecure, maxAge: 365 * 24 * 3600 });
}

/**
 * What a page renders with: language, translator, path, CSRF token and who is signed in. Its shape is
 * src/ui/context.ts's ViewContext, which every page checks it against; platform/ does not import ui/.
 */
export function viewContext(request: FastifyRequest, reply: FastifyReply) {
  let token: string | undefined;
  const auth = request.auth;
  const actor = actorOf(request);
  return {
    lang: request.lang,
    t: request.t,
    path: request.url.split('?')[0] ?? '/',
    csrfToken: () => (token ??= reply.generateCsrf()),
    user: auth?.stage === 'complete' && actor ? { displayName: auth.user.displayName, ...request.server.navigationOf(actor) } : undefined,
  };
}
