/**
 * `bureau demo --cases N`: N realistic cases over several years on the demo installation (seeded first
 * when the database is empty), for demos and the benchmarks (bench/case-list.bench.ts). Cases spread over the
 * entity tree (by headcount), themes, channels and procedures; each one's status, milestones, next
 * deadline, closing day, outcome and measures follow the lifecycle and the deadline engine. The content
 * is a dummy report encrypted under the case's data key, which is sealed to the handlers the routing
 * table names. The statistical record follows by the database trigger.
 *
 * Speed: cases go in with one statement per batch (`unnest` of arrays: cases, key seals and tasks in one
 * atomic statement). Sealing a key costs ~0.4 ms (two X25519 operations in WebAssembly libsodium), so
 * a million cases cannot each have a key of their own in minutes: up to `distinctKeys` cases (default
 * 5,000) do; beyond that, cases draw their data key from that pool of real, sealed keys (the seals are
 * copied), and their content is still encrypted for their own id, so every generated case opens.
 */
import crypto from 'node:crypto';
import type { DatabaseHandle } from '../platform/db/client.ts';
import { encryptForCase, newDataKey, sealDataKey, type DataKey } from '../platform/crypto/envelope.ts';
import { addDays, addMonths, brusselsDay, daysBetween, type IsoDate } from '../platform/time/calendar.ts';
import { defaultTaxonomy, loadTaxonomy } from '../features/reporting/service.ts';
import { nextDeadline, type Milestones } from '../features/cases/deadlines.ts';
import { isTerminal, type CaseStatus } from '../features/cases/lifecycle.ts';
import { procedures, type ProcedureCode } from '../features/cases/procedures.ts';
import { encryptTaskTitle } from '../features/cases/task-title.ts';
import { formatDemoAccounts, seedDemo, type DemoAccount } from './demo.ts';

export interface DemoCasesOptions {
  /** Today, for ages and deadlines (tests and benches fix it). */
  today?: IsoDate;
  /** How many years back the cases go. */
  years?: number;
  /** Cases per statement. */
  batchSize?: number;
  /** Up to this many distinct data keys (each sealed to its handlers); cases beyond share them. */
  distinctKeys?: number;
  /** Encrypt the dummy content for every case (default) or only for the first case of each pool key (faster; others hold no content that opens). */
  content?: 'every' | 'sample';
  /** Seed for the pseudo-random choices, so runs are comparable. */
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  /** Where the demo accounts go when the installation is seeded first (see seedDemo). */
  accountsFile?: string;
}

export interface DemoCasesResult {
  cases: number;
  seals: number;
  tasks: number;
  distinctKeys: number;
  /** Demo accounts when the installation was seeded first. */
  accounts: DemoAccount[] | undefined;
  seconds: number;
}

