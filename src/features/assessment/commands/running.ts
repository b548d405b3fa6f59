/** Running an assessment: starting it for an entity, inviting users, issuing one-time links, and each participant's own answers. */
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { entities, userRoles } from '../../../platform/db/schema.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { AnswerInput } from '../answer-form.ts';
import { assessmentAnswers, assessmentModels, assessmentParticipants, assessments } from '../schema.ts';

export type Outcome<T extends object, Reason extends string> = ({ ok: true } & T) | { ok: false; reason: Reason };

export async function startAssessment(db: Db, actorId: string, input: { entityId: string; modelId: string }): Promise<Outcome<{ assessmentId: string }, 'unknown_entity' | 'unknown_model'>> {
  return db.transaction(async (tx) => {
    const [entity] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.id, input.entityId));
    if (!entity) return { ok: false as const, reason: 'unknown_entity' as const };
    const [model] = await tx.select({ id: assessmentModels.id, code: assessmentModels.code, version: assessmentModels.version }).from(assessmentModels).where(eq(assessmentModels.id, input.modelId));
    if (!model) return { ok: false as const, reason: 'unknown_model' as const };
    const [row] = await tx.insert(assessments).values({ entityId: entity.id, modelId: model.id, startedBy: actorId }).returning({ id: assessments.id });
    await recordAudit(tx, {
      actorId,
      action: 'assessment.started',
      subjectType: 'assessment',
      subjectId: row!.id,
      details: { entityId: entity.id, model: model.code, version: model.version },
    });
    return { ok: true as const, assessmentId: row!.id };
  });
}

/** Invites a user who holds a role for the assessment's entity; inviting twice is harmless. */
export async function inviteUser(db: Db, actorId: string, assessmentId: string, userId: string): Promise<Outcome<object, 'not_of_entity' | 'closed'>> {
  return db.transaction(async (tx) => {
    const [assessment] = await tx.select().from(assessments).where(eq(assessments.id, assessmentId));
    if (!assessment || assessment.status !== 'open') return { ok: false as const, reason: 'closed' as const };
    const [grant] = await tx
      .select({ id: userRoles.id })
      .from(userRoles)
      .where(and(eq(userRoles.userId, userId), eq(userRoles.entityId, assessment.entityId)))
      .limit(1);
    if (!grant) return { ok: false as const, reason: 'not_of_entity' as const };
    const inserted = await tx.insert(assessmentParticipants).values({ assessmentId, userId }).onConflictDoNothing().returning({ id: assessmentParticipants.id });
    if (inserted.length > 0) {
      await recordAudit(tx, { actorId, action: 'assessment.participant_invited', subjectType: 'assessment', subjectId: assessmentId, details: { userId } });
    }
    return { ok: true as const };
  });
}

export const linkValidityDays = 14;

export function hashLinkToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A one-time link for a participant without an account: the token is shown once, only its hash is kept. */
export async function createParticipantLink(db: Db, actorId: string, assessmentId: string, now = new Date()): Promise<Outcome<{ token: string; expiresAt: Date }, 'closed'>> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + linkValidityDays * 24 * 3600 * 1000);
  return db.transaction(async (tx) => {
    const [assessment] = await tx.select({ status: assessments.status }).from(assessments).where(eq(assessments.id, assessmentId));
    if (!assessment || assessment.status !== 'open') return { ok: false as const, reason: 'closed' as const };
    const [row] = await tx.insert(assessmentParticipants).values({ assessmentId, tokenHash: hashLinkToken(token), tokenExpiresAt: expiresAt }).returning({ id: assessmentParticipants.id });
    // The audit trail records that a link exists, never the token.
    await recordAudit(tx, { actorId, action: 'assessment.link_created', subjectType: 'assessment', subjectId: assessmentId, details: { participantId: row!.id } });
    return { ok: true as const, token, expiresAt };
  });
}

/**
 * Stores a participant's answers (all of them, replacing the previous draft) and, when submitting, closes
 * their part: a submitted participant can no longer change anything, and a link is used up.
 */
export async function saveAnswers(db: Db, participantId: string, answers: readonly AnswerInput[], submit: boolean): Promise<Outcome<object, 'already_submitted' | 'closed'>> {
  return db.transaction(async (tx) => {
    const [participant] = await tx
      .select({ status: assessmentParticipants.status, assessmentStatus: assessments.status })
      .from(assessmentParticipants)
      .innerJoin(assessments, eq(assessments.id, assessmentParticipants.assessmentId))
      .where(eq(assessmentParticipants.id, participantId))
      .for('update', { of: assessmentParticipants });
    if (!participant || participant.status === 'submitted') return { ok: false as const, reason: 'already_submitted' as const };
    if (participant.assessmentStatus !== 'open') return { ok: false as const, reason: 'closed' as const };
    await tx.delete(assessmentAnswers).where(eq(assessmentAnswers.participantId, participantId));
    const rows = answers.filter((a) => a.level !== null || a.comment !== '' || a.evidenceUrl !== '').map((a) => ({ participantId, ...a }));
    if (rows.length > 0) await tx.insert(assessmentAnswers).values(rows);
    await tx
      .update(assessmentParticipants)
      .set(submit ? { status: 'submitted', submittedAt: sql`now()` } : { status: 'draft' })
      .where(eq(assessmentParticipants.id, participantId));
    return { ok: true as const };
  });
}
