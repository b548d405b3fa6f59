/** Specifies backup and restore: a round trip between PGlite and PostgreSQL keeps every row and the audit chain. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type DatabaseKind } from '../databases.ts';
import { recordAudit } from '../../src/platform/audit/audit.ts';
import { verifyAuditTrail } from '../../src/platform/audit/verify.ts';
import { backupDatabase, restoreDatabase } from '../../src/platform/db/backup.ts';
import type { DatabaseHandle, Row } from '../../src/platform/db/client.ts';
import {
  entities,
  handlerFunctions,
  oidcLogins,
  installation,
  recoveryCodes,
  signInFailures,
  sessions,
  settings,
  setupTokens,
  userKeys,
  userRoles,
  users,
} from '../../src/platform/db/schema.ts';
import {
  caseEvents,
  caseFiles,
  caseIdentitySeals,
  caseKeySeals,
  caseMessages,
  cases,
  draftFiles,
  fileChunks,
  routingRuleHandlers,
  routingRules,
  unlockedKeys,
} from '../../src/features/case-record/service.ts';
import { receiptSessions, usedFormTokens } from '../../src/features/reporting/schema.ts';
import { caseExclusions, caseLinks, casePendingSeals, caseRedactions, caseTasks, identityRevealRequests } from '../../src/features/cases/schema.ts';
import { riskAnalyses, riskModels, riskProcesses } from '../../src/features/assessment/risk/schema.ts';
import { builtInRiskModel, builtInRiskModelSource } from '../../src/features/assessment/risk/model.ts';
import {
  assessmentActions,
  assessmentAnswers,
  assessmentConsensus,
  assessmentDimensions,
  assessmentModels,
  assessmentParticipants,
  assessments,
} from '../../src/features/assessment/schema.ts';
import { readModelDocument } from '../../src/features/assessment/model-document.ts';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-backup-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Puts a few rows in every table, including bytea, jsonb, a three-level entity tree and a chained audit trail. */
async function fillDatabase(handle: DatabaseHandle): Promise<void> {
  const { db } = handle;
  await db.insert(installation).values({ organisationName: 'Federale Overheid', defaultLanguage: 'nl' });
  await db.insert(setupTokens).values({ tokenHash: 'used-setup-token' });
  await db.update(handlerFunctions).set({ sortOrder: 9 }).where(sql`${handlerFunctions.code} = 'auditor'`);
  await db.insert(handlerFunctions).values({ code: 'ombudsman', labels: { nl: 'Ombudsman', en: 'Ombudsman', 'x"quote': 'a\nb' } });
  const [government] = await db.insert(entities).values({ name: 'Government', kind: 'government' }).returning();
  const [department] = await db.insert(entities).values({ name: 'Finance', kind: 'department', parentId: government!.id, headcount: 1200 }).returning();
  const [agency] = await db.insert(entities).values({ name: 'Tax agency', kind: 'agency', parentId: department!.id, headcount: 450 }).returning();
  const [handler, actor] = await db
    .insert(users)
    .values([
      { email: 'handler@example.org', displayName: 'Hélène Handler', passwordHash: '$argon2id$v=19$x', totpSecret: 'SECRET', totpEnabledAt: new Date('2025-03-01T10:00:00.123Z') },
      { email: 'actor@example.org', displayName: 'Ann Actor', language: 'fr', oidcSubject: 'sub-1', lockedUntil: new Date('2030-01-01T00:00:00Z') },
    ])
    .returning();
  await db.insert(userRoles).values([
    { userId: handler!.id, role: 'case_handler', handlerFunction: 'ombudsman' },
    { userId: actor!.id, role: 'entity_actor', actorFunction: 'integrity_contact', entityId: agency!.id },
  ]);
  await db.insert(recoveryCodes).values([
    { userId: handler!.id, codeHash: 'code-1' },
    { userId: handler!.id, codeHash: 'code-2', usedAt: new Date() },
  ]);
  await db.insert(sessions).values({ tokenHash: 'session-1', userId: handler!.id, stage: 'complete', expiresAt: new Date(Date.now() + 3_600_000) });
  await db.insert(userKeys).values({
    userId: handler!.id,
    publicKey: new Uint8Array(32).map((_, i) => i),
    sealedPrivateKey: new Uint8Array([0, 255, 128, 7, 0, 0, 1]),
    nonce: new Uint8Array(24).fill(0xab),
    kdfSalt: new Uint8Array(16).fill(0),
    secretKind: 'password',
  });
  await db.insert(oidcLogins).values({ browserTokenHash: 'browser-1', state: 's', nonce: 'n', codeVerifier: 'v', next: '/', expiresAt: new Date(Date.now() + 600_000) });
  await db.insert(signInFailures).values({ emailKey: 'keyed-hash-of-an-unknown-address', failures: 2, lockedUntil: new Date('2026-11-24T10:15:00Z') });
  await db.insert(settings).values({ key: 'landing.text', value: { nl: 'Welkom', nested: { list: [1, 2.5, null, true] } } });
  // The reporting point's tables: a case with its seals, a message, a file in chunks, held uploads and routing.
  const caseId = '11111111-2222-4333-8444-555555555555';
  await db.insert(cases).values({
    id: caseId,
    reference: 'IB-ABCD-2345',
    kind: 'report',
    domain: 'integrity',
    theme: 'fraud',
    entityId: agency!.id,
    requesterRole: 'staff',
    identityChoice: 'anonymous',
    receivedOn: '2026-11-23',
    acknowledgementDueOn: '2026-11-30',
    feedbackDueOn: '2027-02-28',
    receiptLookupHash: 'lookup-1',
    content: new Uint8Array([1, 2, 3, 0, 255]),
    priority: 'urgent',
    triagedOn: '2026-11-26',
    retaliationRisk: 'high',
    milestones: { received: '2026-11-23', acknowledged: '2026-11-25' },
    nextDueOn: '2027-02-28',
    nextDuty: 'feedback',
    identity: new Uint8Array([0, 255, 0, 255, 10]),
    registeredBy: handler!.id,
  });
  await db.insert(caseKeySeals).values([
    { caseId, userId: null, sealedKey: new Uint8Array(80).fill(1) },
    { caseId, userId: handler!.id, sealedKey: new Uint8Array(80).fill(2) },
  ]);
  const [message] = await db.insert(caseMessages).values({ caseId, author: 'reporter', sentOn: '2026-11-24', body: new Uint8Array([9, 9]) }).returning();
  const fileId = '66666666-7777-4888-8999-000000000000';
  await db.insert(caseFiles).values({ id: fileId, caseId, messageId: message!.id, fileKey: new Uint8Array(72), name: new Uint8Array(40), mediaType: new Uint8Array(40), size: 3 });
  await db.insert(fileChunks).values([
    { fileId, index: 0, bytes: new Uint8Array(65_553).fill(7) },
    { fileId, index: 1, bytes: new Uint8Array(20).fill(8) },
  ]);
  await db.insert(draftFiles).values({ id: crypto.randomUUID(), draftId: crypto.randomUUID(), fileKey: new Uint8Array(72), name: new Uint8Array(40), mediaType: new Uint8Array(40), size: 1, expiresAt: new Date('2026-11-24T10:00:00Z') });
  await db.insert(usedFormTokens).values({ nonceHash: 'nonce-1', expiresAt: new Date('2026-11-24T11:00:00Z') });
  await db.insert(receiptSessions).values({ tokenHash: 'receipt-1', caseId, wrappedDataKey: new Uint8Array(72), expiresAt: new Date(Date.now() + 600_000) });
  const [rule] = await db.insert(routingRules).values({ theme: 'fraud', entityId: department!.id }).returning();
  await db.insert(routingRuleHandlers).values({ ruleId: rule!.id, userId: handler!.id });
  await db.insert(unlockedKeys).values({ sessionTokenHash: 'session-1', userId: handler!.id, wrappedPrivateKey: new Uint8Array(72), expiresAt: new Date(Date.now() + 600_000) });
  // Case management's tables. A second case, with the larger id, to link to; a third that retention removes,
  // leaving its statistical record with no case. Closing the first case makes the trigger update its record.
  const linkedCaseId = '99999999-aaaa-4bbb-8ccc-dddddddddddd';
  await db.insert(cases).values({
    id: linkedCaseId,
    reference: 'IB-WXYZ-6789',
    kind: 'question',
    channel: 'phone',
    domain: 'wellbeing',
    theme: 'conflict',
    entityId: department!.id,
    requesterRole: 'hr',
    identityChoice: 'confidential',
    wantsMeeting: true,
    contactPreference: 'phone',
    receivedOn: '2026-12-01',
    acknowledgementDueOn: '2026-12-08',
    feedbackDueOn: '2027-03-01',
    content: new Uint8Array(0),
    procedure: 'question',
    identity: new Uint8Array(256).map((_, i) => 255 - i),
    recordReview: 'awaiting_review',
    acknowledgementWaiver: 'endangers_identity',
    legalHold: true,
    version: 3,
    registeredBy: actor!.id,
  });
  const removedCaseId = '55555555-0000-4000-8000-000000000000';
  await db.insert(cases).values({
    id: removedCaseId,
    reference: 'IB-GONE-2222',
    kind: 'report',
    domain: 'integrity',
    theme: 'fraud',
    requesterRole: 'other',
    identityChoice: 'named',
    receivedOn: '2019-01-02',
    acknowledgementDueOn: '2019-01-09',
    feedbackDueOn: '2019-04-02',
    content: new Uint8Array([255]),
  });
  await db.delete(cases).where(sql`${cases.id} = ${removedCaseId}`);
  await db
    .update(cases)
    .set({
      status: 'closed',
      milestones: { received: '2026-11-23', acknowledged: '2026-11-25', feedback_given: '2027-01-15', 'odd "key"\n': 'x' },
      outcome: 'partly_founded',
      measures: ['training', 'a "quoted", {braced} measure', 'back\\slash\nnewline', '', 'NULL'],
      closedOn: '2027-01-20',
      protectionCheckInOn: '2027-07-20',
      nextDueOn: null,
      nextDuty: null,
      version: 7,
    })
    .where(sql`${cases.id} = ${caseId}`);
  await db.insert(caseEvents).values([
    { caseId, kind: 'registered', details: {} },
    { caseId, kind: 'status', actorId: handler!.id, details: { from: 'received', to: 'acknowledged', milestone: 'acknowledged' }, body: new Uint8Array([0, 255]) },
    { caseId, kind: 'note', actorId: handler!.id, at: sql`'2026-11-26 09:15:30.123456+00'`, body: new Uint8Array(0) },
    { caseId: linkedCaseId, kind: 'link', actorId: null, details: { linked: caseId, 'quote"': 'line\nbreak', list: [1, 2.5, null, true] } },
  ]);
  const [task] = await db
    .insert(caseTasks)
    .values([
      { caseId, title: new Uint8Array([0, 1, 255]), assigneeId: handler!.id, dueOn: '2026-12-15', createdBy: handler!.id },
      { caseId, title: new Uint8Array(48).fill(255), assigneeId: null, dueOn: null, doneOn: '2026-12-01', createdBy: null },
    ])
    .returning();
  await db.insert(caseEvents).values({ caseId, kind: 'task', actorId: handler!.id, details: { taskId: task!.id } });
  await db.insert(caseLinks).values({ caseId, linkedCaseId });
  await db.insert(caseExclusions).values([
    { caseId, userId: actor!.id, reason: 'involved', declaredBy: handler!.id },
    { caseId: linkedCaseId, userId: handler!.id, reason: 'conflict_of_interest', declaredBy: null },
  ]);
  await db.insert(casePendingSeals).values({ caseId, userId: actor!.id, requestedBy: handler!.id, seesRedacted: true });
  await db.insert(caseIdentitySeals).values({ caseId: linkedCaseId, userId: handler!.id, sealedKey: new Uint8Array(80).map((_, i) => (i % 2 ? 0 : 255)) });
  await db.insert(identityRevealRequests).values([
    { caseId: linkedCaseId, forUserId: actor!.id, requestedBy: handler!.id, reason: new Uint8Array([0, 0, 255]), pendingSeal: new Uint8Array(80).fill(3) },
    {
      caseId: linkedCaseId,
      forUserId: actor!.id,
      requestedBy: handler!.id,
      reason: new Uint8Array([42]),
      pendingSeal: null,
      status: 'refused',
      decidedBy: handler!.id,
      decidedAt: new Date('2026-12-03T08:00:00.5Z'),
    },
  ]);
  await db.insert(caseRedactions).values([
    { caseId, target: 'answers.description', ranges: [{ start: 0, end: 12 }, { start: 40, end: 41 }], createdBy: handler!.id },
    { caseId, target: `message:${message!.id}`, ranges: [], createdBy: null },
  ]);
  // The risk analysis: the shipped model as imported, a completed analysis and a draft, their processes.
  const riskModel = builtInRiskModel();
  await db.insert(riskModels).values({ code: riskModel.code, version: 2, source: builtInRiskModelSource(), model: riskModel, importedBy: actor!.id });
  const [completedAnalysis, draftAnalysis] = await db
    .insert(riskAnalyses)
    .values([
      { entityId: agency!.id, title: 'Risicoanalyse "Inning"\n2026', modelCode: riskModel.code, modelVersion: 2, model: riskModel, status: 'completed', startedBy: actor!.id, completedAt: new Date('2026-10-01T12:00:00Z') },
      { entityId: department!.id, title: "L'analyse d'été", modelCode: riskModel.code, modelVersion: 1, model: riskModel, startedBy: null },
    ])
    .returning();
  await db.insert(riskProcesses).values([
    {
      analysisId: completedAnalysis!.id,
      name: 'Invordering',
      description: 'Dwangbevelen\n"en" beslag',
      ratings: { inherent: { money: 3, discretion: 0 }, enhancing: { turnover: 2 }, controls: { four_eyes: 5, rotation: 1 }, comments: { four_eyes: 'Twee handtekeningen,\n"altijd"' } },
    },
    { analysisId: draftAnalysis!.id, name: 'Aankoop' },
  ]);
  // The self-assessment: the shipped model, a closed assessment with a user and a link participant, their answers, the consensus and the plan.
  const maturitySource = fs.readFileSync(new URL('../../src/features/assessment/models/integrity-maturity.yaml', import.meta.url), 'utf8');
  const maturity = readModelDocument(maturitySource);
  if (!maturity.ok) throw new Error('the shipped maturity model does not read');
  const [maturityModel] = await db.insert(assessmentModels).values({ code: maturity.model.code, version: 1, source: maturitySource, definition: maturity.model, createdBy: actor!.id }).returning();
  const [assessment] = await db
    .insert(assessments)
    .values({ entityId: agency!.id, modelId: maturityModel!.id, status: 'closed', startedBy: actor!.id, closedAt: new Date('2026-09-30T15:00:00Z'), overallScore: 2 / 3 })
    .returning();
  const [userParticipant, linkParticipant] = await db
    .insert(assessmentParticipants)
    .values([
      { assessmentId: assessment!.id, userId: actor!.id, status: 'submitted', submittedAt: new Date('2026-09-20T10:00:00Z') },
      { assessmentId: assessment!.id, tokenHash: 'link-token-hash', tokenExpiresAt: new Date('2026-10-01T00:00:00Z'), status: 'draft' },
    ])
    .returning();
  await db.insert(assessmentAnswers).values([
    { participantId: userParticipant!.id, questionCode: 'leadership.commitment', level: 4, comment: 'Charter "signed"\nin 2024', evidenceUrl: 'https://intranet.example.org/charter?a=1&b=2' },
    { participantId: linkParticipant!.id, questionCode: 'leadership.commitment', level: null },
  ]);
  await db.insert(assessmentConsensus).values([
    { assessmentId: assessment!.id, questionCode: 'leadership.commitment', level: 3, remark: "Niet iedereen kent 't charter" },
    { assessmentId: assessment!.id, questionCode: 'leadership.example', level: null },
  ]);
  await db.insert(assessmentDimensions).values({ assessmentId: assessment!.id, dimensionCode: 'leadership', complete: true, remark: 'ok', score: 0.1 + 0.2 });
  await db.insert(assessmentActions).values({
    assessmentId: assessment!.id,
    dimensionCode: 'leadership',
    title: 'Integriteitsverklaring "ondertekenen"',
    ownerId: handler!.id,
    dueOn: '2027-03-31',
    status: 'in_progress',
    createdBy: actor!.id,
  });
  // The figures: a publication with a published and a withdrawn version, and commentary with Markdown.
  const [publication] = await handle.execute(`insert into figure_publications (year, indicators, created_by) values (2025, $1, $2) returning id`, [
    ['contacts_by_type', 'timeliness'],
    handler!.id,
  ]);
  await handle.execute(
    `insert into figure_publication_versions (publication_id, version, status, snapshot, published_by, reason, ended_at, end_reason) values
      ($1, 1, 'withdrawn', $2, $3, null, '2026-02-01T09:30:00.123456Z', 'a "typo"\nin a total'), ($1, 2, 'published', $4, $3, 'corrected', null, null)`,
    [publication!.id, JSON.stringify({ tables: [{ id: 't', cells: { 'a|b': null, '*|*': 12 } }] }), handler!.id, JSON.stringify({ tables: [], note: 'ünïcode' })],
  );
  await handle.execute(`insert into figure_commentary (scope, section, language, body, updated_by) values ('2025', 'themes', 'nl', $1, $2)`, ['**Meer** meldingen\n\n- pesten', handler!.id]);
  // A deadline reminder sent today, claimed so a second run of the job sends nothing twice.
  await handle.execute(`insert into case_reminder_claims (key, sent_on) values ('2026-03-02:task:7f0c:1b2e', '2026-03-02')`);
  await recordAudit(db, { actorId: null, action: 'installation.setup', details: { organisation: 'Federale Overheid' } });
  await recordAudit(db, { actorId: handler!.id, action: 'auth.sign_in' });
  await recordAudit(db, { actorId: handler!.id, action: 'entity.created', subjectType: 'entity', subjectId: agency!.id, details: { name: 'Tax agency' } });
}

