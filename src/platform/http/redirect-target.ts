/**
 * Where a browser may be sent back to after signing in or unlocking: a page of this application, named
 * by a plain path, never another site. The app's pages are learnt from its own GET routes as they are
 * registered, so a new page is a valid target without a list to keep up to date.
 */
import type { FastifyInstance } from 'fastify';

/** The GET routes of the app as path patterns (`/cases/:caseId` → ['cases', ':caseId']). */
export class KnownPages {
  private readonly patterns: string[][] = [];
  private readonly urls: string[] = [];

  add(routeUrl: string): void {
    this.urls.push(routeUrl);
    this.patterns.push(segmentsOf(routeUrl));
  }

  /** The route URLs as registered (`/cases/:caseId`), for tests that visit every page. */
  routes(): readonly string[] {
    return this.urls;
  }

  /** Whether a decoded-as-sent path (`/cases/123`) is one of the app's pages. */
  includes(pathname: string): boolean {
    const segments = segmentsOf(pathname);
    return this.patterns.some((pattern) => matches(pattern, segments));
  }
}

function segmentsOf(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}

function matches(pattern: string[], segments: string[]): boolean {
  for (let index = 0; index < pattern.length; index += 1) {
    const part = pattern[index]!;
    // A wildcard takes the rest of the path (static files); a parameter takes one non-empty segment.
    if (part === '*') return true;
    const segment = segments[index];
    if (segment === undefined) return false;
    if (part.includes(':')) {
      if (segment === '') return false;
    } else if (part !== segment) return false;
  }
  return pattern.length === segments.length;
}

/** Collects the app's GET routes; call before any route is registered. */
export function collectKnownPages(app: FastifyInstance): KnownPages {
  const pages = new KnownPages();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('GET')) pages.add(route.url);
  });
  return pages;
}

// RFC 3986's characters for a path and a query (unreserved, sub-delims, ':', '@', '/', '?', and '%' for
// escapes). Everything else — controls, spaces, backslashes, '#', non-ASCII — is refused: browsers
// repair such URLs in ways of their own (a tab is dropped, so `/\t/evil` becomes `//evil`).
const urlCharacters = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/;
// Escapes of control characters and of the backslash: harmless to us, but only an attack would send them.
const suspiciousEscape = /%(?:[01][0-9a-f]|7f|5c)/i;
const wellFormedEscapes = /^(?:[^%]|%[0-9a-fA-F]{2})*$/;
const sameOriginProbe = 'http://same-origin.invalid';

/**
 * The target as a local path (`/cases/123?tab=notes`) when it is one of the app's pages, otherwise the
 * fallback. The value is parsed as a URL relative to this origin and must come out unchanged: no other
 * host, no scheme, no dot segments to resolve, nothing a browser would have to guess at.
 */
export function safeRedirectTarget(value: unknown, pages: KnownPages, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  if (!urlCharacters.test(value) || !wellFormedEscapes.test(value) || suspiciousEscape.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, sameOriginProbe);
  } catch {
    return fallback;
  }
  const local = `${url.pathname}${url.search}`;
  if (url.origin !== sameOriginProbe || local !== value) return fallback;
  return pages.includes(url.pathname) ? local : fallback;
}
