/**
 * A task's title under the case key, bound to the task's own id: the one definition of its encryption
 * purpose, used by the command that adds a task, the case page that reads it and the demo generator.
 */
import { encryptForCase, tryDecryptTextForCase, type DataKey } from '../../platform/crypto/envelope.ts';

export function taskTitlePurpose(taskId: string): string {
  return `task.${taskId}`;
}

export function encryptTaskTitle(key: DataKey, caseId: string, taskId: string, title: string): Uint8Array {
  return encryptForCase(key, caseId, taskTitlePurpose(taskId), title);
}

/** The title, or undefined when it does not open. */
export function decryptTaskTitle(key: DataKey, caseId: string, taskId: string, sealed: Uint8Array): string | undefined {
  return tryDecryptTextForCase(key, caseId, taskTitlePurpose(taskId), sealed);
}
