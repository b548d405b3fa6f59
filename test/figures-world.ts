/** Test helper for the figures: an installed app with an entity tree, users in each figures role, and statistical records seeded with SQL. */
import { createEntity, createUser, type RoleGrantInput } from '../src/features/admin/service.ts';
import { unusedTotp } from '../src/platform/auth/totp.ts';
import { Client, enableTotpFor, installWithAdmin, startTestServer, type TestServer } from './server.ts';
import type { DatabaseKind } from './databases.ts';

export interface StatisticsRows {
  n: number;
  kind?: 'question' | 'report';
  domain?: 'wellbeing' | 'integrity';
  theme?: string;
  entityId?: string | null;
  channel?: string;
  requesterRole?: string;
  identityChoice?: string;
  receivedOn: string;
  acknowledgedAfterDays?: number | null;
  feedbackAfterDays?: number | null;
  closedAfterDays?: number | null;
  outcome?: string | null;
  measures?: string[];
}

/** Inserts `n` identical statistical records straight into case_statistics, as the trigger would have. */
export async function seedStatistics(server: TestServer, rows: StatisticsRows): Promise<void> {
  const domain = rows.domain ?? 'integrity';
  await server.database.execute(
    `insert into case_statistics (kind, procedure, domain, theme, entity_id, channel, requester_role, identity_choice, status, received_on,
       acknowledged_on, feedback_on, closed_on, outcome, measures)
     select $1, case when $3 = 'wellbeing' then 'psychosocial' else 'integrity' end, $3, $4, $5::uuid, $6, $7, $8, case when $12::int is null then 'assessing' else 'closed' end, $9::date,
       $9::date + $10::int, $9::date + $11::int, $9::date + $12::int, $13, $14::text[]
     from generate_series(1, $2::int)`,
    [
      rows.kind ?? 'report',
      rows.n,
      domain,
      rows.theme ?? (domain === 'integrity' ? 'fraud' : 'bullying'),
      rows.entityId ?? null,
      rows.channel ?? 'web',
      rows.requesterRole ?? 'staff',
      rows.identityChoice ?? 'anonymous',
      rows.receivedOn,
      rows.acknowledgedAfterDays === undefined ? 3 : rows.acknowledgedAfterDays,
      rows.feedbackAfterDays === undefined ? 60 : rows.feedbackAfterDays,
      rows.closedAfterDays === undefined ? 90 : rows.closedAfterDays,
      rows.outcome === undefined ? 'founded' : rows.outcome,
      rows.measures ?? [],
    ],
  );
}

export interface FiguresWorld {
  server: TestServer;
  adminId: string;
  entities: { government: string; large: string; small: string };
  signIn(email: string): Promise<Client>;
  /** A user with the given roles, TOTP already on for roles that need it; `client()` signs them in. */
  user(email: string, roles: RoleGrantInput[]): Promise<{ id: string; client: () => Promise<Client> }>;
}

export async function startFiguresWorld(kind: DatabaseKind): Promise<FiguresWorld> {
  const server = await startTestServer(kind);
  const adminId = await installWithAdmin(server);
  const entity = async (name: string, parentId: string | null, headcount: number | null) => {
    const created = await createEntity(server.database.db, adminId, { name, kind: parentId ? 'department' : 'government', headcount, parentId });
    if (!created.ok) throw new Error(created.reason);
    return created.entityId;
  };
  const government = await entity('Testland', null, null);
  const large = await entity('Departement Groot', government, 900);
  const small = await entity('Dienst Klein', government, 40);
  const secrets = new Map<string, string>();
  const passwords = new Map<string, string>();
  async function signIn(email: string): Promise<Client> {
    const client = new Client(server.baseUrl);
    const secret = secrets.get(email);
    const page = await client.signIn(email, passwords.get(email) ?? '', secret ? (account) => unusedTotp(secret, account) : undefined);
    if (page.status !== 303) throw new Error(`sign-in of ${email} failed: ${page.status}`);
    return client;
  }
  return {
    server,
    adminId,
    entities: { government, large, small },
    signIn,
    async user(email, roles) {
      const created = await createUser(server.database.db, adminId, { email, displayName: email.split('@')[0]!, language: 'nl', roles }, { mustChangePassword: false });
      if (!created.ok) throw new Error(created.reason);
      passwords.set(email, created.temporaryPassword);
      if (roles.some((r) => r.role === 'integrity_coordinator' || r.role === 'administrator' || r.role === 'case_handler')) secrets.set(email, await enableTotpFor(server, created.userId));
      return { id: created.userId, client: () => signIn(email) };
    },
  };
}
