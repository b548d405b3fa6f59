import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/databases.ts';
import { Client, signedInAdmin, startTestServer, type TestServer } from '../../../test/server.ts';
import { createEntity, createUser, type RoleGrantInput } from './service.ts';

/** The temporary password on a page that shows one, or undefined. */
function oneTimeSecret(html: string): string | undefined {
  return /class="ib-secret ib-one-time__secret">([^<]+)</.exec(html)?.[1];
}

const userIdFrom = (html: string) => /href="\/admin\/users\/([0-9a-f-]{36})"/.exec(html)?.[1];

describe.each(databaseKinds)('the administrators’ back office on %s', (kind) => {
  let server: TestServer;
  let admin: Client;
  let adminId: string;

  beforeEach(async () => {
    server = await startTestServer(kind);
    ({ client: admin, adminId } = await signedInAdmin(server));
  });
  afterEach(() => server.close());

  const count = async (sql: string, values?: unknown[]) => Number((await server.database.execute(sql, values))[0]?.n);

  /** A user made through the service, with a password they have already chosen (no forced change). */
  async function existingUser(email: string, roles: RoleGrantInput[]) {
    const result = await createUser(server.database.db, adminId, { email, displayName: email.split('@')[0]!, language: 'nl', roles }, { mustChangePassword: false });
    if (!result.ok) throw new Error(result.reason);
    return { id: result.userId, password: result.temporaryPassword };
  }

  describe('who may enter', () => {
    const pages = ['/admin', '/admin/users', '/admin/users/new', '/admin/entities', '/admin/entities/new', '/admin/handler-functions', '/admin/audit', '/admin/audit/verify'];

    it('refuses every page and every form to a signed-in user who is not an administrator', async () => {
      const member = await existingUser('lid@example.be', [{ role: 'bureau_member' }]);
      const client = new Client(server.baseUrl);
      expect((await client.signIn('lid@example.be', member.password)).location).toBe('/');
      for (const path of [...pages, `/admin/users/${adminId}`, `/admin/users/${adminId}/disable`]) {
        expect((await client.get(path)).status, path).toBe(403);
      }
      await client.get('/account');
      const posts = ['/admin/users', `/admin/users/${adminId}`, `/admin/users/${adminId}/disable`, `/admin/users/${adminId}/reset-password`, '/admin/entities', '/admin/handler-functions'];
      for (const path of posts) {
        expect((await client.post(path, { displayName: 'x', email: 'x@example.be', language: 'nl', role_administrator: 'on' })).status, path).toBe(403);
      }
      expect(await count('select count(*)::int as n from users')).toBe(2);
      expect(await count("select count(*)::int as n from user_roles where role = 'administrator'")).toBe(1);
    });

    it('sends a signed-out visitor to the sign-in page and refuses their forms', async () => {
      const visitor = new Client(server.baseUrl);
      for (const path of pages) {
        const page = await visitor.get(path);
        expect(page.status, path).toBe(303);
        expect(page.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      }
      await visitor.get('/sign-in');
      expect((await visitor.post('/admin/users', { displayName: 'x', email: 'x@example.be', language: 'nl' })).status).toBe(403);
    });

    it('answers an id that is not a UUID with 404, not a database error', async () => {
      expect((await admin.get('/admin/users/not-a-uuid')).status).toBe(404);
      expect((await admin.get('/admin/entities/123')).status).toBe(404);
    });
  });

  describe('users', () => {
    it('creates a user with several roles and shows the temporary password exactly once', async () => {
      const entity = await createEntity(server.database.db, adminId, { name: 'Omgeving', kind: 'department', headcount: 900, parentId: null });
      if (!entity.ok) throw new Error('entity');
      await admin.get('/admin/users/new?lang=en');
      const page = await admin.post('/admin/users', {
        displayName: 'Vera Vertrouwen',
        email: 'Vera@Example.be',
        language: 'fr',
        role_case_handler: 'on',
        handlerFunction: 'confidential_counsellor',
        role_entity_actor: 'on',
        actorFunction: 'hr',
        entityId: entity.entityId,
      });
      expect(page.status).toBe(201);
      const password = oneTimeSecret(page.html);
      expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
      expect(page.headers.get('cache-control')).toBe('no-store');

      const [user] = await server.database.execute('select id, email, language, must_change_password from users where email = $1', ['vera@example.be']);
      expect(user).toMatchObject({ language: 'fr', must_change_password: true });
      const roles = await server.database.execute('select role, handler_function, actor_function, entity_id from user_roles where user_id = $1 order by role', [user!.id]);
      expect(roles).toEqual([
        { role: 'case_handler', handler_function: 'confidential_counsellor', actor_function: null, entity_id: null },
        { role: 'entity_actor', handler_function: null, actor_function: 'hr', entity_id: entity.entityId },
      ]);

      const detail = await admin.get(`/admin/users/${user!.id}`);
      expect(detail.status).toBe(200);
      expect(detail.html).toContain('Confidential counsellor');
      expect(detail.html).not.toContain(password!);
      expect((await admin.get('/admin/users')).html).not.toContain(password!);
      const list = await admin.get('/admin/users?q=vera');
      expect(list.html).toContain('vera@example.be');
      expect(list.html).toContain('HR — Omgeving');
    });

    it('makes the new user choose their own password right after the first sign-in', async () => {
      await admin.get('/admin/users/new');
      const page = await admin.post('/admin/users', { displayName: 'Bert Bureau', email: 'bert@example.be', language: 'nl', role_bureau_member: 'on' });
      const password = oneTimeSecret(page.html)!;
      const bert = new Client(server.baseUrl);
      const signedIn = await bert.signIn('bert@example.be', password);
      expect(signedIn.location).toBe('/');
      const home = await bert.get('/');
      expect(home.status).toBe(303);
      expect(home.location).toBe('/account/password');
    });

    it('refuses a duplicate e-mail beside the field, keeps what was typed and stores nothing', async () => {
      await admin.get('/admin/users/new?lang=en');
      const page = await admin.post('/admin/users', { displayName: 'Ada Again', email: ' ADMIN@example.be ', language: 'de', role_integrity_coordinator: 'on' });
      expect(page.status).toBe(409);
      expect(page.html).toContain('id="field-email-error"');
      expect(page.html).toContain('A user with this e-mail address already exists');
      expect(page.html).toContain('value="Ada Again"');
      expect(page.html).toMatch(/name="role_integrity_coordinator" value="on" checked/);
      expect(page.html).toMatch(/<option value="de" selected/);
      expect(oneTimeSecret(page.html)).toBeUndefined();
      expect(await count('select count(*)::int as n from users')).toBe(1);
    });

    it('asks for at least one role, and for the function a case handler needs', async () => {
      await admin.get('/admin/users/new?lang=en');
      const none = await admin.post('/admin/users', { displayName: 'No Role', email: 'none@example.be', language: 'nl' });
      expect(none.status).toBe(400);
      expect(none.html).toContain('id="field-roles-error"');
      expect(none.html).toContain('Choose at least one role.');
      const handler = await admin.post('/admin/users', { displayName: 'No Function', email: 'nofn@example.be', language: 'nl', role_case_handler: 'on', handlerFunction: '' });
      expect(handler.status).toBe(400);
      expect(handler.html).toContain("Choose the case handler's function.");
      expect(await count('select count(*)::int as n from users')).toBe(1);
    });

    it('shows markup in names as text and stores it exactly as typed', async () => {
      const name = '<script>alert("x")</script><img src=x onerror=alert(1)>';
      await admin.get('/admin/users/new');
      const created = await admin.post('/admin/users', { displayName: name, email: 'xss@example.be', language: 'nl', role_bureau_member: 'on' });
      expect(created.status).toBe(201);
      const list = await admin.get('/admin/users');
      expect(list.html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>&lt;img src=x onerror=alert(1)>');
      expect(list.html).not.toContain('<script>');
      expect(list.html).not.toContain('<img src=x');
      const [row] = await server.database.execute('select display_name from users where email = $1', ['xss@example.be']);
      expect(row?.display_name).toBe(name);
    });

    it('stores SQL-looking text literally', async () => {
      const sqlish = "Robert'); drop table users; --";
      await admin.get('/admin/users/new');
      await admin.post('/admin/users', { displayName: sqlish, email: 'bobby@example.be', language: 'nl', role_bureau_member: 'on' });
      await admin.post('/admin/entities', { name: "'; drop table entities; --", kind: 'unit', headcount: '' });
      const found = await admin.get(`/admin/users?q=${encodeURIComponent("'); drop")}`);
      expect(found.html).toContain('bobby@example.be');
      const [row] = await server.database.execute('select display_name from users where email = $1', ['bobby@example.be']);
      expect(row?.display_name).toBe(sqlish);
      expect(await count('select count(*)::int as n from entities where name = $1', ["'; drop table entities; --"])).toBe(1);
      // A search for % is a literal percent sign, not "everything".
      expect((await admin.get('/admin/users?q=%25')).html).not.toContain('bobby@example.be');
    });

    it('edits a user, grants and revokes roles, and writes an audit event for each change', async () => {
      const user = await existingUser('ellen@example.be', [{ role: 'bureau_member' }]);
      await admin.get(`/admin/users/${user.id}`);
      const saved = await admin.post(`/admin/users/${user.id}`, { displayName: 'Ellen Evers', email: 'ellen.evers@example.be', language: 'en' });
      expect(saved.location).toBe(`/admin/users/${user.id}?notice=userUpdated`);
      const granted = await admin.post(`/admin/users/${user.id}/roles`, { role: 'case_handler', handlerFunction: 'auditor' });
      expect(granted.location).toBe(`/admin/users/${user.id}?notice=roleGranted`);
      const twice = await admin.post(`/admin/users/${user.id}/roles`, { role: 'case_handler', handlerFunction: 'auditor' });
      expect(twice.status).toBe(400);
      const [grant] = await server.database.execute("select id from user_roles where user_id = $1 and role = 'case_handler'", [user.id]);
      const revoked = await admin.post(`/admin/users/${user.id}/roles/${grant!.id}/revoke`, {});
      expect(revoked.location).toBe(`/admin/users/${user.id}?notice=roleRevoked`);
      const page = await admin.get(revoked.location!);
      expect(page.html).toContain('De rol is ingetrokken.');

      const events = await server.database.execute('select action, actor_id, details from audit_log where subject_id = $1 order by seq', [user.id]);
      expect(events.map((e) => e.action)).toEqual(['user.created', 'user.updated', 'user.role_granted', 'user.role_revoked']);
      expect(events.every((e) => e.actor_id === adminId)).toBe(true);
      expect(events[1]!.details).toEqual({ fields: ['email', 'displayName', 'language'] });
      expect(events[2]!.details).toEqual({ role: 'case_handler', handlerFunction: 'auditor' });
    });

    it('does not let administrators disable or demote themselves', async () => {
      const refusedPage = await admin.get(`/admin/users/${adminId}/disable`);
      expect(refusedPage.location).toBe(`/admin/users/${adminId}?problem=selfDisable`);
      await admin.get(`/admin/users/${adminId}?lang=en`);
      expect((await admin.post(`/admin/users/${adminId}/disable`, {})).location).toBe(`/admin/users/${adminId}?problem=selfDisable`);
      const [grant] = await server.database.execute("select id from user_roles where user_id = $1 and role = 'administrator'", [adminId]);
      const demote = await admin.post(`/admin/users/${adminId}/roles/${grant!.id}/revoke`, {});
      expect(demote.location).toBe(`/admin/users/${adminId}?problem=selfDemotion`);
      expect((await admin.get(demote.location!)).html).toContain('You cannot revoke your own administrator role.');
      expect(await count("select count(*)::int as n from user_roles where role = 'administrator'")).toBe(1);
      expect(await count('select count(*)::int as n from users where disabled_at is not null')).toBe(0);
    });

    it('disables a user after confirmation, ending their sessions, and enables them again', async () => {
      const user = await existingUser('dirk@example.be', [{ role: 'bureau_member' }]);
      const dirk = new Client(server.baseUrl);
      await dirk.signIn('dirk@example.be', user.password);
      expect((await dirk.get('/account')).status).toBe(200);

      const confirm = await admin.get(`/admin/users/${user.id}/disable?lang=en`);
      expect(confirm.status).toBe(200);
      expect(confirm.html).toContain('Yes, disable the account');
      expect(await count('select count(*)::int as n from users where disabled_at is not null')).toBe(0);
      await admin.post(`/admin/users/${user.id}/disable`, {});
      expect(await count('select count(*)::int as n from sessions where user_id = $1', [user.id])).toBe(0);
      expect((await dirk.get('/account')).location).toMatch(/^\/sign-in/);
      expect((await dirk.signIn('dirk@example.be', user.password)).status).toBe(401);

      await admin.get(`/admin/users/${user.id}`);
      await admin.post(`/admin/users/${user.id}/enable`, {});
      expect((await dirk.signIn('dirk@example.be', user.password)).location).toBe('/');
    });

    it('resets a password after confirmation: new one-time password, sessions and key pair gone', async () => {
      const user = await existingUser('hanne@example.be', [{ role: 'integrity_coordinator' }]);
      const hanne = new Client(server.baseUrl);
      await hanne.signIn('hanne@example.be', user.password);
      expect(await count('select count(*)::int as n from sessions where user_id = $1', [user.id])).toBe(1);
      expect(await count('select count(*)::int as n from user_keys where user_id = $1', [user.id])).toBe(1);

      const confirm = await admin.get(`/admin/users/${user.id}/reset-password`);
      expect(confirm.html).toContain('Ja, nieuw tijdelijk wachtwoord maken');
      const page = await admin.post(`/admin/users/${user.id}/reset-password`, {});
      const temporary = oneTimeSecret(page.html);
      expect(temporary).toBeDefined();
      expect(await count('select count(*)::int as n from sessions where user_id = $1', [user.id])).toBe(0);
      expect(await count('select count(*)::int as n from user_keys where user_id = $1', [user.id])).toBe(0);
      expect((await hanne.get('/account')).location).toMatch(/^\/sign-in/);
      expect((await hanne.signIn('hanne@example.be', user.password)).status).toBe(401);
      const again = new Client(server.baseUrl);
      await again.signIn('hanne@example.be', temporary!);
      expect((await again.get('/')).location).toBe('/account/password');
      const [event] = await server.database.execute("select actor_id, details from audit_log where action = 'auth.password_reset'");
      expect(event).toEqual({ actor_id: adminId, details: { keyPairDeleted: true } });
    });

    it('resets two-factor so the user enrols again', async () => {
      const user = await existingUser('tom@example.be', [{ role: 'integrity_coordinator' }]);
      await server.database.execute("update users set totp_secret = 'JBSWY3DPEHPK3PXP', totp_enabled_at = now() where id = $1", [user.id]);
      await server.database.execute("insert into recovery_codes (user_id, code_hash) values ($1, 'x')", [user.id]);
      expect((await admin.get(`/admin/users/${user.id}/reset-two-factor`)).status).toBe(200);
      const done = await admin.post(`/admin/users/${user.id}/reset-two-factor`, {});
      expect(done.location).toBe(`/admin/users/${user.id}?notice=twoFactorReset`);
      const [row] = await server.database.execute('select totp_secret, totp_enabled_at from users where id = $1', [user.id]);
      expect(row).toEqual({ totp_secret: null, totp_enabled_at: null });
      expect(await count('select count(*)::int as n from recovery_codes where user_id = $1', [user.id])).toBe(0);
      const tom = new Client(server.baseUrl);
      await tom.signIn('tom@example.be', user.password);
      expect((await tom.get('/')).location).toBe('/account/two-factor');
    });
  });

  describe('entities', () => {
    async function newEntity(fields: Record<string, string>): Promise<string> {
      await admin.get('/admin/entities/new');
      const page = await admin.post('/admin/entities', { headcount: '', parentId: '', ...fields });
      const id = /^\/admin\/entities\/([0-9a-f-]{36})\?notice=entityCreated$/.exec(page.location ?? '')?.[1];
      if (!id) throw new Error(`entity not created: ${page.status}`);
      return id;
    }

    it('builds a tree, moves a branch, refuses a loop, and deletes only a free leaf after confirmation', async () => {
      const root = await newEntity({ name: 'Vlaamse overheid', kind: 'government' });
      const finance = await newEntity({ name: 'Financiën en Begroting', kind: 'department', parentId: root, headcount: '1200' });
      const tax = await newEntity({ name: 'Vlaamse Belastingdienst', kind: 'agency', parentId: finance });
      const environment = await newEntity({ name: 'Omgeving', kind: 'department', parentId: root });

      const tree = await admin.get('/admin/entities?lang=en');
      expect(tree.html).toMatch(/Vlaamse overheid<\/a>.*<ul>.*Financiën en Begroting<\/a> <span class="ib-tree__meta">\(Department, 1,200 staff\)<\/span><ul>.*Vlaamse Belastingdienst/s);

      await admin.get(`/admin/entities/${tax}`);
      const moved = await admin.post(`/admin/entities/${tax}/move`, { parentId: environment });
      expect(moved.location).toBe(`/admin/entities/${tax}?notice=entityMoved`);
      expect((await server.database.execute('select parent_id from entities where id = $1', [tax]))[0]?.parent_id).toBe(environment);

      const loop = await admin.post(`/admin/entities/${root}/move`, { parentId: tax });
      expect(loop.status).toBe(409);
      expect(loop.html).toContain('id="field-parentId-error"');
      expect(loop.html).toContain('An entity cannot be part of itself or of one of its own parts.');
      expect((await server.database.execute('select parent_id from entities where id = $1', [root]))[0]?.parent_id).toBeNull();

      const blocked = await admin.get(`/admin/entities/${environment}/delete`);
      expect(blocked.html).toContain('1 entity is still part of it');
      expect(blocked.html).not.toContain('Yes, delete the entity');
      await admin.get(`/admin/entities/${environment}`);
      expect((await admin.post(`/admin/entities/${environment}/delete`, {})).status).toBe(409);
      expect(await count('select count(*)::int as n from entities')).toBe(4);

      const confirm = await admin.get(`/admin/entities/${finance}/delete`);
      expect(confirm.html).toContain('Yes, delete the entity');
      const deleted = await admin.post(`/admin/entities/${finance}/delete`, {});
      expect(deleted.location).toBe('/admin/entities?notice=entityDeleted');
      expect(await count('select count(*)::int as n from entities')).toBe(3);

      const actions = await server.database.execute("select action from audit_log where subject_type = 'entity' order by seq");
      expect(actions.map((a) => a.action)).toEqual(['entity.created', 'entity.created', 'entity.created', 'entity.created', 'entity.moved', 'entity.deleted']);
    });

    it('refuses to delete an entity someone holds a role for', async () => {
      const unit = await newEntity({ name: 'Dienst Integriteit', kind: 'unit' });
      await existingUser('actor@example.be', [{ role: 'entity_actor', actorFunction: 'manager', entityId: unit }]);
      const blocked = await admin.get(`/admin/entities/${unit}/delete?lang=en`);
      expect(blocked.html).toContain('1 person still has a role for this entity');
      await admin.get(`/admin/entities/${unit}`);
      expect((await admin.post(`/admin/entities/${unit}/delete`, {})).status).toBe(409);
      expect(await count('select count(*)::int as n from entities')).toBe(1);
    });

    it('edits name, kind and headcount, and checks the headcount is a whole number', async () => {
      const unit = await newEntity({ name: 'Cel', kind: 'unit' });
      await admin.get(`/admin/entities/${unit}?lang=en`);
      const wrong = await admin.post(`/admin/entities/${unit}`, { name: 'Cel Audit', kind: 'unit', headcount: '12.5' });
      expect(wrong.status).toBe(400);
      expect(wrong.html).toContain('Enter a whole number of 0 or more');
      expect(wrong.html).toContain('value="Cel Audit"');
      const saved = await admin.post(`/admin/entities/${unit}`, { name: 'Cel Audit', kind: 'agency', headcount: '35' });
      expect(saved.status).toBe(303);
      const [row] = await server.database.execute('select name, kind, headcount from entities where id = $1', [unit]);
      expect(row).toEqual({ name: 'Cel Audit', kind: 'agency', headcount: 35 });
    });
  });

  describe('handler functions', () => {
    it('adds a function with its four names and refuses a code that exists', async () => {
      await admin.get('/admin/handler-functions?lang=en');
      const fields = { code: 'ombudsperson', label_nl: 'Ombudspersoon', label_fr: 'Médiateur', label_en: 'Ombudsperson', label_de: 'Ombudsperson' };
      expect((await admin.post('/admin/handler-functions', fields)).location).toBe('/admin/handler-functions?notice=handlerFunctionAdded');
      const again = await admin.post('/admin/handler-functions', { ...fields, code: 'auditor' });
      expect(again.status).toBe(409);
      expect(again.html).toContain('This code already exists.');
      const bad = await admin.post('/admin/handler-functions', { ...fields, code: 'Not A Code' });
      expect(bad.status).toBe(400);
      const page = await admin.get('/admin/handler-functions');
      expect(page.html).toContain('Médiateur');
      expect(await count("select count(*)::int as n from audit_log where action = 'handler_function.created'")).toBe(1);
    });
  });

  describe('audit trail', () => {
    it('lists events newest first, filters by action, actor and date, pages back, and verifies the chain', async () => {
      const user = await existingUser('katrien@example.be', [{ role: 'bureau_member' }]);
      const all = await admin.get('/admin/audit?lang=en');
      expect(all.status).toBe(200);
      expect(all.html).toContain('<caption class="utrecht-table__caption">Events in the audit trail, newest first</caption>');
      expect(all.html.indexOf('auth.sign_in<')).toBeLessThan(all.html.indexOf('installation.setup<'));

      const created = await admin.get('/admin/audit?action=user.created');
      expect(created.html).toContain('katrien@example.be');
      expect(created.html).not.toContain('<code>auth.sign_in</code>');

      const byActor = await admin.get(`/admin/audit?actor=${encodeURIComponent('ADMIN@example.be')}&action=user.created`);
      expect(byActor.html).toContain('<code>user.created</code>');
      const unknown = await admin.get('/admin/audit?actor=nobody%40example.be');
      expect(unknown.status).toBe(400);
      expect(unknown.html).toContain('There is no user with this e-mail address.');

      const today = new Date().toISOString().slice(0, 10);
      expect((await admin.get(`/admin/audit?from=${today}&until=${today}&action=user.created`)).html).toContain('<code>user.created</code>');
      expect((await admin.get('/admin/audit?until=2000-01-01')).html).toContain('No events found.');
      expect((await admin.get('/admin/audit?from=2024-02-30')).status).toBe(400);

      for (let i = 0; i < 55; i += 1) await admin.post(`/admin/users/${user.id}`, { displayName: `Katrien ${i}`, email: 'katrien@example.be', language: 'nl' }, { csrf: admin.csrfToken() });
      const first = await admin.get('/admin/audit?action=user.updated');
      expect(first.html.match(/<code>user.updated<\/code>/g)).toHaveLength(50);
      const older = /href="(\/admin\/audit\?action=user.updated&amp;before=\d+)"/.exec(first.html)?.[1]?.replace(/&amp;/g, '&');
      expect(older).toBeDefined();
      const second = await admin.get(older!);
      expect(second.html.match(/<code>user.updated<\/code>/g)).toHaveLength(5);
      expect(second.html).not.toContain('rel="next"');

      const verified = await admin.get('/admin/audit/verify?lang=en');
      expect(verified.html).toMatch(/The audit trail is intact: all \d+ events match the chain\./);
    });
  });

  it('shows counts on the overview', async () => {
    await existingUser('one@example.be', [{ role: 'bureau_member' }]);
    const page = await admin.get('/admin?lang=en');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<span class="ib-counts__number">2<\/span> active users/);
    expect(page.html).toMatch(/<span class="ib-counts__number">6<\/span> handler functions/);
    expect(page.html).not.toMatch(/<script|style=/);
    expect(userIdFrom((await admin.get('/admin/users')).html)).toBeDefined();
  });
});
