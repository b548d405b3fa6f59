/**
 * Opening a case's data key in a request: the policy must allow the action, and the handler's private
 * key must be unlocked for this session (kept wrapped under a key in their `ib_unlock` cookie).
 */
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { DataKey } from '../../platform/crypto/envelope.ts';
import type { Db } from '../../platform/db/client.ts';
import { HttpError } from '../../platform/http/errors.tsx';
import { loadUnlockedKeys, openCaseKey, type HandlerKeys } from '../case-record/service.ts';
import { authorizeCase, caseActorOf } from './access.ts';
import type { CaseAccessFacts, CaseAction, CaseActor } from './policy.ts';

/** The cookie that carries the key unwrapping the handler's unlocked private key (case-record/handler-keys.ts). */
export const unlockCookie = 'ib_unlock';

/** Where the unlock cookie is sent: the back office's case pages only, never the reporting point. */
export const unlockCookiePath = '/cases';

export async function handlerKeysOf(db: Db, request: FastifyRequest): Promise<HandlerKeys | undefined> {
  const auth = request.auth;
  if (!auth) return undefined;
  return loadUnlockedKeys(db, auth.user.id, auth.tokenHash, request.cookies[unlockCookie]);
}

export interface OpenedCase {
  actor: CaseActor;
  facts: CaseAccessFacts;
  keys: HandlerKeys;
  dataKey: DataKey;
}

/**
 * The case's key for a user the policy allows `action` (a content action): 404 when not allowed or not
 * sealed to them, 'locked' when their own key is not unlocked yet (the route sends them to /cases/unlock).
 */
export async function openCase(db: Db, request: FastifyRequest, caseId: string, action: CaseAction = 'read_content'): Promise<OpenedCase | 'locked'> {
  const actor = caseActorOf(request);
  const { facts } = await authorizeCase(db, actor, caseId, action);
  const keys = await handlerKeysOf(db, request);
  if (!keys) return 'locked';
  const dataKey = await openCaseKey(db, keys, caseId);
  if (!dataKey) throw new HttpError(404);
  return { actor, facts, keys, dataKey };
}

export function unlockPath(request: FastifyRequest): string {
  return `/cases/unlock?next=${encodeURIComponent(request.url)}`;
}

/** A handler read a case or downloaded one of its files: audited, with the file's id and never its content. */
export async function auditCaseAccess(db: Db, userId: string, caseId: string, action: 'case.read' | 'case.file_downloaded', fileId?: string) {
  await recordAudit(db, { actorId: userId, action, subjectType: 'case', subjectId: caseId, details: fileId ? { fileId } : {} });
}