/** mulberry32: a small seeded generator; not for secrets, only for spreading demo data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
function weighted<T>(rand: Rand, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [value, w] of choices) {
    r -= w;
    if (r <= 0) return value;
  }
  return choices.at(-1)![0];
}
const between = (rand: Rand, low: number, high: number) => low + Math.floor(rand() * (high - low + 1));

const referenceAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const referenceSpace = 1n << 40n;
/** A unique, random-looking reference for the n-th generated case: an odd multiplier is a bijection modulo 32^8. */
export function demoReference(n: number): string {
  let x = (BigInt(n) * 0x9e3779b97n + 0x5bd1e995n) % referenceSpace;
  let chars = '';
  for (let i = 0; i < 8; i += 1) {
    chars = referenceAlphabet[Number(x & 31n)]! + chars;
    x >>= 5n;
  }
  return `IB-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

const channels = [
  ['web', 60],
  ['phone', 14],
  ['email', 12],
  ['letter', 4],
  ['in_person', 10],
] as const;
const requesterRoles = [
  ['staff', 70],
  ['manager', 10],
  ['confidential_person', 6],
  ['integrity_contact', 5],
  ['hr', 4],
  ['other', 5],
] as const;
const identityChoices = [
  ['anonymous', 40],
  ['confidential', 35],
  ['named', 25],
] as const;
const integrityOutcomes = [
  ['founded', 25],
  ['partly_founded', 20],
  ['unfounded', 35],
  ['not_investigated', 20],
] as const;
const measureChoices = ['advice', 'mediation', 'training', 'disciplinary', 'criminal_referral', 'organisational'] as const;
const dummyAnswers = JSON.stringify({
  description: 'Demo case generated by `bureau demo --cases`: no real person, no real facts.',
  when: 'Some time ago',
  where: 'At the office',
  involved: '',
  name: '',
  email: '',
  phone: '',
});

interface Lifecycle {
  status: CaseStatus;
  milestones: Milestones;
  closedOn: IsoDate | null;
  outcome: string | null;
  measures: string[];
  waiver: string | null;
}

/** Where a case of this age stands, consistent with the lifecycle's transitions and the deadlines' milestones. */
function lifecycleOf(rand: Rand, procedure: ProcedureCode, received: IsoDate, today: IsoDate): Lifecycle {
  const age = daysBetween(received, today);
  const m: Milestones = { received };
  const upTo = (day: IsoDate) => (day > today ? today : day);
  const result = (status: CaseStatus, closedOn: IsoDate | null = null, outcome: string | null = null, measures: string[] = [], waiver: string | null = null): Lifecycle => ({
    status,
    milestones: m,
    closedOn,
    outcome,
    measures,
    waiver,
  });
  const chooseMeasures = (outcome: string) =>
    outcome === 'founded' || outcome === 'partly_founded' ? [...new Set([pick(rand, measureChoices), ...(rand() < 0.3 ? [pick(rand, measureChoices)] : [])])] : rand() < 0.2 ? ['advice'] : ['none'];

  if (procedure === 'question') {
    if (age < 3 && rand() < 0.7) return result('received');
    const answered = upTo(addDays(received, between(rand, 0, 12)));
    if (answered === today && age < 12) return result('assessing');
    m.answered = answered;
    return result('closed', answered, 'answered');
  }

  if (procedure === 'integrity') {
    // About one in twenty turns out not admissible, one in fifty belongs to another channel.
    const exit = rand();
    if (age > 10 && exit < 0.05) {
      m.acknowledged = addDays(received, between(rand, 0, 6));
      return result('not_admissible', upTo(addDays(received, between(rand, 3, 20))));
    }
    if (age > 10 && exit < 0.07) return result('forwarded', upTo(addDays(received, between(rand, 1, 10))));
    if (age < 2 && rand() < 0.8) return result('received');
    // A few acknowledgements are late or forgotten (the overdue list has something to show).
    const late = rand() < 0.03;
    if (late && age > 7 && age < 60) return result('received');
    if (rand() < 0.05) {
      m.acknowledgement_waived = upTo(addDays(received, between(rand, 0, 5)));
      if (age < 30) return result('assessing', null, null, [], pick(rand, ['reporter_objected', 'endangers_identity']));
    } else {
      m.acknowledged = upTo(addDays(received, between(rand, 0, late ? 12 : 6)));
    }
    const start = m.acknowledged ?? addDays(received, 7);
    const feedbackDue = addMonths(start, 3);
    const feedbackOn = addDays(start, between(rand, 20, rand() < 0.05 ? 110 : 88));
    if (feedbackOn > today) return result(age < 20 ? (m.acknowledged ? 'acknowledged' : 'assessing') : rand() < 0.5 ? 'assessing' : 'in_follow_up');
    m.feedback_given = feedbackOn;
    const closedOn = addDays(feedbackOn, between(rand, 0, 75));
    if (closedOn > today || (feedbackDue > today && rand() < 0.3)) return result(rand() < 0.7 ? 'feedback_given' : 'in_follow_up');
    const outcome = weighted(rand, integrityOutcomes);
    return result('closed', closedOn, outcome, chooseMeasures(outcome));
  }

  // Psychosocial: first contact within 10 calendar days, informal or formal route, advice within 3 months of acceptance.
  if (age < 3 && rand() < 0.7) return result('received');
  const late = rand() < 0.03;
  if (late && age > 10 && age < 60) return result('received');
  m.first_contact = upTo(addDays(received, between(rand, 1, late ? 14 : 9)));
  if (age < 15) return result('assessing');
  const formal = rand() < 0.2;
  if (!formal) {
    const closedOn = addDays(m.first_contact, between(rand, 5, 90));
    if (closedOn > today) return result(rand() < 0.5 ? 'assessing' : 'in_follow_up');
    return result('closed', closedOn, null, [pick(rand, ['mediation', 'advice', 'none'])]);
  }
  m.interview_requested = addDays(m.first_contact, between(rand, 2, 20));
  if (m.interview_requested > today) return result('in_follow_up');
  m.interview_held = addDays(m.interview_requested, between(rand, 1, 9));
  if (m.interview_held > today) {
    delete m.interview_held;
    return result('in_follow_up');
  }
  m.formal_request_accepted = addDays(m.interview_held, between(rand, 3, 15));
  if (m.formal_request_accepted > today) {
    delete m.formal_request_accepted;
    return result('in_follow_up');
  }
  const adviceOn = addDays(m.formal_request_accepted, between(rand, 30, 92));
  if (adviceOn > today) return result('in_follow_up');
  m.advice_given = adviceOn;
  m.feedback_given = adviceOn;
  const closedOn = addDays(adviceOn, between(rand, 0, 40));
  if (closedOn > today) return result('feedback_given');
  const outcome = weighted(rand, integrityOutcomes);
  return result('closed', closedOn, outcome, chooseMeasures(outcome));
}

interface Holder {
  userId: string;
  publicKey: Uint8Array;
}

/** The handlers each theme is routed to (rules without an entity), as intake would seal a report's key. */
async function routingByTheme(handle: DatabaseHandle): Promise<{ byTheme: Map<string, Holder[]>; fallback: Holder[] }> {
  const rows = await handle.execute(
    `select r.theme, k.user_id, k.public_key from routing_rules r
       join routing_rule_handlers h on h.rule_id = r.id
       join user_keys k on k.user_id = h.user_id
       join users u on u.id = k.user_id and u.disabled_at is null
     where r.entity_id is null order by k.user_id`,
  );
  const byTheme = new Map<string, Holder[]>();
  for (const row of rows) {
    const theme = row.theme === null ? '' : String(row.theme);
    byTheme.set(theme, [...(byTheme.get(theme) ?? []), { userId: String(row.user_id), publicKey: new Uint8Array(row.public_key as Uint8Array) }]);
  }
  const coordinators = await handle.execute(
    `select k.user_id, k.public_key from user_keys k join user_roles r on r.user_id = k.user_id and r.role = 'integrity_coordinator' order by k.user_id`,
  );
  const fallback = byTheme.get('') ?? coordinators.map((row) => ({ userId: String(row.user_id), publicKey: new Uint8Array(row.public_key as Uint8Array) }));
  return { byTheme, fallback };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const insertStatement = `
with new_cases as (
  insert into cases (id, reference, kind, channel, domain, theme, entity_id, requester_role, identity_choice, contact_preference, status,
    received_on, acknowledgement_due_on, feedback_due_on, content, procedure, milestones, next_due_on, next_duty, priority, triaged_on,
    retaliation_risk, acknowledgement_waiver, outcome, measures, closed_on, key_holders)
  select id, reference, kind, channel, domain, theme, entity_id, requester_role, identity_choice, contact_preference, status,
    received_on, acknowledgement_due_on, feedback_due_on, decode(content, 'hex'), procedure, milestones::jsonb, next_due_on, next_duty, priority, triaged_on,
    retaliation_risk, acknowledgement_waiver, outcome, case when measures = '' then '{}'::text[] else string_to_array(measures, ',') end, closed_on,
    string_to_array(key_holders, ',')::uuid[]
  from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[],
    $12::date[], $13::date[], $14::date[], $15::text[], $16::text[], $17::text[], $18::date[], $19::text[], $20::text[], $21::date[],
    $22::text[], $23::text[], $24::text[], $25::text[], $26::date[], $34::text[])
    as t(id, reference, kind, channel, domain, theme, entity_id, requester_role, identity_choice, contact_preference, status,
      received_on, acknowledgement_due_on, feedback_due_on, content, procedure, milestones, next_due_on, next_duty, priority, triaged_on,
      retaliation_risk, acknowledgement_waiver, outcome, measures, closed_on, key_holders)
  returning id
), new_seals as (
  insert into case_key_seals (case_id, user_id, sealed_key)
  select case_id, user_id, decode(sealed_key, 'hex') from unnest($27::uuid[], $28::uuid[], $29::text[]) as s(case_id, user_id, sealed_key)
  returning id
), new_tasks as (
  insert into case_tasks (id, case_id, title, assignee_id, due_on, created_by)
  select id, case_id, decode(title, 'hex'), assignee_id, due_on, assignee_id from unnest($35::uuid[], $30::uuid[], $31::text[], $32::uuid[], $33::date[]) as k(id, case_id, title, assignee_id, due_on)
  returning id
)
select (select count(*) from new_cases)::int as cases, (select count(*) from new_seals)::int as seals, (select count(*) from new_tasks)::int as tasks`;

/** Adds `count` generated cases to the database (seeding the demo installation first when it is empty). */
export async function generateDemoCases(handle: DatabaseHandle, count: number, options: DemoCasesOptions = {}): Promise<DemoCasesResult> {
  const started = performance.now();
  const today = options.today ?? brusselsDay(new Date());
  const years = options.years ?? 5;
  const batchSize = options.batchSize ?? 5000;
  const rand = random(options.seed ?? 20260401);
  const accounts = await seedDemo(handle.db, { accountsFile: options.accountsFile });

  const taxonomy = await loadTaxonomy(handle.db).catch(() => defaultTaxonomy);
  const themes = taxonomy.themes.length > 0 ? taxonomy.themes : defaultTaxonomy.themes;
  const wellbeing = themes.filter((t) => t.domain === 'wellbeing');
  const integrity = themes.filter((t) => t.domain === 'integrity');
  const entityRows = await handle.execute('select id, headcount from entities');
  const entityWeights = entityRows.map((row) => [String(row.id), row.headcount === null ? 50 : Number(row.headcount)] as const);
  const { byTheme, fallback } = await routingByTheme(handle);
  if (fallback.length === 0 && byTheme.size === 0) throw new Error('no handler with a key pair to seal cases to: run `bureau demo` on an empty database first');
  const holdersOf = (theme: string) => byTheme.get(theme) ?? fallback;

  // The key pool: per group of holders, up to its share of distinct keys, each sealed once to each holder.
  const distinct = Math.max(1, Math.min(count, options.distinctKeys ?? 5000));
  const pools = new Map<string, { key: DataKey; seals: string[] }[]>();
  let distinctKeys = 0;
  const keyFor = (holders: Holder[], n: number): { key: DataKey; seals: string[]; fresh: boolean } => {
    const group = holders.map((h) => h.userId).join(',');
    const pool = pools.get(group) ?? [];
    pools.set(group, pool);
    if (distinctKeys < distinct) {
      const key = newDataKey();
      const entry = { key, seals: holders.map((h) => hex(sealDataKey(key, h.publicKey))) };
      pool.push(entry);
      distinctKeys += 1;
      return { ...entry, fresh: true };
    }
    return { ...pool[n % pool.length]!, fresh: false };
  };

  const [{ n: existing } = { n: 0 }] = await handle.execute('select count(*)::int as n from cases');
  const offset = Number(existing) + 1;
  const firstDay = addDays(today, -Math.round(years * 365));
  const span = daysBetween(firstDay, today);
  let done = 0;
  let seals = 0;
  let tasks = 0;
  const inFlight: Promise<void>[] = [];
  while (done < count) {
    const size = Math.min(batchSize, count - done);
    const cols: unknown[][] = Array.from({ length: 35 }, () => []);
    let contentSample: string | undefined;
    for (let i = 0; i < size; i += 1) {
      const n = offset + done + i;
      const id = crypto.randomUUID();
      // Cases grow a little year on year: later days are somewhat more likely.
      const received = addDays(firstDay, Math.min(span, Math.floor(Math.sqrt(rand()) * (span + 1))));
      const procedure = weighted<ProcedureCode>(rand, [
        ['integrity', 45],
        ['psychosocial', 40],
        ['question', 15],
      ]);
      const theme = procedure === 'integrity' ? pick(rand, integrity) : procedure === 'psychosocial' ? pick(rand, wellbeing) : pick(rand, themes);
      const life = lifecycleOf(rand, procedure, received, today);
      const next = isTerminal(life.status) ? undefined : nextDeadline(procedures[procedure], life.milestones);
      const identity = weighted(rand, identityChoices);
      const holders = holdersOf(theme.code);
      const pooled = keyFor(holders, n);
      const content =
        options.content === 'sample' && !pooled.fresh ? (contentSample ?? hex(encryptForCase(pooled.key, id, 'report.answers', dummyAnswers))) : hex(encryptForCase(pooled.key, id, 'report.answers', dummyAnswers));
      if (options.content === 'sample' && contentSample === undefined) contentSample = content;
      const row = [
        id,
        demoReference(n),
        procedure === 'question' ? 'question' : 'report',
        weighted(rand, channels),
        theme.domain,
        theme.code,
        weighted(rand, entityWeights),
        weighted(rand, requesterRoles),
        identity,
        identity === 'anonymous' ? 'site_only' : pick(rand, ['site_only', 'email', 'phone']),
        life.status,
        received,
        addDays(received, 7),
        addMonths(life.milestones.acknowledged ?? addDays(received, 7), 3),
        content,
        procedure,
        JSON.stringify(life.milestones),
        next?.dueOn ?? null,
        next?.duty ?? null,
        weighted(rand, [
          ['low', 10],
          ['normal', 75],
          ['high', 12],
          ['urgent', 3],
        ]),
        life.status === 'received' ? null : addDays(received, Math.min(daysBetween(received, today), between(rand, 0, 7))),
        procedure === 'integrity' && life.status !== 'received' ? weighted(rand, [['none', 55], ['low', 30], ['medium', 11], ['high', 4]] as const) : null,
        life.milestones.acknowledgement_waived ? (life.waiver ?? pick(rand, ['reporter_objected', 'endangers_identity'])) : null,
        life.outcome,
        life.measures.join(','),
        life.closedOn,
      ];
      row.forEach((value, index) => cols[index]!.push(value));
      // The holders as the seals' trigger would copy them (sorted), so it finds nothing to change.
      cols[33]!.push(holders.map((h) => h.userId).sort().join(','));
      holders.forEach((holder, index) => {
        cols[26]!.push(id);
        cols[27]!.push(holder.userId);
        cols[28]!.push(pooled.seals[index]);
      });
      // Open cases often carry a task for one of their handlers, due around now.
      if (!isTerminal(life.status) && rand() < 0.3) {
        // The task's id is chosen here: its title is encrypted for it, exactly as the case page will read it.
        const taskId = crypto.randomUUID();
        cols[34]!.push(taskId);
        cols[29]!.push(id);
        cols[30]!.push(hex(encryptTaskTitle(pooled.key, id, taskId, 'Call back the reporter')));
        cols[31]!.push(pick(rand, holders).userId);
        cols[32]!.push(addDays(today, between(rand, -5, 20)));
      }
    }
    // The next batch is prepared while the database stores this one (PostgreSQL: two batches at once, on two connections).
    const batchEnd = done + size;
    const stored = handle.execute(insertStatement, cols).then(([inserted]) => {
      seals += Number(inserted?.seals ?? 0);
      tasks += Number(inserted?.tasks ?? 0);
      options.onProgress?.(batchEnd, count);
    });
    stored.catch(() => undefined);
    inFlight.push(stored);
    if (inFlight.length >= (handle.kind === 'postgres' ? 2 : 1)) await inFlight.shift();
    done = batchEnd;
  }
  await Promise.all(inFlight);
  // Each batch added its rows of changes to the tallies of cases and the monthly sums of the figures; fold them now, as the nightly jobs would.
  await handle.execute('select case_tallies_compact()');
  await handle.execute('select statistics_months_compact()');
  return { cases: count, seals, tasks, distinctKeys, accounts, seconds: (performance.now() - started) / 1000 };
}

/** `bureau demo --cases N`: prints progress and what was made. */
export async function runDemoCasesCommand(handle: DatabaseHandle, count: number, io: { out(line: string): void }, accountsFile?: string): Promise<number> {
  let last = 0;
  const result = await generateDemoCases(handle, count, {
    accountsFile,
    onProgress: (done, total) => {
      if (done - last >= 50_000 || done === total) {
        last = done;
        io.out(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} cases`);
      }
    },
  });
  if (result.accounts) {
    const saved = accountsFile ? `They are also in ${accountsFile}, readable by your user only.\n` : '';
    io.out(`The database was empty: the demo installation was seeded first.\n\n${formatDemoAccounts(result.accounts)}\n${saved}`);
  }
  io.out(
    `Added ${result.cases.toLocaleString('en')} cases (${result.seals.toLocaleString('en')} key seals, ${result.tasks.toLocaleString('en')} tasks, ${result.distinctKeys.toLocaleString('en')} distinct data keys) in ${result.seconds.toFixed(1)} s.`,
  );
  return 0;
}

/** The N of `demo --cases N`: a whole number from 1 to 10,000,000, or undefined (the usage is shown). */
export function parseDemoCaseCount(args: readonly string[]): number | undefined {
  if (args.length !== 2 || args[0] !== '--cases' || !/^[1-9][0-9_,]*$/.test(args[1] ?? '')) return undefined;
  const count = Number(args[1]!.replace(/[_,]/g, ''));
  return Number.isSafeInteger(count) && count <= 10_000_000 ? count : undefined;
}
