/** Signing out: this session, or every session of the user; the session ends and the audit event is written in one transaction. */
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/client.ts';
import { sessions } from '../../../platform/db/schema.ts';

export async function signOut(db: Db, actor: { userId: string; tokenHash: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, actor.tokenHash));
    await recordAudit(tx, { actorId: actor.userId, action: 'auth.sign_out', subjectType: 'user', subjectId: actor.userId });
  });
}

/** Ends every session of the user, on every device, the current one included. */
export async function signOutEverywhere(db: Db, actor: { userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.userId, actor.userId));
    await recordAudit(tx, { actorId: actor.userId, action: 'auth.sign_out_everywhere', subjectType: 'user', subjectId: actor.userId });
  });
}
