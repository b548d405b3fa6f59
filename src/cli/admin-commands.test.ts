import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../test/databases.ts';
import { runAdminCommand, type CliOutput } from './admin-commands.ts';

/** Collects what a command printed. */
function capture(): CliOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

describe.each(databaseKinds)('bureau user and entity commands on %s', (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(kind);
  });
  afterEach(() => database.close());

  async function run(group: 'user' | 'entity', ...args: string[]) {
    const io = capture();
    const code = await runAdminCommand(database.db, group, args, io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  }

  it('adds entities under parents named by id or name, and lists them as a tree', async () => {
    expect((await run('entity', 'add', '--name', 'Vlaamse overheid', '--kind', 'government')).code).toBe(0);
    const department = await run('entity', 'add', '--name', 'Departement Omgeving', '--kind', 'department', '--parent', 'vlaamse overheid', '--headcount', '1100');
    expect(department.code).toBe(0);
    const departmentId = /\(([0-9a-f-]{36})\)/.exec(department.out)?.[1];
    expect((await run('entity', 'add', '--name', 'Agentschap Natuur en Bos', '--kind', 'agency', '--parent', departmentId!)).code).toBe(0);
    const list = await run('entity', 'list');
    expect(list.out.split('\n').map((line) => line.replace(/\s+[0-9a-f-]{36}$/, ''))).toEqual([
      'Vlaamse overheid (government)',
      '  Departement Omgeving (department, 1100 staff)',
      '    Agentschap Natuur en Bos (agency)',
    ]);
  });

  it('refuses a wrong kind, an unknown parent and a removal that would orphan entities, with exit codes 64 and 65', async () => {
    const kindWrong = await run('entity', 'add', '--name', 'X', '--kind', 'planet');
    expect(kindWrong.code).toBe(64);
    expect(kindWrong.err).toContain('--kind must be one of government, department, agency, unit');
    expect((await run('entity', 'add', '--name', 'X', '--kind', 'unit', '--parent', 'Nowhere')).code).toBe(65);
    await run('entity', 'add', '--name', 'Root', '--kind', 'government');
    await run('entity', 'add', '--name', 'Leaf', '--kind', 'unit', '--parent', 'Root');
    const blocked = await run('entity', 'remove', 'Root');
    expect(blocked.code).toBe(65);
    expect(blocked.err).toContain('still has entities below it');
    expect((await run('entity', 'remove', 'Leaf')).code).toBe(0);
    expect((await run('entity', 'remove', 'Root')).code).toBe(0);
    expect((await run('entity', 'list')).out).toContain('No entities yet');
    expect((await run('entity', 'add', '--name', 'X', '--kind', 'unit', '--bogus')).code).toBe(64);
  });

  it('adds a user with roles, prints the temporary password once, and lists them', async () => {
    await run('entity', 'add', '--name', 'Opgroeien', '--kind', 'agency');
    const added = await run('user', 'add', '--email', 'Sofie@Example.be', '--name', 'Sofie Maes', '--role', 'integrity_coordinator', '--handler', 'confidential_counsellor', '--actor', 'hr', '--entity', 'Opgroeien', '--language', 'fr');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^ {2}[a-z2-9]{4}(-[a-z2-9]{4}){4}$/m);
    const [row] = await database.execute('select language, must_change_password from users where email = $1', ['sofie@example.be']);
    expect(row).toEqual({ language: 'fr', must_change_password: true });
    const list = await run('user', 'list');
    expect(list.out).toContain('sofie@example.be\tSofie Maes\tactive,must-change-password\tintegrity_coordinator; case_handler(confidential_counsellor); entity_actor(hr @ Opgroeien)');
    const events = await database.execute("select action, actor_id from audit_log where action = 'user.created'");
    expect(events).toEqual([{ action: 'user.created', actor_id: null }]);
  });

  it('refuses a user without a role, with an unknown role, twice the same e-mail, or an actor without entity', async () => {
    expect((await run('user', 'add', '--email', 'a@example.be', '--name', 'A')).err).toContain('give at least one role');
    const badRole = await run('user', 'add', '--email', 'a@example.be', '--name', 'A', '--role', 'case_handler');
    expect(badRole.code).toBe(64);
    expect(badRole.err).toContain('use --handler FUNCTION');
    expect((await run('user', 'add', '--email', 'a@example.be', '--name', 'A', '--actor', 'hr')).err).toContain('--actor and --entity go together');
    expect((await run('user', 'add', '--email', 'not-an-email', '--name', 'A', '--role', 'bureau_member')).code).toBe(64);
    expect((await run('user', 'add', '--email', 'a@example.be', '--name', 'A', '--handler', 'astrologer')).code).toBe(65);
    expect((await run('user', 'add', '--email', 'a@example.be', '--name', 'A', '--role', 'bureau_member')).code).toBe(0);
    const again = await run('user', 'add', '--email', 'A@example.be', '--name', 'A', '--role', 'bureau_member');
    expect(again.code).toBe(65);
    expect(again.err).toContain('already exists');
    expect(Number((await database.execute('select count(*)::int as n from users'))[0]?.n)).toBe(1);
  });

  it('grants roles, disables, resets the password and two-factor of a user by e-mail', async () => {
    await run('user', 'add', '--email', 'jan@example.be', '--name', 'Jan', '--role', 'bureau_member');
    expect((await run('user', 'grant', 'jan@example.be', '--handler', 'auditor', '--role', 'administrator')).code).toBe(0);
    const twice = await run('user', 'grant', 'jan@example.be', '--handler', 'auditor');
    expect(twice.code).toBe(65);
    expect(twice.err).toContain('already has this role');
    expect((await run('user', 'disable', 'jan@example.be')).code).toBe(0);
    expect((await run('user', 'list')).out).toContain('jan@example.be\tJan\tdisabled,must-change-password\tadministrator; case_handler(auditor); bureau_member');
    expect((await run('user', 'enable', 'jan@example.be')).code).toBe(0);
    const reset = await run('user', 'reset-password', 'jan@example.be');
    expect(reset.out).toMatch(/^ {2}[a-z2-9]{4}(-[a-z2-9]{4}){4}$/m);
    expect((await run('user', 'reset-two-factor', 'jan@example.be')).code).toBe(0);
    expect((await run('user', 'disable', 'nobody@example.be')).code).toBe(65);
    expect((await run('user', 'disable')).code).toBe(64);
    const actions = await database.execute('select action from audit_log order by seq');
    expect(actions.map((a) => a.action)).toEqual([
      'user.created',
      'user.role_granted',
      'user.role_granted',
      'user.disabled',
      'user.enabled',
      'auth.password_reset',
      'auth.two_factor_reset',
    ]);
  });
});

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const execFileAsync = promisify(execFile);

