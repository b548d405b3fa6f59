/** Commands on the reporting point's configurable parts: the landing page's texts and links, and the theme taxonomy. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { settings } from '../../../platform/db/schema.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { languages } from '../../../platform/i18n/languages.ts';
import { cases, defaultTaxonomy, loadTaxonomy, taxonomyKey, type Taxonomy } from '../../case-record/service.ts';
import { landingKey, type LandingSettings } from '../../reporting/service.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function storeSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  await tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}

/** Saves the external-channels text per language (an empty one falls back to the default) and the external links. */
export async function saveLandingSettings(db: Db, actorId: string | null, landing: LandingSettings): Promise<{ ok: true }> {
  // Only languages with text are kept, so "empty = default" holds whatever the form sent.
  const externalChannels = Object.fromEntries(
    languages.flatMap((language) => {
      const text = landing.externalChannels[language]?.trim();
      return text ? [[language, text]] : [];
    }),
  );
  const value: LandingSettings = { externalChannels, externalLinks: landing.externalLinks };
  return db.transaction(async (tx) => {
    await storeSetting(tx, landingKey, value);
    // Texts and links of the organisation, not personal data: the trail keeps what was published.
    await recordAudit(tx, { actorId, action: 'settings.landing_updated', subjectType: 'setting', subjectId: landingKey, details: { ...value } });
    return { ok: true as const };
  });
}

export type SaveTaxonomyResult = { ok: true } | { ok: false; reason: 'themes_in_use'; codes: string[] };

/**
 * Replaces the taxonomy (or, with 'defaults', goes back to the built-in one), refusing to drop a theme
 * that a case carries: its case would lose the name it is filed under.
 */
export async function saveTaxonomy(db: Db, actorId: string | null, next: Taxonomy | 'defaults'): Promise<SaveTaxonomyResult> {
  const taxonomy = next === 'defaults' ? defaultTaxonomy : next;
  const previous = await loadTaxonomy(db);
  return db.transaction(async (tx): Promise<SaveTaxonomyResult> => {
    const kept = new Set(taxonomy.themes.map((theme) => theme.code));
    const used = await tx.selectDistinct({ theme: cases.theme }).from(cases);
    const orphaned = used.map((row) => row.theme).filter((code) => !kept.has(code)).sort();
    if (orphaned.length > 0) return { ok: false, reason: 'themes_in_use', codes: orphaned };
    // Going back to the defaults removes the setting, so later improvements to the defaults apply too.
    if (next === 'defaults') await tx.delete(settings).where(eq(settings.key, taxonomyKey));
    else await storeSetting(tx, taxonomyKey, taxonomy);
    const before = new Set(previous.themes.map((theme) => theme.code));
    await recordAudit(tx, {
      actorId,
      action: 'settings.taxonomy_updated',
      subjectType: 'setting',
      subjectId: taxonomyKey,
      details: {
        reset: next === 'defaults',
        added: [...kept].filter((code) => !before.has(code)),
        removed: [...before].filter((code) => !kept.has(code)),
        themes: taxonomy.themes.length,
      },
    });
    return { ok: true };
  });
}
