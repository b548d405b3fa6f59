import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { seedStatistics, startFiguresWorld, type FiguresWorld } from '../figures-world.ts';
import type { Client } from '../server.ts';
import { Client as PlainClient } from '../server.ts';
import { computeIndicators } from '../../src/features/figures/service.ts';

const year = new Date().getUTCFullYear() - 1;
const day = (monthDay: string) => `${year}-${monthDay}`;
const allIndicators = ['contacts_by_type', 'contacts_by_theme', 'contacts_by_channel', 'contacts_by_requester_role', 'contacts_by_identity_choice', 'contacts_by_entity', 'outcomes', 'measures', 'acknowledgement', 'feedback', 'open_at_period_end', 'trend'];

/** Every count a page shows in a table cell or beside a bar (the shares and median days of timeliness are not counts). */
function shownNumbers(page: string): number[] {
  const html = page.replace(/<table[^>]*><caption[^>]*>(Aandeel en mediaan|Share and median)[\s\S]*?<\/table>/g, '');
  const cells = [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
  const bars = [...html.matchAll(/<rect[^>]*><\/rect><text[^>]*>([^<]*)<\/text>|<rect[^>]*\/><text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? m[2]!);
  return [...cells, ...bars].map((text) => text.replace(/[\s.,\u00a0\u202f]/g, '')).filter((text) => /^\d+$/.test(text)).map(Number);
}

function csvNumbers(csv: string): number[] {
  return csv
    .trim()
    .split('\r\n')
    .slice(1)
    .flatMap((line) => line.split(',').slice(2))
    .filter((field) => /^\d+$/.test(field))
    .map(Number);
}

describe.each(databaseKinds)('the figures on %s', (kind) => {
  let world: FiguresWorld;
  let coordinator: Client;
  let publicationId: string;

  beforeAll(async () => {
    world = await startFiguresWorld(kind);
    const { large, small } = world.entities;
    // A large department with a spread of cases, some of them in small cells; a small service with three.
    await seedStatistics(world.server, { n: 40, entityId: large, receivedOn: day('03-10'), measures: ['training'] });
    await seedStatistics(world.server, { n: 25, entityId: large, kind: 'question', domain: 'wellbeing', receivedOn: day('05-02'), channel: 'phone', acknowledgedAfterDays: null, feedbackAfterDays: null, closedAfterDays: 10, outcome: null });
    await seedStatistics(world.server, { n: 12, entityId: large, receivedOn: day('06-20'), channel: 'email', theme: 'leak', acknowledgedAfterDays: 12, feedbackAfterDays: 120 });
    await seedStatistics(world.server, { n: 2, entityId: large, receivedOn: day('07-01'), channel: 'letter', requesterRole: 'manager', identityChoice: 'named', theme: 'corruption' });
    await seedStatistics(world.server, { n: 3, entityId: small, receivedOn: day('09-15'), channel: 'in_person', theme: 'favouritism', closedAfterDays: null, outcome: null });
    await seedStatistics(world.server, { n: 30, entityId: large, receivedOn: `${year - 1}-04-04` });
    await seedStatistics(world.server, { n: 20, entityId: world.entities.government, kind: 'question', receivedOn: day('02-02'), channel: 'email' });
    const coordinatorUser = await world.user('coordinator@example.be', [{ role: 'integrity_coordinator' }]);
    coordinator = await coordinatorUser.client();
  });
  afterAll(() => world.server.close());

  it('assembles a draft of protected tables, takes commentary and previews it as the public will see it', async () => {
    await coordinator.get('/figures-admin');
    const fields: Record<string, string> = { year: String(year) };
    for (const id of allIndicators) fields[`indicator_${id}`] = 'on';
    const created = await coordinator.post('/figures-admin/publications', fields);
    expect(created.status).toBe(303);
    publicationId = /\/figures-admin\/publications\/([0-9a-f-]{36})/.exec(created.location ?? '')![1]!;
    const draft = await coordinator.get(created.location!);
    expect(draft.status).toBe(200);
    expect(draft.html).toContain('<svg');
    expect(shownNumbers(draft.html).filter((n) => n > 0 && n < 5)).toEqual([]);

    const commentary = await coordinator.post(`/figures-admin/publications/${publicationId}/commentary`, {
      commentary_introduction_nl: 'Een **druk** jaar.\n\n- meer meldingen\n\n<script>alert(1)</script>',
      commentary_contacts_en: 'A *busy* year.',
    });
    expect(commentary.status).toBe(303);
    const preview = await coordinator.get(`/figures-admin/publications/${publicationId}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('<strong>druk</strong>');
    expect(preview.html).not.toContain('<script>');
    expect(preview.html).toContain('utrecht-alert--info');
    expect((await coordinator.get(`/figures-admin/publications/${publicationId}/preview/contacts_by_channel.csv`)).status).toBe(200);
    // Nothing is public before publishing.
    expect((await new PlainClient(world.server.baseUrl).get(`/figures/${year}`)).status).toBe(404);
  });

  it('keeps a typed year and explains a year that exists, is invalid, or has no indicator', async () => {
    await coordinator.get('/figures-admin');
    const taken = await coordinator.post('/figures-admin/publications', { year: String(year), indicator_trend: 'on' });
    expect(taken.status).toBe(400);
    expect(taken.html).toContain('bestaat al een publicatie');
    const invalid = await coordinator.post('/figures-admin/publications', { year: 'twintig' });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('value="twintig"');
    expect(invalid.html).toContain('minstens één indicator');
  });

  it('publishes a snapshot: no number below the threshold on the page or in the CSV, no cookie, and new cases change nothing', async () => {
    await coordinator.get(`/figures-admin/publications/${publicationId}`);
    expect((await coordinator.post(`/figures-admin/publications/${publicationId}/publish`, {})).status).toBe(303);
    const visitor = new PlainClient(world.server.baseUrl);
    const page = await visitor.get(`/figures/${year}`);
    expect(page.status).toBe(200);
    expect(page.headers.getSetCookie()).toEqual([]);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(page.html).not.toContain('<script');
    expect(page.html).toContain('<svg');
    expect(page.html).toContain('<desc');
    expect(page.html).toContain('<strong>druk</strong>');
    const numbers = shownNumbers(page.html);
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers.filter((n) => n > 0 && n < 5)).toEqual([]);
    // The 2 letters and the 3 cases of the small service exist, yet are nowhere to be read.
    const csvs: Record<string, string> = {};
    for (const id of allIndicators) {
      const csv = await visitor.get(`/figures/${year}/${id}.csv`);
      expect(csv.status, id).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csvNumbers(csv.html).filter((n) => n > 0 && n < 5), id).toEqual([]);
      csvs[id] = csv.html;
    }
    expect(csvs.contacts_by_channel).toMatch(/\r\nletter,Brief,[^\r]*,,/);
    const metadata = await visitor.get(`/figures/${year}/metadata.json`);
    expect(JSON.parse(metadata.html).tables).toHaveLength(allIndicators.length);

    await seedStatistics(world.server, { n: 50, entityId: world.entities.large, receivedOn: day('11-11'), channel: 'phone' });
    const again = await visitor.get(`/figures/${year}`);
    expect(again.html).toBe(page.html);
    expect((await visitor.get(`/figures/${year}/contacts_by_channel.csv`)).html).toBe(csvs.contacts_by_channel);
    // The draft, computed afresh, does see them.
    const draft = await coordinator.get(`/figures-admin/publications/${publicationId}`);
    expect(shownNumbers(draft.html)).toContain(95);
  });

  it('publishes a correction only with a reason and keeps every version in the public list', async () => {
    await coordinator.get(`/figures-admin/publications/${publicationId}`);
    const refused = await coordinator.post(`/figures-admin/publications/${publicationId}/publish`, { reason: '  ' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Geef de reden');
    expect((await coordinator.post(`/figures-admin/publications/${publicationId}/publish`, { reason: 'Laattijdig geregistreerde dossiers' })).status).toBe(303);
    const visitor = new PlainClient(world.server.baseUrl);
    const page = await visitor.get(`/figures/${year}?lang=en`);
    expect(page.html).toContain('Version 2');
    expect(page.html).toContain('Laattijdig geregistreerde dossiers');
    expect(page.headers.getSetCookie()).toEqual([]);
    const first = await visitor.get(`/figures/${year}/versions/1`);
    expect(first.status).toBe(200);
    expect(first.html).toContain('niet meer geldt');
    expect((await visitor.get('/figures')).html).toContain(`/figures/${year}`);
  });

  it('withdraws with a reason: the numbers go, the history stays', async () => {
    await coordinator.get(`/figures-admin/publications/${publicationId}`);
    expect((await coordinator.post(`/figures-admin/publications/${publicationId}/unpublish`, { withdrawReason: '' })).status).toBe(400);
    expect((await coordinator.post(`/figures-admin/publications/${publicationId}/unpublish`, { withdrawReason: 'Fout in de indeling' })).status).toBe(303);
    const visitor = new PlainClient(world.server.baseUrl);
    const page = await visitor.get(`/figures/${year}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('ingetrokken');
    expect(page.html).toContain('Fout in de indeling');
    expect(page.html).not.toContain('<svg');
    expect((await visitor.get(`/figures/${year}/contacts_by_type.csv`)).status).toBe(404);
    expect((await visitor.get(`/figures/${year}/versions/1`)).status).toBe(200);
    const actions = await world.server.database.execute("select action from audit_log where action like 'figures.%' order by seq");
    expect(actions.map((r) => r.action)).toEqual(expect.arrayContaining(['figures.publication_created', 'figures.commentary_saved', 'figures.published', 'figures.corrected', 'figures.unpublished']));
    await expect(world.server.database.execute('update figure_publication_versions set snapshot = \'{}\'::jsonb')).rejects.toThrow();
  });

  it('refuses to publish a year that is not over, and explains a period without data', async () => {
    const current = year + 1;
    await coordinator.get('/figures-admin');
    const created = await coordinator.post('/figures-admin/publications', { year: String(current), indicator_contacts_by_type: 'on' });
    const draft = await coordinator.get(created.location!);
    expect(draft.html).toContain('nog niet voorbij');
    const id = /publications\/([0-9a-f-]{36})/.exec(created.location!)![1]!;
    expect((await coordinator.post(`/figures-admin/publications/${id}/publish`, {})).status).toBe(400);
    await coordinator.get('/figures-admin');
    const empty = await coordinator.post('/figures-admin/publications', { year: '2010', indicator_contacts_by_channel: 'on' });
    const emptyDraft = await coordinator.get(empty.location!);
    expect(emptyDraft.status).toBe(200);
    expect(emptyDraft.html).toContain('geen enkel dossier');
  });

  it('keeps the protection settings editable by the coordinator, with clear errors', async () => {
    await coordinator.get('/figures-admin/settings');
    const wrong = await coordinator.post('/figures-admin/settings', { threshold: 'vijf', protectionLevel: '0' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('value="vijf"');
    expect((await coordinator.post('/figures-admin/settings', { threshold: '6', protectionLevel: '3' })).status).toBe(303);
    expect((await coordinator.get('/figures-admin/settings')).html).toContain('value="6"');
    await coordinator.post('/figures-admin/settings', { threshold: '5', protectionLevel: '3' });
  });

  it('gives an entity’s actors its feedback beside the organisation, totals only for a small one, as a page and a PDF', async () => {
    await coordinator.get(`/figures-admin/feedback/${world.entities.large}?year=${year}`);
    expect((await coordinator.post(`/figures-admin/feedback/${world.entities.large}/commentary?year=${year}`, { commentary_nl: 'Meer meldingen over *fraude*.' })).status).toBe(303);
    const actor = await (await world.user('anker@example.be', [{ role: 'entity_actor', actorFunction: 'contact_person_integrity', entityId: world.entities.large }])).client();
    const page = await actor.get(`/figures-admin/feedback/${world.entities.large}?year=${year}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Meer meldingen over <em>fraude</em>.');
    expect(page.html).not.toContain('commentary_nl');
    expect(page.html).toContain('Rest van de organisatie');
    expect(shownNumbers(page.html).filter((n) => n > 0 && n < 5)).toEqual([]);
    const pdf = await actor.get(`/figures-admin/feedback/${world.entities.large}/report.pdf?year=${year}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.html.startsWith('%PDF')).toBe(true);
    // Another entity, the publications, the settings and the policy page are not theirs.
    for (const path of [`/figures-admin/feedback/${world.entities.small}`, `/figures-admin/publications/${publicationId}`, '/figures-admin/settings', '/figures-admin/policy']) {
      expect((await actor.get(path)).status, path).toBe(403);
    }
    await actor.get(`/figures-admin/feedback/${world.entities.large}`);
    expect((await actor.post(`/figures-admin/feedback/${world.entities.large}/commentary?year=${year}`, { commentary_nl: 'x' })).status).toBe(403);
    const small = await coordinator.get(`/figures-admin/feedback/${world.entities.small}?year=${year}`);
    expect(small.status).toBe(200);
    expect(small.html).toContain('te weinig dossiers');
    expect(small.html).not.toMatch(/Contacten in deze entiteit: 3/);
    expect((await coordinator.get(`/figures-admin/feedback/${world.entities.small}?year=abc`)).status).toBe(400);
    expect((await coordinator.get('/figures-admin/feedback/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await coordinator.get('/figures-admin/feedback/not-a-uuid')).status).toBe(404);
  });

  it('computes any period over an entity’s subtree, protected', async () => {
    const [channels, entities] = await computeIndicators(world.server.database.db, { period: { from: day('03-01'), to: day('06-30') }, entityId: world.entities.large, indicators: ['contacts_by_channel', 'contacts_by_entity'] });
    // March to June in the large department: 40 web reports, 25 phone questions, 12 e-mail reports; nothing of the rest.
    expect([channels!.values['web|*'], channels!.values['phone|*'], channels!.values['email|*'], channels!.values['*|*']]).toEqual([40, 25, 12, 77]);
    expect(entities!.rows.map((r) => r.key)).toEqual([world.entities.large]);
    const empty = await computeIndicators(world.server.database.db, { period: { from: '2001-01-01', to: '2001-12-31' }, indicators: ['contacts_by_type'] });
    expect(empty[0]!.status).toBe('empty');
  });

  it('shows the bureau the policy indicators, and nobody else’s pages', async () => {
    const member = await (await world.user('lid@example.be', [{ role: 'bureau_member' }])).client();
    const policy = await member.get('/figures-admin/policy');
    expect(policy.status).toBe(200);
    expect(policy.html).toContain('Per 1.000 personeelsleden');
    expect(shownNumbers(policy.html).filter((n) => n > 0 && n < 5)).toEqual([]);
    expect((await member.get(`/figures-admin/feedback/${world.entities.large}`)).status).toBe(403);
    expect((await member.get('/figures-admin/settings')).status).toBe(403);
    const visitor = new PlainClient(world.server.baseUrl);
    expect((await visitor.get('/figures-admin')).status).toBe(303);
    expect((await visitor.get('/figures/abcd')).status).toBe(404);
    expect((await visitor.get('/figures/1999')).status).toBe(404);
    expect((await visitor.get('/figures?lang=de')).headers.getSetCookie()).toEqual([]);
  });
});
