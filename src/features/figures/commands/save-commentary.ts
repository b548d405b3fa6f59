/** Saves the coordinator's commentary of a publication or of an entity's feedback; an emptied text is removed. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { figureCommentary } from '../schema.ts';

export interface CommentaryEntry {
  section: string;
  language: string;
  body: string;
}

export const publicationScope = (publicationId: string) => `publication:${publicationId}`;
export const entityScope = (entityId: string, year: number) => `entity:${entityId}:${year}`;

export async function saveCommentary(db: Db, actorId: string, scope: string, entries: CommentaryEntry[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const entry of entries) {
      const key = and(eq(figureCommentary.scope, scope), eq(figureCommentary.section, entry.section), eq(figureCommentary.language, entry.language));
      const body = entry.body.trim();
      if (!body) {
        await tx.delete(figureCommentary).where(key);
        continue;
      }
      await tx
        .insert(figureCommentary)
        .values({ scope, section: entry.section, language: entry.language, body, updatedBy: actorId })
        .onConflictDoUpdate({ target: [figureCommentary.scope, figureCommentary.section, figureCommentary.language], set: { body, updatedBy: actorId, updatedAt: new Date() } });
    }
    // The text itself is the coordinator's and not personal data, but the trail only needs what changed.
    await recordAudit(tx, { actorId, action: 'figures.commentary_saved', subjectType: 'figure_commentary', subjectId: scope, details: { sections: [...new Set(entries.filter((e) => e.body.trim()).map((e) => `${e.section}/${e.language}`))] } });
  });
}
