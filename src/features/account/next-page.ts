/** The page a sign-in leads back to, only a page of this app and never another site (platform/http/redirect-target.ts), and the query of every account page that carries it. */
import { z } from 'zod';
import { noticeName, query } from '../../platform/http/route-schemas.ts';
import { safeRedirectTarget, type KnownPages } from '../../platform/http/redirect-target.ts';

export function safeNext(value: unknown, pages: KnownPages): string {
  return safeRedirectTarget(value, pages, '/');
}

/**
 * The query of every account page: where to go after signing in (checked against our own pages by
 * safeNext) and a notice after a redirect. Checked before the handler (route-schemas.ts); other fields,
 * such as the provider's answer to an OIDC sign-in, are kept for their own route.
 */
export const accountQuery = query({ next: z.unknown().optional(), notice: noticeName(['signedOut', 'expired', 'passwordChanged']) });
