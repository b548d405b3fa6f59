/** Creates the draft of a year's publication: the year and the indicators it will show. */
import type { Db } from '../../../platform/db/client.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { IndicatorId } from '../indicators.ts';
import { figurePublications } from '../schema.ts';
import { eq } from 'drizzle-orm';

export type CreatePublicationResult = { ok: true; id: string } | { ok: false; reason: 'year_exists' };

export async function createPublication(db: Db, actorId: string, input: { year: number; indicators: IndicatorId[] }): Promise<CreatePublicationResult> {
  return db.transaction(async (tx): Promise<CreatePublicationResult> => {
    const [existing] = await tx.select({ id: figurePublications.id }).from(figurePublications).where(eq(figurePublications.year, input.year));
    if (existing) return { ok: false, reason: 'year_exists' };
    const [created] = await tx.insert(figurePublications).values({ year: input.year, indicators: input.indicators, createdBy: actorId }).returning({ id: figurePublications.id });
    await recordAudit(tx, { actorId, action: 'figures.publication_created', subjectType: 'figure_publication', subjectId: created!.id, details: { year: input.year, indicators: input.indicators } });
    return { ok: true, id: created!.id };
  });
}
