/**
 * The case list and dashboard through the real app: need to know in SQL (a
 * handler sees what is sealed or routed to them, never what they are excluded from; the coordinator sees
 * every case but the psychosocial compartment, which auditors and coordinator staff never see either),
 * filters, search, overdue, keyset pagination that returns every case once, and bad filter values.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, brusselsDay } from '../../src/platform/time/calendar.ts';
import { addCasePerson, signInCasePerson, type CasePerson } from '../case-people.ts';
import { databaseKinds } from '../databases.ts';
import { installWithAdmin, startTestServer, type Client, type TestServer } from '../server.ts';

const today = brusselsDay(new Date());

/** The references listed in a page's tables (links to case pages), in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/href="\/cases\/[0-9a-f-]{36}">(IB-[0-9A-Z]{4}-[0-9A-Z]{4})<\/a>/g)].map((m) => m[1]!);
}

function nextLink(html: string): string | undefined {
  const match = /<a class="utrecht-link" href="([^"]+)" rel="next">/.exec(html);
  return match?.[1]?.replace(/&amp;/g, '&');
}

interface NewCase {
  reference: string;
  procedure: 'integrity' | 'psychosocial' | 'question';
  theme: string;
  entityId?: string | null;
  channel?: string;
  status?: string;
  receivedOn?: string;
  nextDueOn?: string | null;
  sealed: CasePerson[];
  pending?: CasePerson[];
  excluded?: CasePerson[];
}

describe.each(databaseKinds)('case lists on %s', (kind) => {
  let server: TestServer;
  let people: Record<'a' | 'b' | 'advisor' | 'auditor' | 'staff' | 'coordinator' | 'admin', CasePerson>;
  let clients: Record<keyof typeof people, Client>;
  let entities: Record<'root' | 'dept1' | 'agency' | 'dept2', string>;
  const ids = new Map<string, string>();

  const addCase = async (c: NewCase) => {
    const id = crypto.randomUUID();
    ids.set(c.reference, id);
    const received = c.receivedOn ?? '2025-06-02';
    await server.database.execute(
      `insert into cases (id, reference, kind, channel, domain, theme, entity_id, requester_role, identity_choice, status, received_on,
         acknowledgement_due_on, feedback_due_on, content, procedure, next_due_on, next_duty, closed_on)
       values ($1, $2, $3, $4, $5, $6, $7, 'staff', 'anonymous', $8, $9, $9::date + 7, $9::date + 97, $10, $11, $12, $13,
         case when $8 = 'closed' then $9::date + 30 end)`,
      [
        id,
        c.reference,
        c.procedure === 'question' ? 'question' : 'report',
        c.channel ?? 'web',
        c.procedure === 'psychosocial' ? 'wellbeing' : 'integrity',
        c.theme,
        c.entityId ?? null,
        c.status ?? 'assessing',
        received,
        new Uint8Array([1, 2, 3]),
        c.procedure,
        c.nextDueOn ?? null,
        c.nextDueOn ? 'acknowledge' : null,
      ],
    );
    for (const p of c.sealed) await server.database.execute('insert into case_key_seals (case_id, user_id, sealed_key) values ($1, $2, $3)', [id, p.id, new Uint8Array([9])]);
    for (const p of c.pending ?? []) await server.database.execute('insert into case_pending_seals (case_id, user_id) values ($1, $2)', [id, p.id]);
    for (const p of c.excluded ?? []) await server.database.execute(`insert into case_exclusions (case_id, user_id, reason) values ($1, $2, 'involved')`, [id, p.id]);
    return id;
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    await installWithAdmin(server);
    const entity = async (name: string, kind: string, parentId: string | null) =>
      String((await server.database.execute('insert into entities (name, kind, parent_id) values ($1, $2, $3) returning id', [name, kind, parentId]))[0]!.id);
    const root = await entity('Testoverheid', 'government', null);
    const dept1 = await entity('Departement Een', 'department', root);
    const agency = await entity('Agentschap Wegen', 'agency', dept1);
    const dept2 = await entity('Departement Twee', 'department', root);
    entities = { root, dept1, agency, dept2 };
    const add = (email: string, name: string, role: 'case_handler' | 'integrity_coordinator' | 'administrator', handlerFunction?: string) =>
      addCasePerson(server.database, { email, name, role, ...(handlerFunction ? { handlerFunction } : {}) });
    people = {
      a: await add('anna@example.be', 'Anna Counsellor', 'case_handler', 'confidential_counsellor'),
      b: await add('bert@example.be', 'Bert Counsellor', 'case_handler', 'confidential_counsellor'),
      advisor: await add('pia@example.be', 'Pia Prevention', 'case_handler', 'psychosocial_prevention_advisor'),
      auditor: await add('olga@example.be', 'Olga Auditor', 'case_handler', 'auditor'),
      staff: await add('stan@example.be', 'Stan Staff', 'case_handler', 'coordinator_staff'),
      coordinator: await add('cora@example.be', 'Cora Coordinator', 'integrity_coordinator'),
      admin: await add('adam@example.be', 'Adam Admin', 'administrator'),
    };
    const { a, b, advisor, auditor, staff } = people;
    await addCase({ reference: 'IB-AAAA-0001', procedure: 'integrity', theme: 'fraud', entityId: agency, receivedOn: '2025-01-10', nextDueOn: addDays(today, -3), sealed: [a] });
    await addCase({ reference: 'IB-AAAA-0002', procedure: 'integrity', theme: 'corruption', entityId: dept2, receivedOn: '2025-02-10', nextDueOn: addDays(today, 3), sealed: [b], pending: [a] });
    await addCase({ reference: 'IB-AAAA-0003', procedure: 'integrity', theme: 'leak', entityId: dept1, receivedOn: '2025-03-10', sealed: [b, a], excluded: [a] });
    await addCase({ reference: 'IB-PSYC-0004', procedure: 'psychosocial', theme: 'bullying', entityId: agency, receivedOn: '2025-04-10', nextDueOn: addDays(today, -1), sealed: [advisor, a, auditor, staff] });
    await addCase({ reference: 'IB-QQQQ-0005', procedure: 'question', theme: 'conflict', channel: 'phone', status: 'closed', receivedOn: '2025-05-10', sealed: [b] });
    await addCase({ reference: 'IB-AUDT-0006', procedure: 'integrity', theme: 'fraud', entityId: root, receivedOn: '2025-06-10', sealed: [auditor, staff] });
    await server.database.execute(
      `insert into case_tasks (case_id, title, assignee_id, due_on) values ($1, $2, $3, $4)`,
      [ids.get('IB-AAAA-0001'), new Uint8Array([7]), a.id, addDays(today, 1)],
    );
    const sign = (p: CasePerson) => signInCasePerson(server.baseUrl, p, false);
    clients = {
      a: await sign(a),
      b: await sign(b),
      advisor: await sign(advisor),
      auditor: await sign(auditor),
      staff: await sign(staff),
      coordinator: await sign(people.coordinator),
      admin: await sign(people.admin),
    };
  }, 120_000);

  afterAll(() => server?.close());

  it.each([
    ['a', ['IB-PSYC-0004', 'IB-AAAA-0002', 'IB-AAAA-0001']],
    ['b', ['IB-QQQQ-0005', 'IB-AAAA-0003', 'IB-AAAA-0002']],
    ['advisor', ['IB-PSYC-0004']],
    ['auditor', ['IB-AUDT-0006']],
    ['staff', ['IB-AUDT-0006']],
    ['coordinator', ['IB-AUDT-0006', 'IB-QQQQ-0005', 'IB-AAAA-0003', 'IB-AAAA-0002', 'IB-AAAA-0001']],
  ] as const)('%s sees exactly the cases they may, newest first', async (who, expected) => {
    const page = await clients[who].get('/cases');
    expect(page.status).toBe(200);
    expect(listed(page.html)).toEqual(expected);
  });

  it('never shows a psychosocial case to the coordinator, auditors or coordinator staff, not even its reference in search', async () => {
    for (const who of ['coordinator', 'auditor', 'staff'] as const) {
      const page = await clients[who].get('/cases?q=IB-PSYC-0004');
      expect(listed(page.html)).toEqual([]);
      const byProcedure = await clients[who].get('/cases?procedure=psychosocial');
      expect(listed(byProcedure.html)).toEqual([]);
      const dashboard = await clients[who].get('/cases/dashboard');
      expect(dashboard.html).not.toContain('IB-PSYC-0004');
    }
  });

  it('gives administrators no case list', async () => {
    const page = await clients.admin.get('/cases');
    expect(page.status).toBe(200);
    expect(listed(page.html)).toEqual([]);
    expect(page.html).toContain('Beheerders zien geen lijst van dossiers');
  });

  it('shows the coordinator who holds each case, and who waits for a key', async () => {
    const page = await clients.coordinator.get('/cases?q=IB-AAAA-0002');
    expect(listed(page.html)).toEqual(['IB-AAAA-0002']);
    expect(page.html).toContain('Bert Counsellor');
    expect(page.html).toContain('Anna Counsellor (wacht op sleutel)');
  });

  it.each([
    ['status=closed', ['IB-QQQQ-0005']],
    ['theme=fraud', ['IB-AUDT-0006', 'IB-AAAA-0001']],
    ['channel=phone', ['IB-QQQQ-0005']],
    ['procedure=question', ['IB-QQQQ-0005']],
    ['overdue=1', ['IB-AAAA-0001']],
    // Open, sealed to one person, nobody waiting: the dashboard's warning in full.
    ['single=1', ['IB-AAAA-0001']],
    ['from=2025-02-01&to=2025-03-31', ['IB-AAAA-0003', 'IB-AAAA-0002']],
    // Cases with a deadline first, the most urgent first; those without one after them (in id order).
    ['sort=due', ['IB-AAAA-0001', 'IB-AAAA-0002']],
    ['q=0003', ['IB-AAAA-0003']],
    ['q=aaaa', ['IB-AAAA-0001', 'IB-AAAA-0002', 'IB-AAAA-0003']],
    ['q=IB-aaaa-0002', ['IB-AAAA-0002']],
    ['q=Corruptie', ['IB-AAAA-0002']],
    ['q=corruption', ['IB-AAAA-0002']],
    ['q=agentschap', ['IB-AAAA-0001']],
    ['q=nothing-like-this', []],
    ['q=100%25_', []],
  ])('filters the coordinator list by %s', async (query, expected) => {
    const page = await clients.coordinator.get(`/cases?${query}`);
    expect(page.status).toBe(200);
    const found = listed(page.html);
    if (query.startsWith('sort=due')) {
      expect(found.slice(0, 2)).toEqual(expected);
      expect(new Set(found.slice(2))).toEqual(new Set(['IB-AUDT-0006', 'IB-QQQQ-0005', 'IB-AAAA-0003']));
    }
    else expect(new Set(found)).toEqual(new Set(expected));
    if (expected.length === 0) expect(page.html).toContain('Geen dossiers met deze filters.');
  });

  it('filters by an entity with everything under it, and by handler', async () => {
    const sub = await clients.coordinator.get(`/cases?entity=${entities.dept1}`);
    expect(new Set(listed(sub.html))).toEqual(new Set(['IB-AAAA-0001', 'IB-AAAA-0003']));
    const leaf = await clients.coordinator.get(`/cases?entity=${entities.agency}`);
    expect(listed(leaf.html)).toEqual(['IB-AAAA-0001']);
    const byHandler = await clients.coordinator.get(`/cases?handler=${people.a.id}`);
    expect(new Set(listed(byHandler.html))).toEqual(new Set(['IB-AAAA-0001', 'IB-AAAA-0002', 'IB-AAAA-0003']));
  });

  it('a filter cannot widen need to know: a handler filtering by a colleague still sees only their own cases', async () => {
    const page = await clients.a.get(`/cases?handler=${people.b.id}`);
    expect(new Set(listed(page.html))).toEqual(new Set(['IB-AAAA-0002']));
    const excluded = await clients.a.get('/cases?q=IB-AAAA-0003');
    expect(listed(excluded.html)).toEqual([]);
  });

  it('answers bad filter values with a 400 that says what was ignored, keeps what was typed, and still lists', async () => {
    const page = await clients.coordinator.get(`/cases?status=bogus&from=2025-02-30&to=yesterday&sort=sideways&after=%25%25&q=${'x'.repeat(150)}`);
    expect(page.status).toBe(400);
    expect(page.html).toContain('Deze waarde kennen we niet; de filter is genegeerd.');
    expect(page.html).toContain('Geef een bestaande datum als JJJJ-MM-DD; de filter is genegeerd.');
    expect(page.html).toContain('Zoek met hoogstens 100 tekens');
    expect(page.html).toContain('value="2025-02-30"');
    expect(listed(page.html)).toHaveLength(5);
    const reversed = await clients.coordinator.get('/cases?from=2025-06-01&to=2025-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.html).toContain('De einddatum ligt vóór de begindatum');
  });

  it('the dashboard shows counts, what is due, what is overdue, my tasks and cases only one person can open', async () => {
    const mine = await clients.a.get('/cases/dashboard');
    expect(mine.status).toBe(200);
    expect(mine.html).toContain('Verstreken termijnen (2)');
    expect(mine.html).toContain('Termijnen in de komende zeven dagen (1)');
    expect(mine.html).toContain(`Taak in IB-AAAA-0001, te doen tegen ${addDays(today, 1)}`);
    const single = mine.html.slice(mine.html.indexOf('maar één persoon kan openen'));
    // I1 is sealed to Anna only; I2 waits for a seal to her, so it is not at risk.
    expect(listed(single)).toEqual(['IB-AAAA-0001']);

    const all = await clients.coordinator.get('/cases/dashboard');
    expect(all.html).toContain('Verstreken termijnen (1)');
    expect(all.html).not.toContain('Taak in');
    const singleAll = all.html.slice(all.html.indexOf('maar één persoon kan openen'));
    expect(new Set(listed(singleAll))).toEqual(new Set(['IB-AAAA-0001']));
    expect(all.html).toContain('Dossiers die maar één persoon kan openen (1)');
    // Open by state: four open cases the coordinator may see, all 'assessing'.
    expect(all.html).toMatch(/<span class="ib-counts__number">4<\/span> In beoordeling/);
    expect(all.html).toMatch(/<span class="ib-counts__number">0<\/span> Ontvangen/);
  });

  it('pages through many cases with a keyset cursor, each case exactly once, in both sorts', async () => {
    // 120 more cases for Bert: many on the same days (ties broken by id), some without a deadline.
    for (let i = 0; i < 120; i += 1) {
      await addCase({
        reference: `IB-PAGE-${String(i).padStart(4, '0')}`,
        procedure: 'integrity',
        theme: 'misuse',
        receivedOn: addDays('2024-01-01' as never, i % 7),
        nextDueOn: i % 3 === 0 ? null : addDays(today, (i % 11) - 5),
        sealed: [people.b],
      });
    }
    for (const sort of ['received', 'due']) {
      const seen: string[] = [];
      let href: string | undefined = `/cases?sort=${sort}&theme=misuse`;
      let pages = 0;
      while (href) {
        const page = await clients.b.get(href);
        expect(page.status).toBe(200);
        seen.push(...listed(page.html));
        href = nextLink(page.html);
        pages += 1;
        expect(pages).toBeLessThan(10);
      }
      expect(pages).toBe(3);
      expect(seen).toHaveLength(120);
      expect(new Set(seen).size).toBe(120);
    }
  });
});
