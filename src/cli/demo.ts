/** Demo data: a Flemish-style administration with an entity tree and an account for every role and function, for `bureau demo` and `npm run demo`. */
import fs from 'node:fs';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { entities, installation, setupTokens, users } from '../platform/db/schema.ts';
import { recordAudit } from '../platform/audit/audit.ts';
import { actorFunctions, requiresSecondFactor, type ActorFunction } from '../platform/auth/roles.ts';
import { newTotpSecret } from '../platform/auth/totp.ts';
import type { Language } from '../platform/i18n/languages.ts';
import { createEntity, createRoutingRule, createUser, listHandlerFunctions, type EntityKind, type RoleGrantInput } from '../features/admin/service.ts';
import { ensureKeyPair } from '../features/account/service.ts';
import { describeGrant } from './admin-commands.ts';

export interface DemoAccount {
  email: string;
  displayName: string;
  /** The roles in words, as `bureau user list` shows them. */
  roles: string;
  password: string;
  /** The TOTP secret (base32) for users whose roles need a second factor; add it to an authenticator app. */
  totpSecret: string | undefined;
}

interface DemoEntity {
  name: string;
  kind: EntityKind;
  headcount: number | null;
  children?: DemoEntity[];
}

// Names and sizes modelled on the Flemish administration; the numbers are illustrative, not official.
const demoTree: DemoEntity = {
  name: 'Vlaamse overheid',
  kind: 'government',
  headcount: null,
  children: [
    {
      name: 'Departement Kanselarij en Bestuur',
      kind: 'department',
      headcount: 640,
      children: [
        { name: 'Agentschap Digitaal Vlaanderen', kind: 'agency', headcount: 920 },
        { name: 'Agentschap Overheidspersoneel', kind: 'agency', headcount: 410 },
      ],
    },
    {
      name: 'Departement Financiën en Begroting',
      kind: 'department',
      headcount: 310,
      children: [{ name: 'Vlaamse Belastingdienst', kind: 'agency', headcount: 960, children: [{ name: 'Dienst Inning', kind: 'unit', headcount: 175 }] }],
    },
    {
      name: 'Departement Omgeving',
      kind: 'department',
      headcount: 1150,
      children: [{ name: 'Agentschap Natuur en Bos', kind: 'agency', headcount: 860, children: [{ name: 'Buitendienst Limburg', kind: 'unit', headcount: 95 }] }],
    },
    {
      name: 'Departement Welzijn, Volksgezondheid en Gezin',
      kind: 'department',
      headcount: 820,
      children: [
        { name: 'Agentschap Zorg en Gezondheid', kind: 'agency', headcount: 760 },
        { name: 'Opgroeien', kind: 'agency', headcount: 1620, children: [{ name: 'Afdeling Kinderopvang', kind: 'unit', headcount: 230 }] },
      ],
    },
  ],
};

/** Where each kind of entity actor sits in the demo, so the accounts spread over the tree. */
const actorPlaces: Record<ActorFunction, string> = {
  contact_person_integrity: 'Vlaamse Belastingdienst',
  hr: 'Agentschap Natuur en Bos',
  diversity_officer: 'Opgroeien',
  manager: 'Agentschap Digitaal Vlaanderen',
};

const handlerNames = ['Sofie Maes', 'Pieter Claes', 'Lotte Wouters', 'Jan De Smet', 'Els Jacobs', 'Tom Willems', 'Nadia El Amrani', 'Bram Goossens'];
const actorNames = ['Hilde Vermeulen', 'Karim Benali', 'Griet Van Damme', 'Wouter Hermans', 'Ilse Mertens', 'Joris Aerts'];

function emailFor(name: string): string {
  const local = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.');
  return `${local}@demo.example`;
}

/** Whether this database is brand new: no installation, no users, no entities. */
async function isEmpty(db: Db): Promise<boolean> {
  const [installed] = await db.select({ id: installation.id }).from(installation);
  const [people] = await db.select({ n: count() }).from(users);
  const [units] = await db.select({ n: count() }).from(entities);
  return !installed && Number(people?.n) === 0 && Number(units?.n) === 0;
}

