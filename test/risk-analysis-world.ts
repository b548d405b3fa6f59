/** Test helper for the integrity risk analysis: the app with two entities, an integrity actor for each, a coordinator and a bureau member. */
import { createEntity, createUser, type RoleGrantInput } from '../src/features/admin/service.ts';
import { builtInRiskModel } from '../src/features/assessment/risk/service.ts';
import { unusedTotp } from '../src/platform/auth/totp.ts';
import type { DatabaseKind } from './databases.ts';
import { Client, enableTotpFor, installWithAdmin, startTestServer, type TestServer } from './server.ts';

export interface Person {
  email: string;
  password: string;
  id: string;
  totpSecret?: string;
}

export interface RiskWorld {
  server: TestServer;
  entityA: string;
  entityB: string;
  actorA: Person;
  actorB: Person;
  coordinator: Person;
  member: Person;
  signIn(person: Person): Promise<Client>;
  close(): Promise<void>;
}

export async function startRiskWorld(kind: DatabaseKind): Promise<RiskWorld> {
  const server = await startTestServer(kind);
  const adminId = await installWithAdmin(server);
  const db = server.database.db;
  const entity = async (name: string) => {
    const result = await createEntity(db, adminId, { name, kind: 'department', headcount: 300, parentId: null });
    if (!result.ok) throw new Error('entity');
    return result.entityId;
  };
  const entityA = await entity('Department of Finance');
  const entityB = await entity('Department of Mobility');
  const person = async (email: string, roles: RoleGrantInput[]): Promise<Person> => {
    const result = await createUser(db, adminId, { email, displayName: email.split('@')[0]!, language: 'en', roles }, { mustChangePassword: false });
    if (!result.ok) throw new Error(result.reason);
    return { email, password: result.temporaryPassword, id: result.userId };
  };
  const actorA = await person('anna@example.be', [{ role: 'entity_actor', actorFunction: 'contact_person_integrity', entityId: entityA }]);
  const actorB = await person('bruno@example.be', [{ role: 'entity_actor', actorFunction: 'contact_person_integrity', entityId: entityB }]);
  const coordinator = await person('cora@example.be', [{ role: 'integrity_coordinator' }]);
  coordinator.totpSecret = await enableTotpFor(server, coordinator.id);
  const member = await person('mo@example.be', [{ role: 'bureau_member' }]);
  return {
    server,
    entityA,
    entityB,
    actorA,
    actorB,
    coordinator,
    member,
    async signIn(who) {
      const client = new Client(server.baseUrl);
      const page = await client.signIn(who.email, who.password, who.totpSecret ? (account) => unusedTotp(who.totpSecret!, account) : undefined);
      if (page.status !== 303 || page.location !== '/') throw new Error(`sign-in failed for ${who.email}: ${page.status} ${page.location}`);
      return client;
    },
    close: () => server.close(),
  };
}

/** Every question of the built-in model answered: inherent and enhancing factors at `presence`, controls at `control`. */
export function fullRatings(presence: number, control: number, comment = ''): Record<string, string> {
  const model = builtInRiskModel();
  const fields: Record<string, string> = {};
  for (const factor of model.inherentFactors) fields[`inherent-${factor.code}`] = String(presence);
  for (const factor of model.enhancingFactors) fields[`enhancing-${factor.code}`] = String(presence);
  for (const item of model.controls) {
    fields[`control-${item.code}`] = String(control);
    fields[`comment-${item.code}`] = comment;
  }
  return fields;
}
