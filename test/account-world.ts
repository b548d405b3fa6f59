/** Test helper for the account commands: a fresh database with one user, and the audit rows about them. */
import crypto from 'node:crypto';
import { freshDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { createUser, type RoleGrantInput } from '../src/features/admin/service.ts';

export interface AccountWorld {
  database: TestDatabase;
  userId: string;
  password: string;
  /** The audit rows about the user with this action: who acted, on whom. */
  auditRows(action: string): Promise<{ actor_id: string; subject_type: string; subject_id: string }[]>;
  /** A session of the user and the hash its cookie is looked up by. */
  newSession(): Promise<string>;
  sessionCount(): Promise<number>;
}

export async function accountWorld(kind: DatabaseKind, roles: RoleGrantInput[] = [{ role: 'bureau_member' }]): Promise<AccountWorld> {
  const database = await freshDatabase(kind);
  const created = await createUser(database.db, null, { email: 'an@example.be', displayName: 'An', language: 'nl', roles }, { mustChangePassword: false });
  if (!created.ok) throw new Error(created.reason);
  const userId = created.userId;
  const policy = { idleMs: 3_600_000, absoluteMs: 3_600_000, cookieSecure: false };
  return {
    database,
    userId,
    password: created.temporaryPassword,
    auditRows: async (action) =>
      (await database.execute('select actor_id, subject_type, subject_id from audit_log where action = $1 and subject_id = $2', [action, userId])) as {
        actor_id: string;
        subject_type: string;
        subject_id: string;
      }[],
    newSession: async () => crypto.createHash('sha256').update(await createSession(database.db, userId, 'complete', policy)).digest('hex'),
    sessionCount: async () => Number((await database.execute('select count(*)::int as n from sessions where user_id = $1', [userId]))[0]!.n),
  };
}
