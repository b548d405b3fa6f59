import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../../test/databases.ts';
import { unsealPrivateKey } from '../platform/auth/keys.ts';
import { decryptTextForCase, openDataKey } from '../platform/crypto/envelope.ts';
import { isoDate } from '../platform/time/calendar.ts';
import { nextDeadline, procedures, type ProcedureCode } from '../features/case-record/service.ts';
import { findTransition, isTerminal, type CaseStatus } from '../features/cases/lifecycle.ts';
import { demoReference, generateDemoCases, parseDemoCaseCount, type DemoCasesResult } from './demo-cases.ts';

describe('demo --cases arguments', () => {
  it.each([
    [['--cases', '200'], 200],
    [['--cases', '1_000_000'], 1_000_000],
    [['--cases', '1,000,000'], 1_000_000],
    [['--cases', '0'], undefined],
    [['--cases', '-5'], undefined],
    [['--cases', 'many'], undefined],
    [['--cases'], undefined],
    [['--cases', '10', 'extra'], undefined],
    [['--cases', '99999999999'], undefined],
  ])('%j → %s', (args, expected) => {
    expect(parseDemoCaseCount(args)).toBe(expected);
  });

  it('gives every generated case its own reference', () => {
    const references = Array.from({ length: 20_000 }, (_, n) => demoReference(n));
    expect(new Set(references).size).toBe(references.length);
    expect(references[0]).toMatch(/^IB-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });
});

describe.each(databaseKinds)('demo cases on %s', (kind) => {
  let database: TestDatabase;
  let result: DemoCasesResult;
  const today = isoDate('2026-03-06');

  beforeAll(async () => {
    database = await freshDatabase(kind);
    result = await generateDemoCases(database, 200, { today, years: 3, batchSize: 64 });
  }, 120_000);
  afterAll(() => database?.close());

  const rows = (text: string) => database.execute(text);

  it('seeds the demo installation first, then adds the cases with a statistical record each', async () => {
    expect(result.accounts?.length).toBeGreaterThan(5);
    expect(result.cases).toBe(200);
    const [counts] = await rows('select (select count(*) from cases)::int as cases, (select count(*) from case_statistics)::int as statistics, count(distinct reference)::int as refs from cases');
    expect(counts).toEqual({ cases: 200, statistics: 200, refs: 200 });
    const spread = await rows(
      `select count(distinct procedure)::int as procedures, count(distinct channel)::int as channels, count(distinct theme)::int as themes,
         count(distinct entity_id)::int as entities, count(distinct extract(year from received_on))::int as years, min(received_on)::text as first, max(received_on)::text as last from cases`,
    );
    expect(spread[0]).toMatchObject({ procedures: 3, channels: 5 });
    expect(Number(spread[0]!.themes)).toBeGreaterThan(8);
    expect(Number(spread[0]!.entities)).toBeGreaterThan(5);
    expect(Number(spread[0]!.years)).toBeGreaterThanOrEqual(3);
    expect(String(spread[0]!.last) <= today).toBe(true);
  });

  it('keeps each case consistent with its lifecycle and deadlines', async () => {
    const all = await rows(
      `select procedure, status, milestones, next_due_on::text as next_due_on, next_duty, closed_on::text as closed_on, outcome, measures, received_on::text as received_on from cases`,
    );
    const statuses = new Set<string>();
    for (const c of all) {
      const procedure = c.procedure as ProcedureCode;
      const status = c.status as CaseStatus;
      statuses.add(status);
      const milestones = c.milestones as Record<string, string>;
      expect(milestones.received).toBe(c.received_on);
      for (const day of Object.values(milestones)) expect(day <= today && day >= String(c.received_on)).toBe(true);
      if (isTerminal(status)) {
        // Every finished case has its closing day; a closed integrity case had feedback and has an outcome and measures.
        expect(c.closed_on).not.toBeNull();
        expect(c.next_due_on).toBeNull();
        if (status === 'closed' && procedure === 'integrity') {
          expect(milestones.feedback_given).toBeDefined();
          expect(c.outcome).not.toBeNull();
          expect((c.measures as string[]).length).toBeGreaterThan(0);
          expect(String(c.closed_on) >= milestones.feedback_given!).toBe(true);
        }
        if (status === 'closed' && procedure === 'question') expect(c.outcome).toBe('answered');
      } else {
        expect(c.closed_on).toBeNull();
        expect(c.outcome).toBeNull();
        const next = nextDeadline(procedures[procedure], milestones);
        expect(c.next_due_on).toBe(next?.dueOn ?? null);
        expect(c.next_duty).toBe(next?.duty ?? null);
      }
      // The state is one the procedure can reach: received, or the target of one of its transitions.
      if (status !== 'received') expect(findTransitionTargets(procedure)).toContain(status);
    }
    expect(statuses.has('closed')).toBe(true);
    expect([...statuses].some((s) => !isTerminal(s as CaseStatus))).toBe(true);
  });

  it('seals each case its own data key to the handlers routing names, so a handler opens its content', async () => {
    const [unsealed] = await rows('select count(*)::int as n from cases c where not exists (select 1 from case_key_seals s where s.case_id = c.id)');
    expect(unsealed!.n).toBe(0);
    expect(result.distinctKeys).toBe(200);
    const account = result.accounts!.find((a) => a.roles.includes('case_handler(psychosocial_prevention_advisor)'))!;
    const [user] = await rows(`select u.id, k.public_key, k.sealed_private_key, k.nonce, k.kdf_salt from users u join user_keys k on k.user_id = u.id where u.email = '${account.email}'`);
    const privateKey = await unsealPrivateKey(String(user!.id), {
      sealedPrivateKey: new Uint8Array(user!.sealed_private_key as Uint8Array),
      nonce: new Uint8Array(user!.nonce as Uint8Array),
      kdfSalt: new Uint8Array(user!.kdf_salt as Uint8Array),
    }, account.password);
    expect(privateKey).toBeDefined();
    const sealed = await rows(`select c.id, c.content, s.sealed_key, c.procedure from cases c join case_key_seals s on s.case_id = c.id and s.user_id = '${String(user!.id)}' limit 5`);
    expect(sealed.length).toBeGreaterThan(0);
    for (const row of sealed) {
      const key = openDataKey(new Uint8Array(row.sealed_key as Uint8Array), new Uint8Array(user!.public_key as Uint8Array), privateKey!);
      expect(key).toBeDefined();
      expect(decryptTextForCase(key!, String(row.id), 'report.answers', new Uint8Array(row.content as Uint8Array))).toContain('Demo case');
    }
    // The coordinator never holds a psychosocial case's key.
    const [coordinatorPsy] = await rows(
      `select count(*)::int as n from case_key_seals s join cases c on c.id = s.case_id join user_roles r on r.user_id = s.user_id and r.role = 'integrity_coordinator' where c.procedure = 'psychosocial'`,
    );
    expect(coordinatorPsy!.n).toBe(0);
  });
});

/** Every status a procedure's transitions lead to. */
function findTransitionTargets(procedure: ProcedureCode): string[] {
  const statuses = ['received', 'acknowledged', 'assessing', 'in_follow_up', 'feedback_given', 'closed', 'not_admissible', 'forwarded', 'referred'] as const;
  return statuses.filter((to) => statuses.some((from) => findTransition(procedure, from, to) !== undefined));
}
