import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAssessment, recordConsensus } from '../../src/features/assessment/commands/consensus.ts';
import { startAssessment } from '../../src/features/assessment/commands/running.ts';
import { readConsensusForm } from '../../src/features/assessment/consensus-form.ts';
import { createEntity } from '../../src/features/admin/service.ts';
import { databaseKinds } from '../databases.ts';
import { Client } from '../server.ts';
import { answersAt, questionCodes, shippedModel, startAssessmentWorld, type AssessmentWorld } from '../assessment-world.ts';

const model = shippedModel();
const codes = questionCodes(model);
const firstDimension = model.dimensions[0]!;

/** The consensus form with every question agreed at `level` and every dimension complete. */
function fullConsensus(level: (code: string) => number): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const d of model.dimensions) {
    fields[`complete:${d.code}`] = 'on';
    for (const q of d.questions) fields[`level:${q.code}`] = String(level(q.code));
  }
  return fields;
}

describe.each(databaseKinds)('the self-assessment on %s', (kind) => {
  let world: AssessmentWorld;
  let assessmentId: string;
  let modelId: string;
  const count = async (sql: string, values?: unknown[]) => Number((await world.server.database.execute(sql, values))[0]?.n);

  beforeAll(async () => {
    world = await startAssessmentWorld(kind);
  });
  afterAll(() => world.close());

  it('installs the shipped model on first use and lets an integrity actor start an assessment for their own entity only', async () => {
    const { actorA } = world.users;
    const overview = await actorA.client.get('/assessment');
    expect(overview.status).toBe(200);
    expect(overview.html).toContain('href="/assessment"');
    modelId = /name="modelId"[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(overview.html)![1]!;
    expect(overview.html).toContain('Integrity management maturity scan (version 1)');
    expect(overview.html).not.toContain(world.entityB);

    const refused = await actorA.client.post('/assessment/start', { entityId: world.entityB, modelId });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Choose one of the options');

    const started = await actorA.client.post('/assessment/start', { entityId: world.entityA, modelId });
    expect(started.status).toBe(303);
    assessmentId = /\/assessment\/([0-9a-f-]{36})/.exec(started.location!)![1]!;
    expect(await count("select count(*)::int as n from audit_log where action = 'assessment.started' and subject_id = $1", [assessmentId])).toBe(1);
    expect(await count("select count(*)::int as n from audit_log where action = 'assessment.model_imported'")).toBe(1);
  });

  it('answers 404 to an integrity actor of another entity, on every page of the assessment', async () => {
    const { actorB } = world.users;
    for (const path of ['', '/consensus', '/report', '/report.pdf', '/actions']) {
      expect((await actorB.client.get(`/assessment/${assessmentId}${path}`)).status, path).toBe(404);
    }
    await actorB.client.get('/assessment');
    expect((await actorB.client.post(`/assessment/${assessmentId}/invite`, { userId: world.users.actorB.id })).status).toBe(404);
    expect((await actorB.client.post(`/assessment/${assessmentId}/consensus`, fullConsensus(() => 1))).status).toBe(404);
    expect((await actorB.client.get('/assessment/not-a-uuid')).status).toBe(404);
  });

  let links: string[] = [];

  it('invites users of the entity, refuses a user of another entity, and shows each one-time link once', async () => {
    const { actorA, hrA, managerA, actorB } = world.users;
    await actorA.client.get(`/assessment/${assessmentId}`);
    for (const user of [actorA, hrA, managerA]) {
      expect((await actorA.client.post(`/assessment/${assessmentId}/invite`, { userId: user.id })).status).toBe(303);
      await actorA.client.get(`/assessment/${assessmentId}`);
    }
    const refused = await actorA.client.post(`/assessment/${assessmentId}/invite`, { userId: actorB.id });
    expect(refused.status).toBe(400);
    for (let i = 0; i < 2; i++) {
      const page = await actorA.client.post(`/assessment/${assessmentId}/links`, {});
      expect(page.status).toBe(201);
      const url = /id="participant-link">([^<]+)</.exec(page.html)![1]!;
      links.push(new URL(url).pathname);
    }
    links = links.map((l) => l);
    const tokens = links.map((l) => l.split('/').pop()!);
    const stored = await world.server.database.execute('select token_hash from assessment_participants where token_hash is not null');
    expect(stored).toHaveLength(2);
    for (const token of tokens) expect(JSON.stringify(stored)).not.toContain(token);
    expect((await actorA.client.get(`/assessment/${assessmentId}`)).html).not.toContain(tokens[0]!);
  });

  it('lets a participant save a draft without JavaScript, come back to it, and refuses an incomplete submission keeping every answer', async () => {
    const { hrA } = world.users;
    const home = await hrA.client.get('/assessment');
    const answerPath = /href="(\/assessment\/answer\/[0-9a-f-]{36})"/.exec(home.html)![1]!;
    const form = await hrA.client.get(answerPath);
    expect(form.status).toBe(200);
    expect(form.html).not.toContain('<script');
    expect(form.html).toContain(firstDimension.questions[0]!.text.en);

    const draft = { intent: 'save', [`level:${codes[0]}`]: '2', [`comment:${codes[0]}`]: 'Only after incidents', [`evidence:${codes[0]}`]: 'https://intranet.example/memo' };
    const saved = await hrA.client.post(answerPath, draft);
    expect(saved.status).toBe(303);
    const back = await hrA.client.get(answerPath);
    expect(back.html).toMatch(new RegExp(`name="level:${codes[0]}" value="2" checked`));
    expect(back.html).toContain('Only after incidents');
    expect(back.html).toContain('https://intranet.example/memo');

    const incomplete = await hrA.client.post(answerPath, { ...draft, intent: 'submit', [`level:${codes[1]}`]: '4', [`evidence:${codes[2]}`]: 'not a link' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.html).toContain('Choose a level for this question.');
    expect(incomplete.html).toContain('Enter a web address starting with https:// or http://.');
    expect(incomplete.html).toContain('Only after incidents');
    expect(incomplete.html).toMatch(new RegExp(`name="level:${codes[1]}" value="4" checked`));
    expect(incomplete.html).toContain('value="not a link"');
    expect(await count("select count(*)::int as n from assessment_participants where status = 'submitted'")).toBe(0);
    // Nobody else opens a participant's answers, not even the facilitator.
    expect((await world.users.actorA.client.get(answerPath)).status).toBe(404);
  });

  it('keeps the spread of answers hidden until three participants have submitted, then shows counts per level without names', async () => {
    const { actorA, hrA, managerA } = world.users;
    const submitAs = async (client: Client, level: (code: string, index: number) => number) => {
      const home = await client.get('/assessment');
      const path = /href="(\/assessment\/answer\/[0-9a-f-]{36})"/.exec(home.html)![1]!;
      await client.get(path);
      const page = await client.post(path, answersAt(model, level));
      expect(page.status).toBe(303);
      return path;
    };
    const hrPath = await submitAs(hrA.client, () => 2);
    const done = await hrA.client.get(hrPath);
    expect(done.html).toContain('Your answers have been submitted');
    expect((await hrA.client.post(hrPath, answersAt(model, () => 5), { csrf: hrA.client.csrfToken() })).status).toBe(409);

    const managerHome = await managerA.client.get('/assessment');
    const managerPath = /href="(\/assessment\/answer\/[0-9a-f-]{36})"/.exec(managerHome.html)![1]!;
    await managerA.client.get(managerPath);
    const managerAnswers = { ...answersAt(model, (_code, index) => (index % 2 === 0 ? 3 : 4)), [`comment:${codes[0]}`]: 'Our director never mentions it', [`evidence:${codes[0]}`]: 'https://intranet.example/minutes' };
    expect((await managerA.client.post(managerPath, managerAnswers)).status).toBe(303);
    const hidden = await actorA.client.get(`/assessment/${assessmentId}/consensus`);
    expect(hidden.status).toBe(200);
    expect(hidden.html).toContain('stays hidden until at least 3 participants have submitted (now 2)');
    expect(hidden.html).not.toContain('Spread of answers:');
    expect(hidden.html).not.toContain('Our director never mentions it');

    // The third submission comes through a one-time link, by someone without an account.
    const stranger = new Client(world.server.baseUrl);
    const linkForm = await stranger.get(`${links[0]!}?lang=en`);
    expect(linkForm.status).toBe(200);
    const thanks = await stranger.post(links[0]!, answersAt(model, () => 2));
    expect(thanks.status).toBe(200);
    expect(thanks.html).toContain('Your answers have been submitted');

    const shown = await actorA.client.get(`/assessment/${assessmentId}/consensus`);
    expect(shown.html).toContain('Spread of the answers of 3 participants');
    const row = new RegExp(`${firstDimension.questions[0]!.text.en}</th>((?:<td[^>]*>\\d+</td>){5})`).exec(shown.html)![1]!;
    expect([...row.matchAll(/>(\d+)</g)].map((m) => Number(m[1]))).toEqual([0, 2, 1, 0, 0]);
    expect(shown.html).toContain('Our director never mentions it');
    expect(shown.html).toContain('href="https://intranet.example/minutes" rel="noopener noreferrer nofollow"');
    for (const name of [hrA.name, world.users.managerA.name]) expect(shown.html).not.toContain(name);
  });

  it('says a used link and an expired link no longer work, on a clear page', async () => {
    const stranger = new Client(world.server.baseUrl);
    const used = await stranger.get(`${links[0]!}?lang=en`);
    expect(used.status).toBe(410);
    expect(used.html).toContain('This link no longer works');
    await world.server.database.execute("update assessment_participants set token_expires_at = now() - interval '1 minute' where status = 'invited' and token_hash is not null");
    const expired = await stranger.get(links[1]!);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('This link no longer works');
    expect((await stranger.get('/assessment/link/made-up-token-that-never-existed')).status).toBe(410);
    // A link's token is a credential: no log line carries it.
    const logs = world.server.logLines.join('\n');
    expect(logs).toContain('/assessment/');
    for (const link of links) expect(logs).not.toContain(link.split('/').pop()!);
  });

  it('refuses a consensus that contradicts itself, keeping what was typed, and records a sound one with an audit event', async () => {
    const { actorA } = world.users;
    await actorA.client.get(`/assessment/${assessmentId}/consensus`);
    const contradictory = { ...fullConsensus(() => 3), [`level:${codes[0]}`]: '7', [`level:${codes[7]}`]: '', [`remark:${codes[1]}`]: 'We agreed after a long talk' };
    const refused = await actorA.client.post(`/assessment/${assessmentId}/consensus`, contradictory);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('A level must be between 1 and 5.');
    expect(refused.html).toContain('This dimension is marked complete, but one question has no level yet.');
    expect(refused.html).toContain('We agreed after a long talk');
    expect(await count('select count(*)::int as n from assessment_consensus')).toBe(0);

    // Leadership at 2 with weight 3 is the biggest gap; risk analysis at 4 the smallest among the heavy ones.
    const leadership = new Set(firstDimension.questions.map((q) => q.code));
    const risk = new Set(model.dimensions.find((d) => d.code === 'risk-analysis')!.questions.map((q) => q.code));
    const agreed = fullConsensus((code) => (leadership.has(code) ? 2 : risk.has(code) ? 4 : 3));
    const recorded = await actorA.client.post(`/assessment/${assessmentId}/consensus`, { ...agreed, 'dimremark:leadership': 'Tone at the top is missing' });
    expect(recorded.status).toBe(303);
    expect(await count('select count(*)::int as n from assessment_consensus where level is not null')).toBe(60);
    expect(await count("select count(*)::int as n from audit_log where action = 'assessment.consensus_recorded'")).toBe(1);
  });

  it('reports scores with an accessible chart and table, next steps by weight × gap, and a PDF', async () => {
    const { actorA } = world.users;
    const report = await actorA.client.get(`/assessment/${assessmentId}/report`);
    expect(report.status).toBe(200);
    expect(report.html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="score-chart-title score-chart-desc"/);
    expect(report.html).toContain('<title id="score-chart-title">');
    expect(report.html).toContain('<desc id="score-chart-desc">');
    expect(report.html).toContain('<caption class="utrecht-table__caption">Scores per dimension</caption>');
    expect(report.html).not.toContain('<script');
    const steps = /<ol class="utrecht-ordered-list" id="next-steps">([\s\S]*?)<\/ol>/.exec(report.html)![1]!;
    const order = [...steps.matchAll(/<strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
    // leadership 3 × (5 − 2) = 9, reporting 3 × 2 = 6, the weight-2 dimensions 2 × 2 = 4, risk analysis 3 × 1 = 3, diversity 1 × 2 = 2.
    expect(order.slice(0, 2)).toEqual(['Leadership and tone at the top', 'Reporting and protection']);
    expect(steps).toContain(firstDimension.recommendations[1]!.en);
    expect(steps).toContain('Tone at the top is missing');
    expect(order.slice(-2)).toEqual(['Risk analysis', 'Diversity and wellbeing links']);
    expect(report.html).toContain('appears only when at least 5 other entities');

    const pdf = await fetch(new URL(`/assessment/${assessmentId}/report.pdf`, world.server.baseUrl), { headers: { cookie: `ib_session=${actorA.client.cookie('ib_session')}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it('closes the assessment, turns a next step into an action with an owner and due date, and follows it up', async () => {
    const { actorA, hrA } = world.users;
    await actorA.client.get(`/assessment/${assessmentId}`);
    expect((await actorA.client.post(`/assessment/${assessmentId}/close`, {})).status).toBe(303);
    expect(await count("select count(*)::int as n from assessments where status = 'closed' and overall_score is not null")).toBe(1);
    const stranger = new Client(world.server.baseUrl);
    expect((await stranger.get(links[1]!)).status).toBe(410);
    const [unanswered] = await world.server.database.execute('select id from assessment_participants where user_id = $1', [actorA.id]);
    const closedForm = await actorA.client.get(`/assessment/answer/${unanswered!.id}`);
    expect(closedForm.status).toBe(409);
    expect(closedForm.html).toContain('This self-assessment is closed');

    await actorA.client.get(`/assessment/${assessmentId}/actions`);
    const bad = await actorA.client.post(`/assessment/${assessmentId}/actions`, { dimensionCode: 'leadership', title: 'Signed statement', ownerId: hrA.id, dueOn: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Enter a date, for example 2026-12-31.');
    expect(bad.html).toContain('Signed statement');
    const created = await actorA.client.post(`/assessment/${assessmentId}/actions`, { dimensionCode: 'leadership', title: 'Signed statement', ownerId: hrA.id, dueOn: '2027-03-31' });
    expect(created.status).toBe(303);
    const list = await actorA.client.get(`/assessment/${assessmentId}/actions`);
    expect(list.html).toContain('Signed statement');
    expect(list.html).toContain(hrA.name);
    const actionId = /action="\/assessment\/[0-9a-f-]{36}\/actions\/([0-9a-f-]{36})"/.exec(list.html)![1]!;
    expect((await actorA.client.post(`/assessment/${assessmentId}/actions/${actionId}`, { status: 'in_progress' })).status).toBe(303);
    expect(await count("select count(*)::int as n from assessment_actions where status = 'in_progress'")).toBe(1);

    // The next assessment shows the open action of this one, and the trend.
    await actorA.client.get('/assessment');
    const next = await actorA.client.post('/assessment/start', { entityId: world.entityA, modelId });
    const nextId = /\/assessment\/([0-9a-f-]{36})/.exec(next.location!)![1]!;
    expect((await actorA.client.get(`/assessment/${nextId}/actions`)).html).toContain('Signed statement');
    await actorA.client.get(`/assessment/${nextId}/consensus`);
    await actorA.client.post(`/assessment/${nextId}/consensus`, fullConsensus(() => 4));
    const trend = await actorA.client.get(`/assessment/${nextId}/report`);
    expect(trend.html).toContain('Trend');
    expect(trend.html).toContain('last time 3.0');
  });

  it('shows the anonymous peer benchmark only once five other entities closed the same model version, without their names', async () => {
    const db = world.server.database.db;
    const { actorA } = world.users;
    const peerNames: string[] = [];
    for (let i = 0; i < 5; i++) {
      const name = `Peer entity ${i}`;
      peerNames.push(name);
      const entity = await createEntity(db, world.adminId, { name, kind: 'unit', headcount: 50, parentId: null });
      if (!entity.ok) throw new Error('entity');
      const started = await startAssessment(db, world.adminId, { entityId: entity.entityId, modelId });
      if (!started.ok) throw new Error('start');
      const reading = readConsensusForm(model, fullConsensus(() => 1 + i));
      if (!reading.ok) throw new Error('consensus');
      await recordConsensus(db, world.adminId, started.assessmentId, reading.input);
      await closeAssessment(db, world.adminId, started.assessmentId, model);
      const report = await actorA.client.get(`/assessment/${assessmentId}/report`);
      if (i < 4) expect(report.html, `${i + 1} peers`).toContain('appears only when at least 5 other entities');
      else {
        expect(report.html).toContain('Anonymous comparison with 5 other entities');
        expect(report.html).toContain('their median overall score is 3.0');
        expect(report.html).toContain('Median of other entities');
        // Peers agreed everything at 1, 2, 3, 4 and 5: the middle half of them lies between 2 and 4.
        expect(report.html).toContain('<td class="utrecht-table__cell">2.0 – 4.0</td>');
        for (const peer of peerNames) expect(report.html).not.toContain(peer);
      }
    }
  });

  it('lets the integrity coordinator import a model, names the line of an error, and keeps the old version for running assessments', async () => {
    const { coordinator: admin } = world;
    await admin.get('/assessment/models?lang=en');
    const source = (await world.server.database.execute('select source from assessment_models where version = 1'))[0]!.source as string;
    const broken = source.replace('weight: 3', 'weight: -3');
    const brokenLine = broken.split('\n').findIndex((l) => l.includes('weight: -3')) + 1;
    const form = new FormData();
    form.append('_csrf', admin.csrfToken());
    form.append('source', broken);
    let response = await fetch(new URL('/assessment/models', world.server.baseUrl), { method: 'POST', body: form, headers: { cookie: `ib_session=${admin.cookie('ib_session')}; ib_csrf=${admin.cookie('ib_csrf')}; ib_lang=en` }, redirect: 'manual' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`Line ${brokenLine}: dimensions.0.weight is outside the allowed range`);
    expect(html).toContain('weight: -3');

    const upload = new FormData();
    upload.append('_csrf', admin.csrfToken());
    upload.append('source', '');
    upload.append('file', new Blob([source.replace('weight: 3', 'weight: 4')], { type: 'text/yaml' }), 'model.yaml');
    response = await fetch(new URL('/assessment/models', world.server.baseUrl), { method: 'POST', body: upload, headers: { cookie: `ib_session=${admin.cookie('ib_session')}; ib_csrf=${admin.cookie('ib_csrf')}; ib_lang=en` }, redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(await count("select count(*)::int as n from assessment_models where code = 'integrity-maturity'")).toBe(2);
    expect(await count("select count(*)::int as n from audit_log where action = 'assessment.model_imported'")).toBe(2);
    const kept = await world.server.database.execute('select m.version from assessments a join assessment_models m on m.id = a.model_id where a.id = $1', [assessmentId]);
    expect(kept[0]!.version).toBe(1);
    expect((await world.users.actorA.client.get('/assessment/models')).status).toBe(403);
    // Administrators run the system, not the integrity policy every entity is measured against.
    expect((await world.admin.get('/assessment/models')).status).toBe(403);
  });
});
