import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/databases.ts';
import { Client, installWithAdmin, startTestServer, type TestServer } from '../../test/server.ts';
import { verifyAuditTrail } from '../platform/audit/verify.ts';
import { actorFunctions, roles } from '../platform/auth/roles.ts';
import { unusedTotp } from '../platform/auth/totp.ts';
import { buildEntityTree, flattenTree, listEntities } from '../features/admin/service.ts';
import { demoAccountsFile, formatDemoAccounts, seedDemo } from './demo.ts';
import { demoCaseCount, runDemoCommand } from './demo-command.ts';
import { submitReport } from '../features/reporting/intake.ts';
import { reportingSecrets } from '../features/case-record/service.ts';

describe.each(databaseKinds)('demo data on %s', (kind) => {
  let server: TestServer;
  let dataDir: string;
  beforeEach(async () => {
    server = await startTestServer(kind);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-demo-'));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const rows = (sql: string) => server.database.execute(sql);

  it('fills an empty database with an installation, an entity tree, and an account for every role and function', async () => {
    const accounts = await seedDemo(server.database.db);
    expect(accounts).toBeDefined();

    expect(await rows('select organisation_name, default_language from installation')).toEqual([{ organisation_name: 'Vlaamse overheid (demo)', default_language: 'nl' }]);

    const entities = await listEntities(server.database.db);
    expect(entities.length).toBeGreaterThanOrEqual(12);
    const tree = buildEntityTree(entities);
    expect(tree).toHaveLength(1);
    expect(tree[0]!.entity.kind).toBe('government');
    const depths = flattenTree(tree).map((row) => row.depth);
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(3);
    expect(new Set(entities.map((e) => e.kind))).toEqual(new Set(['government', 'department', 'agency', 'unit']));

    const grants = await rows('select role, handler_function, actor_function from user_roles');
    expect(new Set(grants.map((g) => g.role))).toEqual(new Set(roles));
    const handlerFunctions = (await rows('select code from handler_functions')).map((f) => f.code);
    expect(new Set(grants.map((g) => g.handler_function).filter(Boolean))).toEqual(new Set(handlerFunctions));
    expect(new Set(grants.map((g) => g.actor_function).filter(Boolean))).toEqual(new Set(actorFunctions));

    // Everyone whose roles need a second factor has one, and only they; nobody has to change a password first.
    const users = await rows(`
      select u.email, u.must_change_password, u.totp_enabled_at is not null as totp,
             bool_or(r.role not in ('entity_actor', 'bureau_member')) as needs_totp
      from users u join user_roles r on r.user_id = u.id group by u.id`);
    expect(users.length).toBe(accounts!.length);
    for (const user of users) {
      expect(user.totp, String(user.email)).toBe(user.needs_totp);
      expect(user.must_change_password).toBe(false);
      const account = accounts!.find((a) => a.email === user.email)!;
      expect(Boolean(account.totpSecret)).toBe(user.needs_totp);
    }

    const actions = (await rows('select action from audit_log')).map((a) => a.action);
    expect(actions.filter((a) => a === 'entity.created')).toHaveLength(entities.length);
    expect(actions.filter((a) => a === 'user.created')).toHaveLength(accounts!.length);
    expect(actions).toContain('installation.setup');
    expect(await verifyAuditTrail(server.database.db)).toMatchObject({ ok: true, rows: actions.length });

    const table = formatDemoAccounts(accounts!);
    for (const account of accounts!) expect(table).toContain(account.password);
  });

  it('gives accounts that work: the demo administrator signs in with password and TOTP and opens the back office', async () => {
    const accounts = (await seedDemo(server.database.db))!;
    await server.app.parts.installation.isInstalled();
    const administrator = accounts.find((a) => a.roles === 'administrator')!;
    const client = new Client(server.baseUrl);
    const signedIn = await client.signIn(administrator.email, administrator.password, (account) => unusedTotp(administrator.totpSecret!, account));
    expect(signedIn.location).toBe('/');
    const page = await client.get('/admin/entities');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Vlaamse Belastingdienst');
  });

  it('routes a report made before anyone signed in to handlers who can open it', async () => {
    await seedDemo(server.database.db);
    const keys = await server.database.execute(
      `select count(*)::int as n from user_roles r left join user_keys k on k.user_id = r.user_id where r.role in ('case_handler', 'integrity_coordinator') and k.user_id is null`,
    );
    expect(keys[0]?.n).toBe(0);
    const secrets = await reportingSecrets(server.database.db);
    const answers = { description: 'Pesten door de ploegbaas', when: '', where: '', involved: '', name: '', email: '', phone: '' };
    const report = await submitReport(server.database.db, secrets, {
      kind: 'report', domain: 'wellbeing', theme: 'bullying', entityId: null, requesterRole: 'staff', identityChoice: 'anonymous', wantsMeeting: false, contactPreference: 'site_only', answers,
    });
    const functions = await server.database.execute(
      `select r.handler_function as f from user_roles r where r.user_id = any($1::uuid[]) order by 1`,
      [report.handlerIds],
    );
    expect(functions.map((row) => row.f)).toEqual(['confidential_counsellor', 'psychosocial_prevention_advisor']);
    const fallback = await submitReport(server.database.db, secrets, { ...{ kind: 'question', domain: 'integrity', theme: 'leak', entityId: null, requesterRole: 'manager', identityChoice: 'anonymous', wantsMeeting: false, contactPreference: 'site_only' } as const, answers });
    // A theme without a rule of its own goes to the default group: a confidential counsellor and the coordinator.
    const roles = await server.database.execute(
      `select coalesce(handler_function, role) as who from user_roles where user_id = any($1::uuid[]) and role in ('case_handler', 'integrity_coordinator') order by 1`,
      [fallback.handlerIds],
    );
    expect(roles.map((row) => row.who)).toEqual(['confidential_counsellor', 'integrity_coordinator']);
  });

  it('refuses a database that is not empty, and says so', async () => {
    await installWithAdmin(server);
    expect(await seedDemo(server.database.db)).toBeUndefined();
    const errors: string[] = [];
    expect(await runDemoCommand(server.database, dataDir, { out: () => undefined, err: (line) => errors.push(line) })).toBe(65);
    expect(errors.join('\n')).toContain('the database is not empty');
    expect(errors.join('\n')).not.toContain('demo-accounts.txt');
    expect(await rows('select count(*)::int as n from entities')).toEqual([{ n: 0 }]);
  });

  it('gives every page something to show: generated cases, and last year’s figures published with a commentary', async () => {
    const out: string[] = [];
    expect(await runDemoCommand(server.database, dataDir, { out: (line) => out.push(line), err: () => undefined })).toBe(0);
    const year = new Date().getFullYear() - 1;
    expect(out.join('\n')).toContain(`Added 1,500 generated cases over five years and published the figures of ${year} at /figures/${year}.`);
    expect(await rows('select count(*)::int as n from cases')).toEqual([{ n: demoCaseCount }]);
    const page = await new Client(server.baseUrl).get(`/figures/${year}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('This is a <strong>demonstration</strong>');
    expect(page.html).toContain('<svg');
  }, 60_000);

  it('leaves the accounts in a file only the operator can read, and points a second run to it', async () => {
    const file = demoAccountsFile(dataDir);
    const accounts = (await seedDemo(server.database.db, { accountsFile: file }))!;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const written = fs.readFileSync(file, 'utf8');
    for (const account of accounts) {
      expect(written).toContain(account.email);
      expect(written).toContain(account.password);
    }
    const errors: string[] = [];
    expect(await runDemoCommand(server.database, dataDir, { out: () => undefined, err: (line) => errors.push(line) })).toBe(65);
    expect(errors.join('\n')).toContain(`The demo accounts made for it are in ${file}.`);
  });

  it('runs only once on the same database', async () => {
    expect(await seedDemo(server.database.db)).toBeDefined();
    expect(await seedDemo(server.database.db)).toBeUndefined();
  });
});
