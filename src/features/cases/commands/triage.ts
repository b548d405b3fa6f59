/**
 * Triage (ISO 37002 8.3): the procedure the case follows (a wellbeing matter reported as integrity goes
 * to the psychosocial route and vice versa; changing it needs a reason), its priority, and the risk of
 * retaliation with the protection measures agreed — those measures are encrypted in the timeline.
 */
import { eq } from 'drizzle-orm';
import type { DataKey } from '../../../platform/crypto/envelope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { brusselsDay } from '../../../platform/time/calendar.ts';
import { cases, inCaseTransaction, nextDeadline, procedures, type Milestones, type ProcedureCode } from '../../case-record/service.ts';
import { isTerminal, type CaseStatus } from '../lifecycle.ts';
import { applyCaseChange } from './case-change.ts';

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export const retaliationRisks = ['none', 'low', 'medium', 'high'] as const;

export interface TriageInput {
  caseId: string;
  version: number;
  procedure: ProcedureCode;
  priority: (typeof priorities)[number];
  retaliationRisk: (typeof retaliationRisks)[number];
  protectionMeasures: string;
  /** Required when the procedure changes. */
  reason: string;
}

export type TriageOutcome = { ok: true } | { ok: false; error: 'reason_required' | 'measures_required' | 'stale' | 'not_found' | 'closed' };

export async function triageCase(db: Db, actorId: string, dataKey: DataKey, input: TriageInput, now = new Date()): Promise<TriageOutcome> {
  return inCaseTransaction(db, async (tx): Promise<TriageOutcome> => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, input.caseId));
    if (!row) return { ok: false, error: 'not_found' };
    if (row.version !== input.version) return { ok: false, error: 'stale' };
    if (isTerminal(row.status as CaseStatus)) return { ok: false, error: 'closed' };
    const procedureChanged = row.procedure !== input.procedure;
    if (procedureChanged && input.reason.trim() === '') return { ok: false, error: 'reason_required' };
    // A medium or high risk of retaliation is only recorded together with what was agreed to protect the reporter.
    if ((input.retaliationRisk === 'medium' || input.retaliationRisk === 'high') && input.protectionMeasures.trim() === '') {
      return { ok: false, error: 'measures_required' };
    }
    const next = nextDeadline(procedures[input.procedure], row.milestones as Milestones);
    const body = [input.reason.trim(), input.protectionMeasures.trim()].filter(Boolean).join('\n\n');
    const applied = await applyCaseChange(tx, {
      caseId: row.id,
      version: input.version,
      actorId,
      dataKey,
      update: {
        procedure: input.procedure,
        priority: input.priority,
        retaliationRisk: input.retaliationRisk,
        triagedOn: row.triagedOn ?? brusselsDay(now),
        nextDueOn: next?.dueOn ?? null,
        nextDuty: next?.duty ?? null,
      },
      event: {
        kind: procedureChanged ? 'procedure' : 'triage',
        details: { procedure: input.procedure, previousProcedure: row.procedure, priority: input.priority, retaliationRisk: input.retaliationRisk },
        body: body || undefined,
      },
      audit: { action: 'case.triaged', details: { procedure: input.procedure, previousProcedure: row.procedure, priority: input.priority } },
    });
    return applied ? { ok: true } : { ok: false, error: 'stale' };
  });
}
