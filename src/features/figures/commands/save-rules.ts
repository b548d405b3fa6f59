/** Saves the disclosure-control settings (threshold and protection level) the coordinator chose. */
import type { Db } from '../../../platform/db/client.ts';
import { settings } from '../../../platform/db/schema.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { loadRules, rulesKey } from '../compute.ts';
import type { DisclosureRules } from '../disclosure/rules.ts';

export async function saveRules(db: Db, actorId: string, rules: DisclosureRules): Promise<void> {
  const before = await loadRules(db);
  await db.transaction(async (tx) => {
    const value = { threshold: rules.threshold, protectionLevel: rules.protectionLevel };
    await tx.insert(settings).values({ key: rulesKey, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
    await recordAudit(tx, { actorId, action: 'figures.settings_updated', subjectType: 'setting', subjectId: rulesKey, details: { before: { ...before }, after: value } });
  });
}
