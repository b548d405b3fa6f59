/**
 * Need to know at the edge: loads the facts policy.ts decides on (procedure, who holds the key, who is
 * excluded, who waits for a seal) and answers a refused request with a 404, so a case's existence does
 * not leak. Every route on a case goes through `authorizeCase`.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireSignedIn } from '../../platform/auth/guards.ts';
import type { Db } from '../../platform/db/client.ts';
import { HttpError } from '../../platform/http/errors.tsx';
import { caseKeySeals, cases, procedures, type ProcedureCode } from '../case-record/service.ts';
import { can, type CaseAccessFacts, type CaseAction, type CaseActor, type Decision } from './policy.ts';
import { caseExclusions, casePendingSeals } from './schema.ts';
import { isRecordId } from '../../platform/http/route-schemas.ts';

export function isCaseId(value: string): boolean {
  return isRecordId(value);
}

export function caseActorOf(request: FastifyRequest): CaseActor {
  const auth = request.auth;
  if (!auth) throw new HttpError(404);
  return { userId: auth.user.id, grants: auth.roles };
}

/** A preHandler for pages about no case in particular: signed in, then the case policy's answer about this person, or 403. */
export function requireCasePolicy(decide: (actor: CaseActor) => Decision) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await requireSignedIn(request, reply);
    if (reply.sent) return;
    if (!decide(caseActorOf(request)).allowed) throw new HttpError(403);
  };
}

export async function loadAccessFacts(db: Db, caseId: string): Promise<CaseAccessFacts | undefined> {
  if (!isCaseId(caseId)) return undefined;
  const [row] = await db.select({ procedure: cases.procedure }).from(cases).where(eq(cases.id, caseId));
  if (!row) return undefined;
  const [seals, excluded, pending] = await Promise.all([
    db
      .select({ userId: caseKeySeals.userId })
      .from(caseKeySeals)
      .where(and(eq(caseKeySeals.caseId, caseId), isNotNull(caseKeySeals.userId))),
    db.select({ userId: caseExclusions.userId }).from(caseExclusions).where(eq(caseExclusions.caseId, caseId)),
    db.select({ userId: casePendingSeals.userId }).from(casePendingSeals).where(eq(casePendingSeals.caseId, caseId)),
  ]);
  const procedure = row.procedure as ProcedureCode;
  return {
    procedure,
    compartment: procedures[procedure].compartment,
    sealedTo: seals.map((s) => s.userId!),
    excluded: excluded.map((e) => e.userId),
    grantedMetadataOnly: pending.map((p) => p.userId),
  };
}

/**
 * The facts of a case the acting user may do `action` on; otherwise a 404, whether the case exists or
 * not: whether a case exists must not leak to someone who may not see it.
 */
export async function authorizeCase(db: Db, actor: CaseActor, caseId: string, action: CaseAction): Promise<{ facts: CaseAccessFacts; decision: Decision }> {
  const facts = await loadAccessFacts(db, caseId);
  if (!facts) throw new HttpError(404);
  const decision = can(actor, action, facts);
  if (!decision.allowed) throw new HttpError(404);
  return { facts, decision };
}