/** Where the demo leaves its accounts: in the data folder, readable by the operator's user only. */
export function demoAccountsFile(dataDir: string): string {
  return path.join(dataDir, 'demo-accounts.txt');
}

/**
 * Writes the accounts durably before the transaction that creates them commits: a crash then leaves either
 * no demo at all (the next run seeds it again and overwrites this file) or a demo whose accounts are here.
 * Written under a temporary name, synced and renamed, so the file is never half there.
 */
function writeDemoAccountsFile(file: string, accounts: readonly DemoAccount[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.rmSync(temporary, { force: true });
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${formatDemoAccounts(accounts)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  const folder = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(folder);
  } finally {
    fs.closeSync(folder);
  }
}

/**
 * Fills an empty database with the demo administration and returns the accounts (with their passwords,
 * which exist nowhere else but in `accountsFile`), or undefined when the database was not empty. Everything
 * is one transaction, so a crash never leaves a demo whose passwords nobody knows; `accountsFile` (tests
 * leave it out) is written inside it, just before the commit.
 */
export async function seedDemo(db: Db, options: { accountsFile?: string } = {}): Promise<DemoAccount[] | undefined> {
  if (!(await isEmpty(db))) return undefined;
  return db.transaction(async (tx) => {
    // The same lock as the setup page: a demo seed and a real setup cannot both win.
    await tx.execute(sql`select pg_advisory_xact_lock(727004)`);
    const [existing] = await tx.select({ id: installation.id }).from(installation);
    if (existing) return undefined;
    await tx.insert(installation).values({ organisationName: 'Vlaamse overheid (demo)', defaultLanguage: 'nl' });
    await tx.delete(setupTokens);
    await recordAudit(tx, { actorId: null, action: 'installation.setup', subjectType: 'installation', subjectId: '1', details: { demo: true } });
    const accounts = await seedAdministration(tx);
    if (options.accountsFile) writeDemoAccountsFile(options.accountsFile, accounts);
    return accounts;
  });
}

/** The entity tree, an account for every role and function, and the routing table. */
async function seedAdministration(db: Db): Promise<DemoAccount[]> {
  const entityIds = new Map<string, string>();
  const plant = async (node: DemoEntity, parentId: string | null): Promise<void> => {
    const result = await createEntity(db, null, { name: node.name, kind: node.kind, headcount: node.headcount, parentId });
    if (!result.ok) throw new Error(`demo entity ${node.name}: ${result.reason}`);
    entityIds.set(node.name, result.entityId);
    for (const child of node.children ?? []) await plant(child, result.entityId);
  };
  await plant(demoTree, null);
  const entityId = (name: string) => entityIds.get(name)!;

  const people: { name: string; language: Language; roles: RoleGrantInput[] }[] = [
    { name: 'Annelies Janssens', language: 'nl', roles: [{ role: 'administrator' }] },
    { name: 'Koen Peeters', language: 'nl', roles: [{ role: 'integrity_coordinator' }, { role: 'bureau_member' }] },
    { name: 'Marie Dubois', language: 'fr', roles: [{ role: 'bureau_member' }] },
  ];
  const functions = await listHandlerFunctions(db);
  functions.forEach((f, index) => {
    people.push({ name: handlerNames[index % handlerNames.length]!, language: index === 1 ? 'en' : 'nl', roles: [{ role: 'case_handler', handlerFunction: f.code }] });
  });
  actorFunctions.forEach((actorFunction, index) => {
    const roles: RoleGrantInput[] = [{ role: 'entity_actor', actorFunction, entityId: entityId(actorPlaces[actorFunction]) }];
    people.push({ name: actorNames[index % actorNames.length]!, language: index === 2 ? 'de' : 'nl', roles });
  });

  const entityNames = new Map([...entityIds].map(([name, id]) => [id, name]));
  const handlersByFunction = new Map<string, string>();
  const accounts: DemoAccount[] = [];
  const seen = new Set<string>();
  for (const person of people) {
    // Eight handler names cover the default functions; more functions would repeat a name, so number them.
    let displayName = person.name;
    for (let n = 2; seen.has(displayName); n += 1) displayName = `${person.name} ${n}`;
    seen.add(displayName);
    const email = emailFor(displayName);
    // Demo passwords are random and printed once, but not temporary: a demo should open straight away.
    const created = await createUser(db, null, { email, displayName, language: person.language, roles: person.roles }, { mustChangePassword: false });
    if (!created.ok) throw new Error(`demo user ${email}: ${created.reason}`);
    const grants = person.roles.map((r) => ({ role: r.role, handlerFunction: null, actorFunction: null, entityId: null }));
    const totpSecret = requiresSecondFactor(grants) ? await enableDemoTotp(db, created.userId) : undefined;
    // Key pairs now, while the password is known, so reports made before anyone signs in can be sealed to them.
    await ensureKeyPair(db, created.userId, grants, created.temporaryPassword, 'password');
    for (const role of person.roles) {
      if (role.role === 'case_handler') handlersByFunction.set(role.handlerFunction, created.userId);
      if (role.role === 'integrity_coordinator') handlersByFunction.set('integrity_coordinator', created.userId);
    }
    const roles = person.roles
      .map((r) =>
        describeGrant({
          role: r.role,
          handlerFunction: r.role === 'case_handler' ? r.handlerFunction : null,
          actorFunction: r.role === 'entity_actor' ? r.actorFunction : null,
          entityName: r.role === 'entity_actor' ? (entityNames.get(r.entityId) ?? null) : null,
        }),
      )
      .join('; ');
    accounts.push({ email, displayName, roles, password: created.temporaryPassword, totpSecret });
  }
  await seedRouting(db, handlersByFunction);
  return accounts;
}

/**
 * A routing table like an office would set up: wellbeing to the prevention advisor and a confidential
 * counsellor, reintegration to its officer, fraud and corruption to audit and the coordinator's staff,
 * and everything else to a confidential counsellor and the integrity coordinator.
 */
async function seedRouting(db: Db, handlers: Map<string, string>): Promise<void> {
  const ids = (...functions: string[]) => functions.map((f) => handlers.get(f)).filter((id): id is string => id !== undefined);
  const rules: { themes: (string | null)[]; handlerIds: string[] }[] = [
    { themes: [null], handlerIds: ids('confidential_counsellor', 'integrity_coordinator') },
    { themes: ['stress_burnout', 'conflict', 'bullying', 'violence', 'sexual_harassment', 'discrimination'], handlerIds: ids('psychosocial_prevention_advisor', 'confidential_counsellor') },
    { themes: ['reintegration'], handlerIds: ids('reintegration_officer') },
    { themes: ['fraud', 'corruption'], handlerIds: ids('auditor', 'coordinator_staff') },
  ];
  for (const rule of rules) {
    if (rule.handlerIds.length === 0) continue;
    for (const theme of rule.themes) {
      const created = await createRoutingRule(db, null, { theme, entityId: null, handlerIds: rule.handlerIds });
      if (!created.ok) throw new Error(`demo routing rule ${theme ?? 'default'}: ${created.reason}`);
    }
  }
}

/** Gives a demo user an enrolled authenticator, as if they had scanned the QR code themselves. */
async function enableDemoTotp(db: Db, userId: string): Promise<string> {
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: secret, totpEnabledAt: new Date() }).where(eq(users.id, userId));
    await recordAudit(tx, { actorId: null, action: 'auth.two_factor_enabled', subjectType: 'user', subjectId: userId, details: { demo: true } });
  });
  return secret;
}

/** The accounts as a plain-text table for the console. */
export function formatDemoAccounts(accounts: readonly DemoAccount[]): string {
  const header = ['E-MAIL', 'PASSWORD', 'TOTP SECRET', 'ROLES'];
  const rows = accounts.map((a) => [a.email, a.password, a.totpSecret ?? '-', a.roles]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [
    'Demo accounts:',
    '',
    line(header),
    ...rows.map(line),
    '',
    'Accounts with a TOTP secret sign in with a second step: add the secret to an authenticator app',
    '(time-based, SHA-1, 6 digits, 30 seconds).',
  ].join('\n');
}
