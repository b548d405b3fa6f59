/**
 * Publishes a year: computes the protected snapshot once and stores it, never to be recomputed. A second
 * publication of the same year is a correction: it needs a reason and supersedes the version online.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { computePublication, yearState, type PublicationSnapshot } from '../compute.ts';
import { loadCommentary } from '../publications.ts';
import { figurePublications, figurePublicationVersions } from '../schema.ts';
import type { IndicatorId } from '../indicators.ts';

export type PublishResult = { ok: true; version: number } | { ok: false; reason: 'not_found' | 'year_not_over' | 'reason_required' };

export async function publishPublication(db: Db, actorId: string, input: { publicationId: string; reason: string; today: string }): Promise<PublishResult> {
  const [publication] = await db.select().from(figurePublications).where(eq(figurePublications.id, input.publicationId));
  if (!publication) return { ok: false, reason: 'not_found' };
  if (yearState(publication.year, input.today) !== 'closed') return { ok: false, reason: 'year_not_over' };
  const snapshot: PublicationSnapshot = await computePublication(db, {
    year: publication.year,
    indicators: publication.indicators as IndicatorId[],
    today: input.today,
    commentary: await loadCommentary(db, publication.id),
  });
  return db.transaction(async (tx): Promise<PublishResult> => {
    const [latest] = await tx.select().from(figurePublicationVersions).where(eq(figurePublicationVersions.publicationId, publication.id)).orderBy(desc(figurePublicationVersions.version)).limit(1);
    const reason = input.reason.trim();
    if (latest && !reason) return { ok: false, reason: 'reason_required' };
    const version = (latest?.version ?? 0) + 1;
    await tx
      .update(figurePublicationVersions)
      .set({ status: 'superseded', endedAt: new Date(), endReason: reason })
      .where(and(eq(figurePublicationVersions.publicationId, publication.id), eq(figurePublicationVersions.status, 'published')));
    await tx.insert(figurePublicationVersions).values({ publicationId: publication.id, version, status: 'published', snapshot, publishedBy: actorId, reason: latest ? reason : null });
    await recordAudit(tx, {
      actorId,
      action: latest ? 'figures.corrected' : 'figures.published',
      subjectType: 'figure_publication',
      subjectId: publication.id,
      details: { year: publication.year, version, reason: latest ? reason : undefined, tables: snapshot.tables.length },
    });
    return { ok: true, version };
  });
}
