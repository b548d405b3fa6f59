/** The installation's first run: a one-time setup token on the console, then the organisation and first administrator. */
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { installation, setupTokens, userRoles, users } from '../../platform/db/schema.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isLanguage, type Language } from '../../platform/i18n/languages.ts';

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token.trim()).digest('hex');
}

/** Whether setup has run, and the default language; cached once installed, re-read until then. */
export class InstallationState {
  private installed = false;
  private language: Language | undefined;

  constructor(private readonly db: Db) {}

  async isInstalled(): Promise<boolean> {
    if (this.installed) return true;
    const [row] = await this.db.select().from(installation).where(eq(installation.id, 1));
    if (row) {
      this.installed = true;
      this.language = isLanguage(row.defaultLanguage) ? row.defaultLanguage : undefined;
    }
    return this.installed;
  }

  defaultLanguage(): Language | undefined {
    return this.language;
  }
}

/** Creates a fresh setup token when the installation is still empty; the caller prints it. */
export async function issueSetupToken(db: Db): Promise<string | undefined> {
  const [row] = await db.select({ id: installation.id }).from(installation);
  if (row) return undefined;
  const token = crypto.randomBytes(18).toString('base64url');
  await db.insert(setupTokens).values({ tokenHash: hashToken(token) });
  return token;
}

export interface SetupInput {
  token: string;
  organisationName: string;
  defaultLanguage: Language;
  displayName: string;
  email: string;
  password: string;
}

export type SetupResult = { ok: true; userId: string } | { ok: false; reason: 'token' | 'installed' };

export async function completeSetup(db: Db, input: SetupInput): Promise<SetupResult> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Serialise concurrent setups: only the first one wins.
    await tx.execute(sql`select pg_advisory_xact_lock(727004)`);
    const [existing] = await tx.select({ id: installation.id }).from(installation);
    if (existing) return { ok: false, reason: 'installed' } as const;
    const [token] = await tx.select().from(setupTokens).where(eq(setupTokens.tokenHash, hashToken(input.token)));
    if (!token) return { ok: false, reason: 'token' } as const;
    await tx.insert(installation).values({ organisationName: input.organisationName, defaultLanguage: input.defaultLanguage });
    const [user] = await tx
      .insert(users)
      .values({ email: input.email.toLowerCase(), displayName: input.displayName, language: input.defaultLanguage, passwordHash })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned nothing');
    await tx.insert(userRoles).values({ userId: user.id, role: 'administrator' });
    await tx.delete(setupTokens);
    await recordAudit(tx, { actorId: user.id, action: 'installation.setup', subjectType: 'user', subjectId: user.id });
    return { ok: true, userId: user.id } as const;
  });
}
