/** The action plan: next steps turned into actions with an owner and a due date, and their status as they are followed up. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { assessmentActions } from '../schema.ts';
import type { Outcome } from './running.ts';

export const actionStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export interface NewAction {
  dimensionCode: string;
  title: string;
  ownerId: string;
  dueOn: string;
}

export async function createAction(db: Db, actorId: string, assessmentId: string, action: NewAction): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(assessmentActions).values({ assessmentId, ...action, createdBy: actorId }).returning({ id: assessmentActions.id });
    await recordAudit(tx, { actorId, action: 'assessment.action_created', subjectType: 'assessment', subjectId: assessmentId, details: { actionId: row!.id, dimension: action.dimensionCode, ownerId: action.ownerId, dueOn: action.dueOn } });
    return row!.id;
  });
}

export async function updateActionStatus(db: Db, actorId: string, assessmentId: string, actionId: string, status: ActionStatus): Promise<Outcome<object, 'not_found'>> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(assessmentActions)
      .set({ status, updatedAt: sql`now()` })
      .where(and(eq(assessmentActions.id, actionId), eq(assessmentActions.assessmentId, assessmentId)))
      .returning({ id: assessmentActions.id });
    if (updated.length === 0) return { ok: false as const, reason: 'not_found' as const };
    await recordAudit(tx, { actorId, action: 'assessment.action_updated', subjectType: 'assessment', subjectId: assessmentId, details: { actionId, status } });
    return { ok: true as const };
  });
}
