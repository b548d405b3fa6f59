/** The page a sign-in leads back to: only a page of this app, never another site (platform/http/redirect-target.ts). */
import { safeRedirectTarget, type KnownPages } from '../../platform/http/redirect-target.ts';

export function safeNext(value: unknown, pages: KnownPages): string {
  return safeRedirectTarget(value, pages, '/');
}
