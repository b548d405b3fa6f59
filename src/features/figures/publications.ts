/** Reads of the publications: drafts and their commentary for the coordinator, published versions for everyone. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { isLanguage } from '../../platform/i18n/languages.ts';
import type { Commentary, PublicationSnapshot } from './compute.ts';
import { figureCommentary, figurePublications, figurePublicationVersions } from './schema.ts';
import { entityScope, publicationScope } from './commands/save-commentary.ts';

export type Publication = typeof figurePublications.$inferSelect;

export interface VersionSummary {
  version: number;
  status: 'published' | 'superseded' | 'withdrawn';
  publishedAt: Date;
  reason: string | null;
  endedAt: Date | null;
  endReason: string | null;
}

async function commentaryOf(db: Db, scope: string): Promise<Commentary> {
  const found = await db.select().from(figureCommentary).where(eq(figureCommentary.scope, scope));
  const commentary: Record<string, Record<string, string>> = {};
  for (const row of found) {
    if (!isLanguage(row.language)) continue;
    (commentary[row.section] ??= {})[row.language] = row.body;
  }
  return commentary as Commentary;
}

export const loadCommentary = (db: Db, publicationId: string) => commentaryOf(db, publicationScope(publicationId));
export const loadEntityCommentary = (db: Db, entityId: string, year: number) => commentaryOf(db, entityScope(entityId, year));

export async function loadPublication(db: Db, id: string): Promise<Publication | undefined> {
  const [found] = await db.select().from(figurePublications).where(eq(figurePublications.id, id));
  return found;
}

const summaryColumns = {
  version: figurePublicationVersions.version,
  status: figurePublicationVersions.status,
  publishedAt: figurePublicationVersions.publishedAt,
  reason: figurePublicationVersions.reason,
  endedAt: figurePublicationVersions.endedAt,
  endReason: figurePublicationVersions.endReason,
};

export async function versionsOf(db: Db, publicationId: string): Promise<VersionSummary[]> {
  const found = await db.select(summaryColumns).from(figurePublicationVersions).where(eq(figurePublicationVersions.publicationId, publicationId)).orderBy(desc(figurePublicationVersions.version));
  return found as VersionSummary[];
}

/** Every publication, newest year first, with its versions (for the coordinator's list). */
export async function listPublications(db: Db): Promise<(Publication & { versions: VersionSummary[] })[]> {
  const publications = await db.select().from(figurePublications).orderBy(desc(figurePublications.year));
  return Promise.all(publications.map(async (p) => ({ ...p, versions: await versionsOf(db, p.id) })));
}

/** The years the public may open: those with at least one version, published or not any more. */
export async function publicYears(db: Db): Promise<{ year: number; versions: VersionSummary[] }[]> {
  const publications = await db.select({ id: figurePublications.id, year: figurePublications.year }).from(figurePublications).orderBy(desc(figurePublications.year));
  if (publications.length === 0) return [];
  const versions = await db
    .select({ publicationId: figurePublicationVersions.publicationId, ...summaryColumns })
    .from(figurePublicationVersions)
    .where(inArray(figurePublicationVersions.publicationId, publications.map((p) => p.id)))
    .orderBy(asc(figurePublicationVersions.version));
  return publications
    .map((p) => ({ year: p.year, versions: versions.filter((v) => v.publicationId === p.id).reverse() as VersionSummary[] }))
    .filter((p) => p.versions.length > 0);
}

/** A year's versions (newest first), without their snapshots: cheap enough for every public request. */
export async function publicVersionList(db: Db, year: number): Promise<{ publicationId: string; versions: VersionSummary[] } | undefined> {
  const [publication] = await db.select({ id: figurePublications.id }).from(figurePublications).where(eq(figurePublications.year, year));
  if (!publication) return undefined;
  const versions = await versionsOf(db, publication.id);
  return versions.length ? { publicationId: publication.id, versions } : undefined;
}

export async function loadSnapshot(db: Db, publicationId: string, version: number): Promise<PublicationSnapshot | undefined> {
  const [row] = await db
    .select({ snapshot: figurePublicationVersions.snapshot })
    .from(figurePublicationVersions)
    .where(and(eq(figurePublicationVersions.publicationId, publicationId), eq(figurePublicationVersions.version, version)));
  return row?.snapshot as PublicationSnapshot | undefined;
}
