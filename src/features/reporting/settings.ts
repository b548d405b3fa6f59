/** The reporting point's configurable parts (taxonomy, landing texts) and the reporter's page context. */
import { asc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/client.ts';
import { entities, settings } from '../../platform/db/schema.ts';
import type { Language } from '../../platform/i18n/languages.ts';
import { defaultTaxonomy, type Taxonomy } from './taxonomy.ts';
import type { EntityOption, LandingSettings, ReporterContext } from './view-models.ts';
import { rawQueryValue } from '../../platform/http/route-schemas.ts';

export const taxonomyKey = 'reporting.taxonomy';
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

export const loadTaxonomy = (db: Db) => setting(db, taxonomyKey, defaultTaxonomy);
export const loadLandingSettings = (db: Db) => setting(db, landingKey, defaultLanding);

/** The entity tree, depth-first, for a select list. */
export async function loadEntityOptions(db: Db): Promise<EntityOption[]> {
  const rows = await db.select({ id: entities.id, name: entities.name, parentId: entities.parentId }).from(entities).orderBy(asc(entities.name));
  const children = new Map<string | null, typeof rows>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const options: EntityOption[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const row of children.get(parentId) ?? []) {
      options.push({ id: row.id, name: row.name, depth });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 0);
  return options;
}

export function themeLabel(taxonomy: Taxonomy, code: string, lang: Language): string {
  return taxonomy.themes.find((theme) => theme.code === code)?.labels[lang] ?? code;
}

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
