/**
 * Classification for the figures: the theme may be corrected (its domain follows it), the outcome and
 * the measures taken are recorded. These are the statistical record's fields, kept in clear by design.
 */
import { eq } from 'drizzle-orm';
import type { DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { cases, findTheme, inCaseTransaction, type Taxonomy } from '../../case-record/service.ts';
import { applyCaseChange } from './case-change.ts';

export const outcomes = ['founded', 'partly_founded', 'unfounded', 'not_investigated', 'answered'] as const;
export const measures = ['advice', 'mediation', 'training', 'disciplinary', 'criminal_referral', 'organisational', 'none'] as const;
export type Outcome = (typeof outcomes)[number];
export type Measure = (typeof measures)[number];

export interface Classification {
  caseId: string;
  version: number;
  theme: string;
  outcome: Outcome | null;
  measures: Measure[];
}

export type ClassifyOutcome = { ok: true } | { ok: false; error: 'unknown_theme' | 'none_with_others' | 'stale' | 'not_found' };

export async function classifyCase(db: Db, actorId: string, dataKey: DataKey, taxonomy: Taxonomy, input: Classification): Promise<ClassifyOutcome> {
  const theme = findTheme(taxonomy, input.theme);
  if (!theme) return { ok: false, error: 'unknown_theme' };
  // "None" means no measure was taken; it cannot stand beside one.
  if (input.measures.includes('none') && input.measures.length > 1) return { ok: false, error: 'none_with_others' };
  return inCaseTransaction(db, async (tx): Promise<ClassifyOutcome> => {
    const [row] = await tx.select({ theme: cases.theme, version: cases.version }).from(cases).where(eq(cases.id, input.caseId));
    if (!row) return { ok: false, error: 'not_found' };
    const applied = await applyCaseChange(tx, {
      caseId: input.caseId,
      version: input.version,
      actorId,
      dataKey,
      update: { theme: theme.code, domain: theme.domain, outcome: input.outcome, measures: [...input.measures].sort() },
      event: { kind: 'classification', details: { theme: theme.code, previousTheme: row.theme, outcome: input.outcome, measures: input.measures } },
      audit: { action: 'case.classified', details: { theme: theme.code, outcome: input.outcome } },
    });
    return applied ? { ok: true } : { ok: false, error: 'stale' };
  });
}
