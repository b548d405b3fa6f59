/** Tasks on a case: a title (encrypted), an assignee among the case's key holders, a due day; and their completion. */
import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DataKey } from '../../../platform/crypto/envelope.ts';
import { encryptTaskTitle } from '../task-title.ts';
import type { Db } from '../../../platform/db/client.ts';
import { brusselsDay, type IsoDate } from '../../../platform/time/calendar.ts';
import { caseTasks } from '../schema.ts';
import { applyCaseChange } from './case-change.ts';
import { inCaseTransaction } from '../../case-record/service.ts';

export interface NewTask {
  caseId: string;
  title: string;
  assigneeId: string | null;
  dueOn: IsoDate | null;
}

export type TaskOutcome = { ok: true; taskId: string } | { ok: false; error: 'due_in_past' | 'assignee_not_on_case' | 'not_found' };

export async function addTask(db: Db, actorId: string, dataKey: DataKey, task: NewTask, keyHolders: readonly string[], now = new Date()): Promise<TaskOutcome> {
  if (task.dueOn && task.dueOn < brusselsDay(now)) return { ok: false, error: 'due_in_past' };
  // Assigning a task to someone who cannot open the case would hand them a title they cannot act on.
  if (task.assigneeId && !keyHolders.includes(task.assigneeId)) return { ok: false, error: 'assignee_not_on_case' };
  const taskId = crypto.randomUUID();
  return inCaseTransaction(db, async (tx): Promise<TaskOutcome> => {
    await tx.insert(caseTasks).values({
      id: taskId,
      caseId: task.caseId,
      title: encryptTaskTitle(dataKey, task.caseId, taskId, task.title),
      assigneeId: task.assigneeId,
      dueOn: task.dueOn,
      createdBy: actorId,
    });
    const applied = await applyCaseChange(tx, {
      caseId: task.caseId,
      version: undefined,
      actorId,
      dataKey,
      event: { kind: 'task', details: { taskId, action: 'added', dueOn: task.dueOn, assigneeId: task.assigneeId } },
      audit: { action: 'case.task_added', details: { taskId } },
    });
    return applied ? { ok: true, taskId } : { ok: false, error: 'not_found' };
  });
}

export async function completeTask(db: Db, actorId: string, dataKey: DataKey, input: { caseId: string; taskId: string }, now = new Date()): Promise<{ ok: boolean }> {
  return inCaseTransaction(db, async (tx) => {
    const done = await tx
      .update(caseTasks)
      .set({ doneOn: brusselsDay(now) })
      .where(and(eq(caseTasks.id, input.taskId), eq(caseTasks.caseId, input.caseId), isNull(caseTasks.doneOn)))
      .returning({ id: caseTasks.id });
    if (done.length === 0) return { ok: false };
    const applied = await applyCaseChange(tx, {
      caseId: input.caseId,
      version: undefined,
      actorId,
      dataKey,
      event: { kind: 'task', details: { taskId: input.taskId, action: 'completed' } },
      audit: { action: 'case.task_completed', details: { taskId: input.taskId } },
    });
    return { ok: applied };
  });
}
