/**
 * Retention (docs/law.md §1, Directive art. 18(1): kept no longer than necessary): how long a closed case
 * is kept, per procedure and per theme, counted from
 * the day it was closed. When the time is up and no legal hold stops it, the daily job deletes the case
 * with its content, files and keys; the anonymous statistical record stays for the figures.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { settings } from '../../platform/db/schema.ts';
import { addMonths, type IsoDate } from '../../platform/time/calendar.ts';
import type { ProcedureCode } from '../case-record/service.ts';

export interface RetentionPeriods {
  /** Years after closure, per procedure. */
  procedures: Record<ProcedureCode, number>;
  /** Years after closure for a theme; replaces the procedure's period (never below the legal minimum). */
  themes: Record<string, number>;
}

export const retentionKey = 'cases.retention';

/** The psychosocial prevention advisor's dossier is kept 20 years (docs/law.md §4, Codex welzijn op het werk, book I title 3). */
export const legalMinimumYears: Partial<Record<ProcedureCode, number>> = { psychosocial: 20 };

export const defaultRetention: RetentionPeriods = { procedures: { psychosocial: 20, integrity: 5, question: 1 }, themes: {} };

export interface RetainedCase {
  procedure: ProcedureCode;
  theme: string;
  /** Null while the case is open: an open case is never removed. */
  closedOn: string | null;
}

/** The years a case is kept after closure under these periods. Pure. */
export function retentionYears(c: Pick<RetainedCase, 'procedure' | 'theme'>, periods: RetentionPeriods): number {
  const chosen = periods.themes[c.theme] ?? periods.procedures[c.procedure] ?? defaultRetention.procedures[c.procedure];
  return Math.max(chosen, legalMinimumYears[c.procedure] ?? 0);
}

/** The first day the case may be removed (its closing day, so many years later), or null while open. Pure. */
export function retentionEndsOn(c: RetainedCase, periods: RetentionPeriods): IsoDate | null {
  if (!c.closedOn) return null;
  return addMonths(c.closedOn as IsoDate, 12 * retentionYears(c, periods));
}

export async function loadRetention(db: Db): Promise<RetentionPeriods> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, retentionKey));
  const stored = row?.value as Partial<RetentionPeriods> | undefined;
  return { procedures: { ...defaultRetention.procedures, ...stored?.procedures }, themes: { ...stored?.themes } };
}
