/**
 * The coordinator's dashboard over 1,000,000 generated cases on PostgreSQL: counts by state, deadlines
 * of the week, the overdue list, tasks and the cases only one person can open, in-process
 * (`coordinator-dashboard`) and as a whole page over HTTP (`coordinator-dashboard-page`).
 */
import { loadDashboard } from '../src/features/cases/lists/dashboard.ts';
import { listScopeOf } from '../src/features/cases/lists/scope.ts';
import { caseData, measure, signedInApp, today } from './case-data.ts';

const postgresCases = Number(process.env.BENCH_CASES ?? 1_000_000);

const data = await caseData('postgres', postgresCases);
const app = await signedInApp(data, 'integrity_coordinator; bureau_member');
try {
  const scope = listScopeOf({ userId: app.userId, grants: [{ role: 'integrity_coordinator', handlerFunction: null, actorFunction: null, entityId: null }] });
  const sample = await loadDashboard(data.handle.db, scope, today);
  console.log(
    `# coordinator-dashboard: ${sample.open.reduce((s, c) => s + c.count, 0)} open cases, ${sample.overdue.count} overdue, ${sample.dueThisWeek.count} due this week, ${sample.singleHolder.count} open cases with a single key holder`,
  );
  await measure('coordinator-dashboard', [() => loadDashboard(data.handle.db, scope, today)], 30);
  await measure(
    'coordinator-dashboard-page',
    [
      async () => {
        const page = await app.client.get('/cases/dashboard');
        if (page.status !== 200) throw new Error(`GET /cases/dashboard: ${page.status}`);
      },
    ],
    20,
  );
} finally {
  await app.close();
}
