import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/databases.ts';
import { Client, signedInAdmin, startTestServer, type TestServer } from '../../../test/server.ts';
import { defaultTaxonomy, type Taxonomy } from '../case-record/service.ts';
import { createEntity, createUser, type RoleGrantInput } from './service.ts';

const copyOfDefaults = (): Taxonomy => structuredClone(defaultTaxonomy);

describe.each(databaseKinds)('the reporting point’s settings in the back office on %s', (kind) => {
  let server: TestServer;
  let admin: Client;
  let adminId: string;

  beforeEach(async () => {
    server = await startTestServer(kind);
    ({ client: admin, adminId } = await signedInAdmin(server));
  });
  afterEach(() => server.close());

  const rows = (sql: string, values?: unknown[]) => server.database.execute(sql, values);
  const count = async (sql: string, values?: unknown[]) => Number((await rows(sql, values))[0]?.n);

  async function existingUser(email: string, roles: RoleGrantInput[]) {
    const result = await createUser(server.database.db, adminId, { email, displayName: email.split('@')[0]!, language: 'nl', roles }, { mustChangePassword: false });
    if (!result.ok) throw new Error(result.reason);
    return { id: result.userId, password: result.temporaryPassword };
  }

  /** As if the user had signed in once: the key pair is what lets a case key be sealed to them. */
  async function giveKeyPair(userId: string) {
    await rows("insert into user_keys (user_id, public_key, sealed_private_key, nonce, kdf_salt, secret_kind) values ($1, '\\x00', '\\x00', '\\x00', '\\x00', 'password')", [userId]);
  }

  async function caseAbout(theme: string) {
    await rows(
      `insert into cases (id, reference, kind, domain, theme, requester_role, identity_choice, received_on, acknowledgement_due_on, feedback_due_on, content)
       values (gen_random_uuid(), $1, 'report', 'integrity', $2, 'staff', 'anonymous', current_date, current_date, current_date, '\\x00')`,
      [`R-${theme}`, theme],
    );
  }

  const handler = (userId: string) => ({ [`handler_${userId}`]: 'on' });

  it('refuses the routing, landing and taxonomy pages and their forms to a signed-in user who is not an administrator', async () => {
    const member = await existingUser('lid@example.be', [{ role: 'bureau_member' }]);
    const rule = await rows('insert into routing_rules (theme, entity_id) values (null, null) returning id');
    const ruleId = String(rule[0]!.id);
    const client = new Client(server.baseUrl);
    await client.signIn('lid@example.be', member.password);
    for (const path of ['/admin/routing', `/admin/routing/${ruleId}`, `/admin/routing/${ruleId}/delete`, '/admin/reporting', '/admin/taxonomy', '/admin/taxonomy/reset']) {
      expect((await client.get(path)).status, path).toBe(403);
    }
    await client.get('/account');
    for (const path of ['/admin/routing', `/admin/routing/${ruleId}`, `/admin/routing/${ruleId}/delete`, '/admin/reporting', '/admin/taxonomy', '/admin/taxonomy/reset']) {
      expect((await client.post(path, { theme: '', entityId: '', ...handler(member.id), channel_nl: 'x', taxonomy: '{}' })).status, path).toBe(403);
    }
    expect(await count('select count(*)::int as n from routing_rules')).toBe(1);
    expect(await count('select count(*)::int as n from settings where key like $1', ['reporting.%'])).toBe(0);
  });

  describe('routing table', () => {
    it('adds rules, shows the default group first and warns about handlers who cannot receive reports yet', async () => {
      const counsellor = await existingUser('vera@example.be', [{ role: 'case_handler', handlerFunction: 'confidential_counsellor' }]);
      const coordinator = await existingUser('ivo@example.be', [{ role: 'integrity_coordinator' }]);
      const member = await existingUser('bert@example.be', [{ role: 'bureau_member' }]);
      await giveKeyPair(counsellor.id);
      const entity = await createEntity(server.database.db, adminId, { name: 'Omgeving', kind: 'department', headcount: null, parentId: null });
      if (!entity.ok) throw new Error('entity');

      const empty = await admin.get('/admin/routing?lang=en');
      expect(empty.status).toBe(200);
      expect(empty.html).toContain('There is no default group: reports that match no rule go to the integrity coordinators.');
      expect(empty.html).toContain(`name="handler_${counsellor.id}"`);
      expect(empty.html).toContain(`name="handler_${coordinator.id}"`);
      expect(empty.html).not.toContain(`name="handler_${member.id}"`);
      expect(empty.html).toContain('Case handler — Confidential counsellor');

      const themed = await admin.post('/admin/routing', { theme: 'fraud', entityId: entity.entityId, ...handler(counsellor.id) });
      expect(themed.status).toBe(303);
      expect(themed.location).toBe('/admin/routing?notice=ruleCreated');
      await admin.get('/admin/routing');
      expect((await admin.post('/admin/routing', { theme: '', entityId: '', ...handler(coordinator.id), ...handler(counsellor.id) })).status).toBe(303);

      const page = await admin.get('/admin/routing?lang=en');
      expect(page.html).not.toContain('There is no default group');
      expect((await admin.get('/admin?lang=en')).html).toContain('Which handlers receive a report, by theme and by entity.');
      const defaultRow = page.html.indexOf('Default group');
      const fraudRow = page.html.indexOf('>Fraud<');
      expect(defaultRow).toBeGreaterThan(0);
      expect(fraudRow).toBeGreaterThan(defaultRow);
      expect(page.html).toContain('Omgeving');
      expect(page.html).toContain('has not signed in yet; cannot receive reports until they do');
      expect(page.html.match(/has not signed in yet; cannot receive reports until they do/g)).toHaveLength(2); // the table's line and the checkbox's description

      const stored = await rows('select r.theme, r.entity_id, h.user_id from routing_rules r join routing_rule_handlers h on h.rule_id = r.id order by r.theme nulls first, h.user_id');
      expect(stored).toEqual(
        expect.arrayContaining([
          { theme: null, entity_id: null, user_id: coordinator.id },
          { theme: null, entity_id: null, user_id: counsellor.id },
          { theme: 'fraud', entity_id: entity.entityId, user_id: counsellor.id },
        ]),
      );
      expect(stored).toHaveLength(3);
      const events = await rows("select actor_id, subject_type, details from audit_log where action = 'routing.rule_created' order by seq");
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({ actor_id: adminId, subject_type: 'routing_rule', details: { theme: 'fraud', entityId: entity.entityId, handlerIds: [counsellor.id] } });
    });

    it('refuses a duplicate rule beside the theme, keeping what was typed, and refuses rules without a proper handler', async () => {
      const vera = await existingUser('vera@example.be', [{ role: 'case_handler', handlerFunction: 'confidential_counsellor' }]);
      const ivo = await existingUser('ivo@example.be', [{ role: 'integrity_coordinator' }]);
      const member = await existingUser('bert@example.be', [{ role: 'bureau_member' }]);
      await admin.get('/admin/routing?lang=en');
      expect((await admin.post('/admin/routing', { theme: 'fraud', entityId: '', ...handler(vera.id) })).status).toBe(303);

      await admin.get('/admin/routing?lang=en');
      const twice = await admin.post('/admin/routing', { theme: 'fraud', entityId: '', ...handler(ivo.id) });
      expect(twice.status).toBe(409);
      expect(twice.html).toContain('A rule for this theme and this entity already exists.');
      expect(twice.html).toMatch(/id="field-theme-error"[^>]*>A rule for this theme/);
      expect(twice.html).toMatch(/<option value="fraud" selected/);
      expect(twice.html).toMatch(new RegExp(`name="handler_${ivo.id}" value="on" checked`));
      expect(twice.html).not.toMatch(new RegExp(`name="handler_${vera.id}" value="on" checked`));

      const nobody = await admin.post('/admin/routing', { theme: 'leak', entityId: '' });
      expect(nobody.status).toBe(400);
      expect(nobody.html).toContain('Choose at least one handler.');
      const notAHandler = await admin.post('/admin/routing', { theme: 'leak', entityId: '', ...handler(member.id) });
      expect(notAHandler.status).toBe(400);
      expect(notAHandler.html).toContain('is not an active case handler or integrity coordinator');
      const unknownTheme = await admin.post('/admin/routing', { theme: 'no_such_theme', entityId: '', ...handler(vera.id) });
      expect(unknownTheme.status).toBe(400);

      expect(await count('select count(*)::int as n from routing_rules')).toBe(1);
      expect(await count("select count(*)::int as n from audit_log where action = 'routing.rule_created'")).toBe(1);
    });

    it('changes a rule’s handlers and deletes the rule after confirmation, writing an audit event for each', async () => {
      const vera = await existingUser('vera@example.be', [{ role: 'case_handler', handlerFunction: 'confidential_counsellor' }]);
      const ivo = await existingUser('ivo@example.be', [{ role: 'integrity_coordinator' }]);
      await admin.get('/admin/routing');
      await admin.post('/admin/routing', { theme: 'corruption', entityId: '', ...handler(vera.id) });
      const [rule] = await rows('select id from routing_rules');
      const ruleId = String(rule!.id);

      const edit = await admin.get(`/admin/routing/${ruleId}?lang=en`);
      expect(edit.status).toBe(200);
      expect(edit.html).toContain('Handlers: Corruption and bribery — Any entity');
      expect(edit.html).toMatch(new RegExp(`name="handler_${vera.id}" value="on" checked`));
      const none = await admin.post(`/admin/routing/${ruleId}`, {});
      expect(none.status).toBe(400);
      expect(none.html).toContain('Choose at least one handler.');
      const changed = await admin.post(`/admin/routing/${ruleId}`, handler(ivo.id));
      expect(changed.status).toBe(303);
      expect(changed.location).toBe('/admin/routing?notice=ruleUpdated');
      expect(await rows('select user_id from routing_rule_handlers')).toEqual([{ user_id: ivo.id }]);

      const confirm = await admin.get(`/admin/routing/${ruleId}/delete?lang=en`);
      expect(confirm.status).toBe(200);
      expect(confirm.html).toContain('Delete rule: Corruption and bribery — Any entity');
      expect(await count('select count(*)::int as n from routing_rules')).toBe(1);
      const deleted = await admin.post(`/admin/routing/${ruleId}/delete`, {});
      expect(deleted.location).toBe('/admin/routing?notice=ruleDeleted');
      expect(await count('select count(*)::int as n from routing_rules')).toBe(0);
      expect(await count('select count(*)::int as n from routing_rule_handlers')).toBe(0);
      expect((await admin.get(`/admin/routing/${ruleId}`)).status).toBe(404);

      const events = await rows('select action, subject_id, details from audit_log where subject_type = $1 order by seq', ['routing_rule']);
      expect(events.map((e) => e.action)).toEqual(['routing.rule_created', 'routing.rule_updated', 'routing.rule_deleted']);
      expect(events[1]!.details).toEqual({ added: [ivo.id], removed: [vera.id] });
      expect(events[2]).toMatchObject({ subject_id: ruleId, details: { theme: 'corruption', entityId: null, handlerIds: [ivo.id] } });
    });
  });

  describe('landing page texts', () => {
    it('saves the text about external channels and the links, and the reporting point shows them in that language', async () => {
      await admin.get('/admin/reporting?lang=en');
      const saved = await admin.post('/admin/reporting', {
        channel_nl: '',
        channel_fr: 'Vous pouvez aussi vous adresser au Médiateur de la Ville.',
        channel_en: '',
        channel_de: '',
        linkLabel0: 'Médiateur de la Ville',
        linkUrl0: 'https://mediateur.example.be/signaler',
        linkLabel1: '',
        linkUrl1: '',
      });
      expect(saved.status).toBe(303);
      expect(saved.location).toBe('/admin/reporting?notice=landingSaved');

      const reporter = new Client(server.baseUrl);
      const french = await reporter.get('/report?lang=fr');
      expect(french.status).toBe(200);
      expect(french.html).toContain('Vous pouvez aussi vous adresser au Médiateur de la Ville.');
      expect(french.html).toContain('href="https://mediateur.example.be/signaler"');
      expect(french.html).not.toContain('vlaamseombudsdienst.be');
      const dutch = await reporter.get('/report?lang=nl');
      expect(dutch.html).not.toContain('Médiateur de la Ville.');
      expect(dutch.html).toContain('het externe meldkanaal voor de Vlaamse overheid');

      const [setting] = await rows("select value from settings where key = 'reporting.landing'");
      expect(setting!.value).toEqual({
        externalChannels: { fr: 'Vous pouvez aussi vous adresser au Médiateur de la Ville.' },
        externalLinks: [{ label: 'Médiateur de la Ville', url: 'https://mediateur.example.be/signaler' }],
      });
      expect((await admin.get('/admin/reporting')).html).toContain('value="https://mediateur.example.be/signaler"');
      const [event] = await rows("select actor_id, subject_id from audit_log where action = 'settings.landing_updated'");
      expect(event).toEqual({ actor_id: adminId, subject_id: 'reporting.landing' });
    });

    it('refuses a link that is not a web address, or has no name or address, beside the field and keeps what was typed', async () => {
      await admin.get('/admin/reporting?lang=en');
      const refused = await admin.post('/admin/reporting', {
        channel_en: 'Our own text',
        linkLabel0: 'Click me',
        linkUrl0: 'javascript:alert(1)',
        linkLabel1: 'No address',
        linkUrl1: '',
        linkLabel2: '',
        linkUrl2: 'https://nameless.example.be',
      });
      expect(refused.status).toBe(400);
      expect(refused.html).toMatch(/id="field-linkUrl0-error"[^>]*>Give a complete web address starting with https:\/\/ or http:\/\/\./);
      expect(refused.html).toMatch(/id="field-linkUrl1-error"[^>]*>Give the link’s web address\./);
      expect(refused.html).toMatch(/id="field-linkLabel2-error"[^>]*>Give the link a name\./);
      expect(refused.html).toContain('>Our own text</textarea>');
      expect(await count("select count(*)::int as n from settings where key = 'reporting.landing'")).toBe(0);
      expect(await count("select count(*)::int as n from audit_log where action = 'settings.landing_updated'")).toBe(0);
    });
  });

  describe('taxonomy', () => {
    const postTaxonomy = async (taxonomy: unknown) => {
      await admin.get('/admin/taxonomy?lang=en');
      return admin.post('/admin/taxonomy', { taxonomy: typeof taxonomy === 'string' ? taxonomy : JSON.stringify(taxonomy, null, 2) });
    };

    it('shows the current taxonomy as a table and as JSON to edit', async () => {
      const page = await admin.get('/admin/taxonomy?lang=en');
      expect(page.status).toBe(200);
      expect(page.html).toContain('<code>conflict_of_interest</code>');
      expect(page.html).toContain('Interessenkonflikt');
      expect(page.html).toContain('&quot;code&quot;: &quot;stress_burnout&quot;');
    });

    it('names the path of each mistake in the JSON and keeps what was typed', async () => {
      const missingLabel = copyOfDefaults() as unknown as { themes: { labels: Record<string, string> }[] };
      delete missingLabel.themes[3]!.labels.fr;
      const refused = await postTaxonomy(missingLabel);
      expect(refused.status).toBe(400);
      expect(refused.html).toContain('themes[3].labels.fr: required');

      const twice = copyOfDefaults();
      twice.themes[1]!.code = twice.themes[0]!.code;
      twice.domains[0]!.code = 'health' as 'wellbeing';
      twice.themes[2]!.code = 'Not A Code';
      const several = await postTaxonomy(twice);
      expect(several.html).toContain('themes[1].code: occurs twice');
      expect(several.html).toContain('domains[0].code: must be one of: wellbeing, integrity');
      expect(several.html).toContain('themes[2].code: use 2 to 40 lower-case letters, digits or _');
      expect(several.html).toContain('Not A Code');

      const broken = await postTaxonomy('{\n  "domains": [\n    oops\n  ]\n}');
      expect(broken.status).toBe(400);
      expect(broken.html).toContain('This is not valid JSON: look at line 3, character 5.');
      expect(await count("select count(*)::int as n from settings where key = 'reporting.taxonomy'")).toBe(0);
    });

    it('saves a changed taxonomy, which the routing page then offers', async () => {
      const changed = copyOfDefaults();
      changed.themes.push({ code: 'procurement', domain: 'integrity', labels: { nl: 'Overheidsopdrachten', fr: 'Marchés publics', en: 'Public procurement', de: 'Öffentliche Aufträge' } });
      const saved = await postTaxonomy(changed);
      expect(saved.status).toBe(303);
      expect(saved.location).toBe('/admin/taxonomy?notice=taxonomySaved');
      expect((await admin.get('/admin/taxonomy?lang=en')).html).toContain('<code>procurement</code>');
      expect((await admin.get('/admin/routing?lang=en')).html).toContain('<option value="procurement">Integrity — Public procurement</option>');
      const [event] = await rows("select actor_id, details from audit_log where action = 'settings.taxonomy_updated'");
      expect(event).toEqual({ actor_id: adminId, details: { reset: false, added: ['procurement'], removed: [], themes: defaultTaxonomy.themes.length + 1 } });
    });

    it('refuses to remove a theme that a case uses, naming it', async () => {
      await caseAbout('fraud');
      const withoutFraud = copyOfDefaults();
      withoutFraud.themes = withoutFraud.themes.filter((theme) => theme.code !== 'fraud' && theme.code !== 'leak');
      const refused = await postTaxonomy(withoutFraud);
      expect(refused.status).toBe(409);
      expect(refused.html).toContain('Cases use these themes, so they cannot be removed: fraud.');
      expect(await count("select count(*)::int as n from settings where key = 'reporting.taxonomy'")).toBe(0);
      expect(await count("select count(*)::int as n from audit_log where action = 'settings.taxonomy_updated'")).toBe(0);
    });

    it('goes back to the default taxonomy after confirmation, unless a case uses a theme the defaults lack', async () => {
      const custom = copyOfDefaults();
      custom.themes = custom.themes.filter((theme) => theme.code !== 'leak');
      custom.themes.push({ code: 'procurement', domain: 'integrity', labels: { nl: 'Overheidsopdrachten', fr: 'Marchés publics', en: 'Public procurement', de: 'Öffentliche Aufträge' } });
      expect((await postTaxonomy(custom)).status).toBe(303);

      const confirm = await admin.get('/admin/taxonomy/reset?lang=en');
      expect(confirm.status).toBe(200);
      expect(confirm.html).toContain('Restore the default themes?');
      await caseAbout('procurement');
      const refused = await admin.post('/admin/taxonomy/reset', {});
      expect(refused.status).toBe(409);
      expect(refused.html).toContain('cases use these themes, which are not among them: procurement.');
      expect(await count("select count(*)::int as n from settings where key = 'reporting.taxonomy'")).toBe(1);

      await rows("delete from cases where theme = 'procurement'");
      await admin.get('/admin/taxonomy/reset?lang=en');
      const reset = await admin.post('/admin/taxonomy/reset', {});
      expect(reset.status).toBe(303);
      expect(reset.location).toBe('/admin/taxonomy?notice=taxonomyReset');
      expect(await count("select count(*)::int as n from settings where key = 'reporting.taxonomy'")).toBe(0);
      const page = await admin.get('/admin/taxonomy?lang=en');
      expect(page.html).toContain('<code>leak</code>');
      expect(page.html).not.toContain('<code>procurement</code>');
      const events = await rows("select details from audit_log where action = 'settings.taxonomy_updated' order by seq");
      expect(events.map((e) => e.details)).toEqual([
        { reset: false, added: ['procurement'], removed: ['leak'], themes: defaultTaxonomy.themes.length },
        { reset: true, added: ['leak'], removed: ['procurement'], themes: defaultTaxonomy.themes.length },
      ]);
    });
  });
});