/** Every public table's rows as sorted JSON text, in UTC, so two databases can be compared exactly. */
async function dumpTables(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  return handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    const rowsOf = async (text: string) => ((await tx.execute(sql.raw(text))) as unknown as { rows: Row[] }).rows;
    const tables = await rowsOf(`select tablename from pg_tables where schemaname = 'public' order by tablename`);
    const dump: Record<string, string[]> = {};
    for (const { tablename } of tables) {
      const rows = await rowsOf(`select row_to_json(t)::text as json from "${tablename as string}" t order by 1`);
      dump[tablename as string] = rows.map((r) => r.json as string);
    }
    return dump;
  });
}

const pairs = databaseKinds.flatMap((from) => databaseKinds.map((to) => [from, to] as [DatabaseKind, DatabaseKind]));

describe('backup and restore', () => {
  it.each(pairs)('restores a %s backup into %s with every row and the audit chain intact', async (from, to) => {
    const source = await freshDatabase(from);
    const target = await freshDatabase(to);
    try {
      await fillDatabase(source);
      const file = path.join(folder, `${from}-to-${to}.jsonl.gz`);
      const written = await backupDatabase(source, file);
      // Every table, including any a later migration adds, must hold rows, or the round trip proves nothing for it.
      const empty = Object.entries(written.tables).filter(([, rows]) => rows === 0).map(([table]) => table);
      expect(empty).toEqual([]);

      const restored = await restoreDatabase(target, file);
      expect(restored).toEqual(written);
      const [before, after] = [await dumpTables(source), await dumpTables(target)];
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
      // Restoring the cases made the trigger write statistical records with new ids; the comparison above shows
      // the backup's own replaced them, ids included, with the record whose case retention removed.
      const statistics = before.case_statistics!.map((json) => JSON.parse(json) as { id: string; case_id: string | null; status: string });
      expect(statistics.map((r) => [r.case_id, r.status]).sort()).toEqual([
        [null, 'received'],
        ['11111111-2222-4333-8444-555555555555', 'closed'],
        ['99999999-aaaa-4bbb-8ccc-dddddddddddd', 'received'],
      ]);
      expect(await verifyAuditTrail(target.db)).toMatchObject({ ok: true, rows: 3 });

      // The restored trail keeps growing from where the backup left it.
      await recordAudit(target.db, { actorId: null, action: 'backup.restored' });
      expect(await verifyAuditTrail(target.db)).toMatchObject({ ok: true, rows: 4 });
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('restores an entity tree stored children-first, larger than one insert batch', async () => {
    const source = await freshDatabase('pglite');
    const target = await freshDatabase('pglite');
    try {
      const [ministry] = await source.db.insert(entities).values({ name: 'Ministry', kind: 'department' }).returning();
      await source.db.insert(entities).values([...Array(1200)].map((_, i) => ({ name: `Unit ${i}`, kind: 'unit', parentId: ministry!.id })));
      // Re-parenting writes the ministry's row anew, after its 1200 children.
      const [government] = await source.db.insert(entities).values({ name: 'Government', kind: 'government' }).returning();
      await source.db.update(entities).set({ parentId: government!.id }).where(sql`${entities.id} = ${ministry!.id}`);
      const file = path.join(folder, 'tree.jsonl.gz');
      await backupDatabase(source, file);
      await restoreDatabase(target, file);
      expect(await dumpTables(target)).toEqual(await dumpTables(source));
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('refuses to restore into a database that already has users', async () => {
    const source = await freshDatabase('pglite');
    const target = await freshDatabase('pglite');
    try {
      await fillDatabase(source);
      const file = path.join(folder, 'refused.jsonl.gz');
      await backupDatabase(source, file);
      await target.db.insert(users).values({ email: 'someone@example.org', displayName: 'Someone' });
      const counts = `select (select count(*) from handler_functions)::int as functions, (select count(*) from entities)::int as entities`;
      const [seeded] = await target.execute(counts);
      expect(seeded!.functions).toBeGreaterThan(0);
      await expect(restoreDatabase(target, file)).rejects.toThrow(/needs an empty database.*"users"/);
      // Nothing was changed: the seeded handler functions are still there and no row was added.
      expect(await target.execute(counts)).toEqual([{ functions: seeded!.functions, entities: 0 }]);
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('refuses a file that was cut off', async () => {
    const source = await freshDatabase('pglite');
    const target = await freshDatabase('pglite');
    try {
      await fillDatabase(source);
      const file = path.join(folder, 'whole.jsonl.gz');
      await backupDatabase(source, file);
      const lines = zlib.gunzipSync(fs.readFileSync(file)).toString().split('\n');
      const cut = path.join(folder, 'cut.jsonl.gz');
      fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, 6).join('\n')));
      await expect(restoreDatabase(target, cut)).rejects.toThrow(/ends too early/);
      expect(await target.execute(`select count(*)::int as n from users`)).toEqual([{ n: 0 }]);
    } finally {
      await source.close();
      await target.close();
    }
  });
});
