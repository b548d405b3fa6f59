/** The reporting point's configurable landing texts and the reporter's page context. */
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/client.ts';
import { settings } from '../../platform/db/schema.ts';
import type { LandingSettings, ReporterContext } from './view-models.ts';
import { rawQueryValue } from '../../platform/http/route-schemas.ts';

export const landingKey = 'reporting.landing';

/** For the Flemish administration; administrators change it for their own government. */
export const defaultLanding: LandingSettings = {
  externalChannels: {},
  externalLinks: [{ label: 'Vlaamse Ombudsdienst', url: 'https://www.vlaamseombudsdienst.be' }],
};

async function setting<T>(db: Db, key: string, fallback: T): Promise<T> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return (row?.value as T | undefined) ?? fallback;
}

export const loadLandingSettings = (db: Db) => setting(db, landingKey, defaultLanding);

/** The language travels in the URL when the reporter chose one, since no cookie may remember it. */
export function reporterContext(request: FastifyRequest): ReporterContext {
  const chosen = rawQueryValue(request, 'lang') !== undefined;
  const lang = request.lang;
  return {
    lang,
    t: request.t,
    path: request.url.split('?')[0] ?? '/report',
    url: (path) => (chosen ? `${path}${path.includes('?') ? '&' : '?'}lang=${lang}` : path),
  };
}
