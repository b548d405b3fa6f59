/** Test helper for the self-assessment: an app with two entities, their integrity actors and the integrity coordinator signed in, and answer forms filled from the shipped model. */
import fs from 'node:fs';
import { createEntity, createUser } from '../src/features/admin/service.ts';
import { defaultModelFile, readModelDocument, type MaturityModel } from '../src/features/assessment/service.ts';
import { unusedTotp } from '../src/platform/auth/totp.ts';
import { Client, enableTotpFor, signedInAdmin, startTestServer, type TestServer } from './server.ts';
import type { DatabaseKind } from './databases.ts';

export function shippedModel(): MaturityModel {
  const reading = readModelDocument(fs.readFileSync(defaultModelFile, 'utf8'));
  if (!reading.ok) throw new Error('the shipped model does not read');
  return reading.model;
}

export const questionCodes = (model: MaturityModel) => model.dimensions.flatMap((d) => d.questions.map((q) => q.code));

/** Every question answered at `level(code)`, as the answer form posts it. */
export function answersAt(model: MaturityModel, level: (code: string, index: number) => number | string, intent: 'save' | 'submit' = 'submit'): Record<string, string> {
  const fields: Record<string, string> = { intent };
  questionCodes(model).forEach((code, index) => {
    fields[`level:${code}`] = String(level(code, index));
  });
  return fields;
}

export interface AssessmentWorld {
  server: TestServer;
  admin: Client;
  adminId: string;
  /** The integrity coordinator, who manages the models. */
  coordinator: Client;
  entityA: string;
  entityB: string;
  /** Users who act for entity A (facilitators and participants) and for entity B. */
  users: Record<'actorA' | 'hrA' | 'managerA' | 'actorB', { id: string; client: Client; name: string; email: string; password: string }>;
  close(): Promise<void>;
}

export async function startAssessmentWorld(kind: DatabaseKind): Promise<AssessmentWorld> {
  const server = await startTestServer(kind);
  const { client: admin, adminId } = await signedInAdmin(server);
  const db = server.database.db;
  const a = await createEntity(db, adminId, { name: 'Agentschap Alfa', kind: 'agency', headcount: 300, parentId: null });
  const b = await createEntity(db, adminId, { name: 'Agentschap Bravo', kind: 'agency', headcount: 200, parentId: null });
  if (!a.ok || !b.ok) throw new Error('entities');
  const people = {
    actorA: { name: 'Ilse Integriteit', entityId: a.entityId, actorFunction: 'contact_person_integrity' as const },
    hrA: { name: 'Hugo Personeel', entityId: a.entityId, actorFunction: 'hr' as const },
    managerA: { name: 'Mira Manager', entityId: a.entityId, actorFunction: 'manager' as const },
    actorB: { name: 'Bert Bravo', entityId: b.entityId, actorFunction: 'contact_person_integrity' as const },
  };
  const users = {} as AssessmentWorld['users'];
  for (const [key, person] of Object.entries(people)) {
    const email = `${key.toLowerCase()}@example.be`;
    const created = await createUser(db, adminId, { email, displayName: person.name, language: 'en', roles: [{ role: 'entity_actor', actorFunction: person.actorFunction, entityId: person.entityId }] }, { mustChangePassword: false });
    if (!created.ok) throw new Error(created.reason);
    const client = new Client(server.baseUrl);
    const page = await client.signIn(email, created.temporaryPassword);
    if (page.location !== '/') throw new Error(`sign-in of ${key} failed: ${page.status} ${page.location}`);
    await client.get('/?lang=en');
    users[key as keyof typeof people] = { id: created.userId, client, name: person.name, email, password: created.temporaryPassword };
  }
  const cora = await createUser(db, adminId, { email: 'cora@example.be', displayName: 'Cora Coordinator', language: 'en', roles: [{ role: 'integrity_coordinator' }] }, { mustChangePassword: false });
  if (!cora.ok) throw new Error(cora.reason);
  const coraTotp = await enableTotpFor(server, cora.userId);
  const coordinator = new Client(server.baseUrl);
  const signedIn = await coordinator.signIn('cora@example.be', cora.temporaryPassword, (account) => unusedTotp(coraTotp, account));
  if (signedIn.location !== '/') throw new Error(`sign-in of the coordinator failed: ${signedIn.status} ${signedIn.location}`);
  return { server, admin, adminId, coordinator, entityA: a.entityId, entityB: b.entityId, users, close: () => server.close() };
}
