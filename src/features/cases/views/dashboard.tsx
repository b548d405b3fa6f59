/** The dashboard at /cases/dashboard: counts by state, deadlines this week, overdue, my tasks, single key holders. */
import type { ViewContext } from '../../../ui/context.ts';
import { PageHeading } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { Dashboard } from '../lists/dashboard.ts';
import { CaseTable, codeLabel } from './list-parts.tsx';

export interface DashboardPageProps {
  ctx: ViewContext;
  dashboard: Dashboard | undefined;
  themeLabel: (code: string) => string;
  today: string;
}

function Counts({ ctx, counts, label }: { ctx: ViewContext; counts: { status: string; count: number }[]; label: string }) {
  return (
    <>
      <h2 class="utrecht-heading-2">{label}</h2>
      <ul class="ib-counts">
        {counts.map((c) => (
          <li key={c.status}>
            <a class="utrecht-link" href={`/cases?status=${c.status}`}>
              <span class="ib-counts__number">{c.count}</span> {codeLabel(ctx, 'status', c.status)}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function DashboardPage({ ctx, dashboard, themeLabel, today }: DashboardPageProps) {
  const { t } = ctx;
  if (!dashboard) {
    return (
      <Layout ctx={ctx} title={t('dashboard.title')}>
        <PageHeading title={t('dashboard.title')} />
        <p class="utrecht-paragraph">{t('caseLists.noList')}</p>
      </Layout>
    );
  }
  const section = (title: string, list: Dashboard['overdue'], href: string, help?: string) => (
    <>
      <h2 class="utrecht-heading-2">{title}</h2>
      {help ? <p class="utrecht-paragraph">{help}</p> : null}
      {list.rows.length === 0 ? (
        <p class="utrecht-paragraph">{t('dashboard.none')}</p>
      ) : (
        <>
          <CaseTable ctx={ctx} rows={list.rows} caption={title} themeLabel={themeLabel} today={today} />
          <p class="utrecht-paragraph">
            {list.count > list.rows.length ? `${t('dashboard.more', { shown: list.rows.length, count: list.count })} ` : null}
            <a class="utrecht-link" href={href}>
              {t('dashboard.showAll')}
            </a>
          </p>
        </>
      )}
    </>
  );
  return (
    <Layout ctx={ctx} title={t('dashboard.title')}>
      <PageHeading title={t('dashboard.title')} intro={t('dashboard.intro')} />
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/cases">
          {t('caseLists.listLink')}
        </a>
      </p>
      <Counts ctx={ctx} counts={dashboard.open} label={t('dashboard.open')} />
      <Counts ctx={ctx} counts={dashboard.closedRecently} label={t('dashboard.closedRecently')} />
      {section(t('dashboard.overdue', { count: dashboard.overdue.count }), dashboard.overdue, '/cases?overdue=1&sort=due')}
      {section(t('dashboard.dueThisWeek', { count: dashboard.dueThisWeek.count }), dashboard.dueThisWeek, '/cases?sort=due')}
      <h2 class="utrecht-heading-2">{t('dashboard.tasks')}</h2>
      {dashboard.tasks.length === 0 ? (
        <p class="utrecht-paragraph">{t('dashboard.none')}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {dashboard.tasks.map((task) => (
            <li key={task.taskId}>
              <a class="utrecht-link" href={`/cases/${task.caseId}`}>
                {t('dashboard.taskDue', { reference: task.reference, date: task.dueOn })}
              </a>
              {task.dueOn < today ? <strong> ({t('caseLists.overdueMark')})</strong> : null}
            </li>
          ))}
        </ul>
      )}
      {section(t('dashboard.singleHolder', { count: dashboard.singleHolder.count }), dashboard.singleHolder, '/cases?single=1', t('dashboard.singleHolderHelp'))}
    </Layout>
  );
}