/** Runs the real `bureau` executable the way an operator would, with only the settings it needs. */
async function bureau(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [path.join(repository, 'bin/bureau.js'), ...args], { cwd: repository, env: { LOG_LEVEL: 'silent', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe.each(databaseKinds)('the bureau executable on %s', (kind) => {
  let env: Record<string, string>;
  let cleanUp: () => Promise<void>;

  beforeEach(async () => {
    if (kind === 'pglite') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bureau-cli-'));
      env = { DATA_DIR: dataDir };
      cleanUp = async () => fs.rmSync(dataDir, { recursive: true, force: true });
    } else {
      const database = await freshDatabase('postgres');
      env = { DATABASE_URL: database.url! };
      cleanUp = () => database.close();
    }
  });
  afterEach(() => cleanUp());

  it('adds and lists entities and users across separate runs', async () => {
    const root = await bureau(env, 'entity', 'add', '--name', 'Vlaamse overheid', '--kind', 'government');
    expect(root.code, root.stderr).toBe(0);
    const agency = await bureau(env, 'entity', 'add', '--name', 'Vlaamse Belastingdienst', '--kind', 'agency', '--parent', 'Vlaamse overheid');
    expect(agency.code, agency.stderr).toBe(0);
    const entities = await bureau(env, 'entity', 'list');
    expect(entities.stdout).toMatch(/^Vlaamse overheid \(government\) {2}[0-9a-f-]{36}\n {2}Vlaamse Belastingdienst \(agency\) {2}[0-9a-f-]{36}\n$/);

    const added = await bureau(env, 'user', 'add', '--email', 'griet@example.be', '--name', 'Griet', '--actor', 'contact_person_integrity', '--entity', 'Vlaamse Belastingdienst');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Temporary password, shown only this once/);
    const users = await bureau(env, 'user', 'list');
    expect(users.stdout).toContain('griet@example.be\tGriet\tactive,must-change-password\tentity_actor(contact_person_integrity @ Vlaamse Belastingdienst)');
  }, 120_000);

  it('exits with 64 and the usage on a wrong command line', async () => {
    const wrong = await bureau(env, 'user', 'add', '--email', 'x@example.be');
    expect(wrong.code, wrong.stderr).toBe(64);
    expect(wrong.stderr).toContain('give the user’s --name');
    expect(wrong.stderr).toContain('user add --email E --name N');
  }, 60_000);
});
