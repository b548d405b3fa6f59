/** Withdraws the version online; it stays in the public list of versions with the date and the reason. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { figurePublications, figurePublicationVersions } from '../schema.ts';

export type UnpublishResult = { ok: true } | { ok: false; reason: 'not_published' | 'reason_required' };

export async function unpublishPublication(db: Db, actorId: string, input: { publicationId: string; reason: string }): Promise<UnpublishResult> {
  const reason = input.reason.trim();
  if (!reason) return { ok: false, reason: 'reason_required' };
  return db.transaction(async (tx): Promise<UnpublishResult> => {
    const ended = await tx
      .update(figurePublicationVersions)
      .set({ status: 'withdrawn', endedAt: new Date(), endReason: reason })
      .where(and(eq(figurePublicationVersions.publicationId, input.publicationId), eq(figurePublicationVersions.status, 'published')))
      .returning({ version: figurePublicationVersions.version });
    if (ended.length === 0) return { ok: false, reason: 'not_published' };
    const [publication] = await tx.select({ year: figurePublications.year }).from(figurePublications).where(eq(figurePublications.id, input.publicationId));
    await recordAudit(tx, { actorId, action: 'figures.unpublished', subjectType: 'figure_publication', subjectId: input.publicationId, details: { year: publication?.year, version: ended[0]!.version, reason } });
    return { ok: true };
  });
}
