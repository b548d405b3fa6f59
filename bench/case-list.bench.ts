/**
 * Case list figures (docs/cases.md, "Figures"): server time of the case list with typical filters
 * over 1,000,000 generated cases on PostgreSQL (and 100,000 on PGlite: `case-list-pglite`), measured as
 * in-process calls of the list query (need to know, filters, keyset page of 50, handler names) and as
 * whole pages (`case-list-page`: sign-in session, query, render) over HTTP on loopback.
 */
import { listScopeOf } from '../src/features/cases/lists/scope.ts';
import { listCases } from '../src/features/cases/lists/query.ts';
import { parseListFilters } from '../src/features/cases/lists/filters.ts';
import { loadTaxonomy } from '../src/features/case-record/service.ts';
import type { RoleGrant } from '../src/platform/auth/roles.ts';
import { caseData, measure, releaseCaseData, signedInApp, today, type CaseData } from './case-data.ts';

const postgresCases = Number(process.env.BENCH_CASES ?? 1_000_000);
const pgliteCases = Number(process.env.BENCH_PGLITE_CASES ?? 100_000);

async function grantsOf(data: CaseData, userId: string): Promise<RoleGrant[]> {
  const rows = await data.handle.execute('select role, handler_function, actor_function, entity_id from user_roles where user_id = $1', [userId]);
  return rows.map((r) => ({ role: r.role as RoleGrant['role'], handlerFunction: r.handler_function as string | null, actorFunction: r.actor_function as string | null, entityId: r.entity_id as string | null }));
}

async function userWith(data: CaseData, role: string, handlerFunction: string | null): Promise<string> {
  const [row] = await data.handle.execute(
    `select user_id from user_roles where role = $1 and handler_function is not distinct from $2 order by user_id limit 1`,
    [role, handlerFunction],
  );
  return String(row!.user_id);
}

/** Typical list requests: the landing page, a status, overdue, a theme, an entity subtree, a search, the due sort and a second page. */
async function typicalQueries(data: CaseData): Promise<string[]> {
  const [entity] = await data.handle.execute(`select id, name from entities where kind = 'department' order by name limit 1`);
  const first = await listCases(data.handle.db, {
    scope: listScopeOf({ userId: await userWith(data, 'integrity_coordinator', null), grants: [{ role: 'integrity_coordinator', handlerFunction: null, actorFunction: null, entityId: null }] }),
    filters: parseListFilters({}).filters,
    today,
    taxonomy: await loadTaxonomy(data.handle.db),
  });
  return [
    '',
    'status=assessing',
    'overdue=1',
    'theme=fraud',
    `entity=${String(entity!.id)}`,
    'q=Belastingdienst',
    'sort=due',
    'status=closed&from=2024-01-01&to=2024-12-31',
    `after=${first.next ?? ''}`,
  ];
}

async function bench(kind: 'postgres' | 'pglite', count: number) {
  const name = kind === 'postgres' ? 'case-list' : 'case-list-pglite';
  const data = await caseData(kind, count);
  const taxonomy = await loadTaxonomy(data.handle.db);
  const queries = await typicalQueries(data);
  const coordinatorId = await userWith(data, 'integrity_coordinator', null);
  const counsellorId = await userWith(data, 'case_handler', 'confidential_counsellor');
  const calls = [];
  for (const userId of [coordinatorId, counsellorId]) {
    const scope = listScopeOf({ userId, grants: await grantsOf(data, userId) });
    for (const query of queries) {
      const filters = parseListFilters(Object.fromEntries(new URLSearchParams(query))).filters;
      calls.push(() => listCases(data.handle.db, { scope, filters, today, taxonomy }));
    }
  }
  console.log(`# ${name}: ${queries.length} typical filters for the coordinator and a confidential counsellor over ${count} cases`);
  await measure(name, calls, kind === 'postgres' ? 10 : 5);

  const app = await signedInApp(data, 'integrity_coordinator; bureau_member');
  try {
    const pages = queries.map((query) => async () => {
      const page = await app.client.get(`/cases${query ? `?${query}` : ''}`);
      if (page.status !== 200) throw new Error(`GET /cases?${query}: ${page.status}`);
    });
    await measure(`${name}-page`, pages, kind === 'postgres' ? 5 : 3);
  } finally {
    await app.close();
  }
}

await bench('postgres', postgresCases);
await bench('pglite', pgliteCases);
// The benches after this one use PostgreSQL only.
await releaseCaseData('pglite', pgliteCases);
