import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import type { Client } from '../server.ts';
import { fullRatings, startRiskWorld, type RiskWorld } from '../risk-analysis-world.ts';

const analysisIdFrom = (location: string | null) => /^\/risk-analysis\/([0-9a-f-]{36})\?notice=started$/.exec(location ?? '')?.[1];

describe.each(databaseKinds)('the integrity risk analysis on %s', (kind) => {
  let world: RiskWorld;
  let anna: Client;
  let analysisId: string;

  beforeAll(async () => {
    world = await startRiskWorld(kind);
    anna = await world.signIn(world.actorA);
  });
  afterAll(() => world.close());

  const rows = (sql: string, values?: unknown[]) => world.server.database.execute(sql, values);
  const processId = async (name: string) => String((await rows('select id from risk_processes where name = $1', [name]))[0]?.id);

  it('lets an entity’s integrity actor start an analysis for their entity, recorded in the audit trail', async () => {
    const list = await anna.get('/risk-analysis?lang=en');
    expect(list.status).toBe(200);
    expect(list.html).toContain('Start a new analysis');
    expect(list.html).toContain('Department of Finance');
    expect(list.html).not.toContain('Department of Mobility');

    const empty = await anna.post('/risk-analysis', { entityId: world.entityA, title: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('id="field-title-error"');

    const started = await anna.post('/risk-analysis', { entityId: world.entityA, title: 'Finance scan 2026' });
    expect(started.status).toBe(303);
    analysisId = analysisIdFrom(started.location)!;
    expect(analysisId).toBeDefined();
    const [analysis] = await rows('select entity_id, status, model_code, model_version from risk_analyses where id = $1', [analysisId]);
    expect(analysis).toEqual({ entity_id: world.entityA, status: 'draft', model_code: 'integrity-risk', model_version: 1 });
    const audit = await rows("select actor_id, subject_id from audit_log where action = 'risk_analysis.started'");
    expect(audit).toEqual([{ actor_id: world.actorA.id, subject_id: analysisId }]);
  });

  it('adds, edits and (after a confirmation) removes processes, keeping what was typed after a mistake', async () => {
    await anna.get(`/risk-analysis/${analysisId}/processes/new`);
    const noName = await anna.post(`/risk-analysis/${analysisId}/processes`, { name: '', description: 'Paying suppliers' });
    expect(noName.status).toBe(400);
    expect(noName.html).toContain('Paying suppliers');
    expect(noName.html).toContain('id="field-name-error"');

    for (const name of ['Payments', 'Archive', 'Temporary']) {
      const added = await anna.post(`/risk-analysis/${analysisId}/processes`, { name, description: '' });
      expect(added.status).toBe(303);
      expect(added.location).toBe(`/risk-analysis/${analysisId}?notice=processAdded`);
    }
    const archive = await processId('Archive');
    const edit = await anna.get(`/risk-analysis/${analysisId}/processes/${archive}/edit`);
    expect(edit.html).toContain('value="Archive"');
    const edited = await anna.post(`/risk-analysis/${analysisId}/processes/${archive}`, { name: 'Archive and records', description: 'Keeping files' });
    expect(edited.status).toBe(303);

    const temporary = await processId('Temporary');
    const confirm = await anna.get(`/risk-analysis/${analysisId}/processes/${temporary}/remove?lang=en`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('Remove the process Temporary?');
    expect(await rows('select name from risk_processes where id = $1', [temporary])).toHaveLength(1);
    const removed = await anna.post(`/risk-analysis/${analysisId}/processes/${temporary}/remove`, {});
    expect(removed.status).toBe(303);
    expect(await rows('select name from risk_processes where analysis_id = $1 order by name', [analysisId])).toEqual([{ name: 'Archive and records' }, { name: 'Payments' }]);
  });

  it('saves incomplete ratings, says what is still open beside each question, and loses nothing', async () => {
    const payments = await processId('Payments');
    const page = await anna.get(`/risk-analysis/${analysisId}/processes/${payments}/rate?lang=en`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Handling money');
    const partial = { 'inherent-money': '3', 'control-four_eyes': '2', 'comment-four_eyes': 'Only above 10 000 euro' };
    const saved = await anna.post(`/risk-analysis/${analysisId}/processes/${payments}/rate`, partial);
    expect(saved.status).toBe(400);
    expect(saved.html).toContain('Your ratings were saved, but 21 questions are still unanswered');
    expect(saved.html).toContain('id="field-inherent-procurement-error"');
    expect(saved.html).toContain('Choose a rating for “Procurement”.');
    expect(saved.html).not.toContain('id="field-inherent-money-error"');
    expect(saved.html).toContain('Only above 10 000 euro');
    expect(saved.html).toMatch(/value="3"\s+checked/);
    const [stored] = await rows('select ratings from risk_processes where id = $1', [payments]);
    expect(stored!.ratings).toEqual({ inherent: { money: 3 }, enhancing: {}, controls: { four_eyes: 2 }, comments: { four_eyes: 'Only above 10 000 euro' } });

    // Coming back later shows what was saved.
    const again = await anna.get(`/risk-analysis/${analysisId}/processes/${payments}/rate`);
    expect(again.html).toContain('Only above 10 000 euro');
  });

  it('refuses a rating outside the scale without storing anything', async () => {
    const payments = await processId('Payments');
    const [before] = await rows('select ratings from risk_processes where id = $1', [payments]);
    const refused = await anna.post(`/risk-analysis/${analysisId}/processes/${payments}/rate?lang=en`, { ...fullRatings(3, 1), 'inherent-money': '7' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="field-inherent-money-error"');
    const [after] = await rows('select ratings from risk_processes where id = $1', [payments]);
    expect(after!.ratings).toEqual(before!.ratings);
  });

  it('completes the analysis only when every process is rated', async () => {
    const payments = await processId('Payments');
    const archive = await processId('Archive and records');
    const rated = await anna.post(`/risk-analysis/${analysisId}/processes/${payments}/rate`, fullRatings(3, 2, 'Checked by the head of unit'));
    expect(rated.status).toBe(303);

    await anna.get(`/risk-analysis/${analysisId}?lang=en`);
    const early = await anna.post(`/risk-analysis/${analysisId}/complete`, {});
    expect(early.status).toBe(400);
    expect(early.html).toContain('1 process is not fully rated (Archive and records)');
    expect((await rows('select status from risk_analyses where id = $1', [analysisId]))[0]!.status).toBe('draft');

    await anna.get(`/risk-analysis/${analysisId}/processes/${archive}/rate`);
    expect((await anna.post(`/risk-analysis/${analysisId}/processes/${archive}/rate`, fullRatings(0, 4))).status).toBe(303);
    await anna.get(`/risk-analysis/${analysisId}`);
    const completed = await anna.post(`/risk-analysis/${analysisId}/complete`, {});
    expect(completed.status).toBe(303);
    expect((await rows('select status from risk_analyses where id = $1', [analysisId]))[0]!.status).toBe('completed');
    const audit = await rows("select actor_id, subject_id, details from audit_log where action = 'risk_analysis.completed'");
    expect(audit).toEqual([{ actor_id: world.actorA.id, subject_id: analysisId, details: { processes: 2, high: 1, medium: 0, low: 1 } }]);

    // A completed analysis is a record: changes are refused with a reason.
    await anna.get(`/risk-analysis/${analysisId}`);
    const late = await anna.post(`/risk-analysis/${analysisId}/processes`, { name: 'Late', description: '' });
    expect(late.status).toBe(409);
    expect((await anna.get(`/risk-analysis/${analysisId}/processes/${payments}/rate`)).status).toBe(409);
  });

  it('reports the vulnerability profile with an accessible chart, a data table, priorities and measures — as a page and a PDF', async () => {
    const report = await anna.get(`/risk-analysis/${analysisId}/report?lang=en`);
    expect(report.status).toBe(200);
    expect(report.html).toContain('role="img"');
    expect(report.html).toMatch(/<title id="risk-chart-title">Residual risk per process<\/title>/);
    expect(report.html).toContain('<desc id="risk-chart-desc">');
    expect(report.html).toContain('Vulnerability profile per process');
    expect(report.html).not.toContain('<script');
    // Payments: every factor strongly present, controls informal → high, with the model's measures.
    const priorities = report.html.slice(report.html.indexOf('Processes that need measures first'));
    expect(priorities).toContain('Payments');
    // The five most important measures: the strongest enhancing factors first; the least important are left out.
    expect(priorities).toContain('Split preparing, deciding and paying between different people.');
    expect(priorities).not.toContain('Rotate files or contacts with external parties between staff periodically.');
    expect(priorities.slice(0, priorities.indexOf('Method and sources'))).not.toContain('Archive and records');
    expect(report.html).toContain('OECD Public Integrity Handbook');

    const pdf = await anna.get(`/risk-analysis/${analysisId}/report.pdf?lang=nl`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.html.startsWith('%PDF-')).toBe(true);
  });

  it('shows another entity’s analysis to nobody but its own actors and the coordinator (404 for the rest)', async () => {
    const bruno = await world.signIn(world.actorB);
    const payments = await processId('Payments');
    const list = await bruno.get('/risk-analysis?lang=en');
    expect(list.html).not.toContain('Finance scan 2026');
    for (const path of ['', '/report', '/report.pdf', `/processes/${payments}/rate`, `/processes/${payments}/edit`]) {
      expect((await bruno.get(`/risk-analysis/${analysisId}${path}`)).status, path).toBe(404);
    }
    await bruno.get('/risk-analysis');
    expect((await bruno.post(`/risk-analysis/${analysisId}/processes`, { name: 'Sneaky', description: '' })).status).toBe(404);
    expect((await bruno.post(`/risk-analysis/${analysisId}/complete`, {})).status).toBe(404);
    // Starting an analysis for someone else's entity is refused beside the field.
    await bruno.get('/risk-analysis');
    const foreign = await bruno.post('/risk-analysis', { entityId: world.entityA, title: 'Not mine' });
    expect(foreign.status).toBe(400);
    expect(await rows("select id from risk_analyses where title = 'Not mine'")).toEqual([]);

    const coordinator = await world.signIn(world.coordinator);
    expect((await coordinator.get(`/risk-analysis/${analysisId}/report`)).status).toBe(200);

    const member = await world.signIn(world.member);
    expect((await member.get('/risk-analysis')).status).toBe(403);
    expect((await member.get(`/risk-analysis/${analysisId}`)).status).toBe(403);
    expect((await anna.get('/risk-analysis/model')).status).toBe(403);
    expect((await anna.get('/risk-analysis/not-a-uuid')).status).toBe(404);
  });

  it('lets the coordinator import a new model version, naming the line of each mistake, and new analyses use it', async () => {
    const coordinator = await world.signIn(world.coordinator);
    const page = await coordinator.get('/risk-analysis/model?lang=en');
    expect(page.status).toBe(200);
    const source = (await coordinator.get('/risk-analysis/model.yaml')).html;
    expect(source).toContain('code: integrity-risk');

    await coordinator.get('/risk-analysis/model?lang=en');
    const sameVersion = await coordinator.post('/risk-analysis/model', { source });
    expect(sameVersion.status).toBe(400);
    expect(sameVersion.html).toContain('Line 4: version 1 of model integrity-risk already exists');

    const broken = source.replace('version: 1', 'version: 2').replace(/(code: money\n\s+)weight: 3/, '$1weight: lots');
    const weightLine = broken.split('\n').findIndex((line) => line.includes('weight: lots')) + 1;
    const refused = await coordinator.post('/risk-analysis/model', { source: broken });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(`Line ${weightLine}: inherentFactors[0].weight has the wrong kind of value`);
    expect(refused.html).toContain('weight: lots');

    const imported = await coordinator.post('/risk-analysis/model', { source: source.replace('version: 1', 'version: 2') });
    expect(imported.status).toBe(303);
    expect((await rows("select count(*)::int as n from audit_log where action = 'risk_model.imported'"))[0]!.n).toBe(1);

    await coordinator.get('/risk-analysis');
    const started = await coordinator.post('/risk-analysis', { entityId: world.entityB, title: 'Mobility 2026' });
    const id = analysisIdFrom(started.location);
    expect((await rows('select model_version from risk_analyses where id = $1', [id]))[0]!.model_version).toBe(2);
    // The earlier analysis keeps the version it was made with.
    expect((await rows('select model_version from risk_analyses where id = $1', [analysisId]))[0]!.model_version).toBe(1);
  });
});
