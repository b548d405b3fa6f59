/** The case list at /cases: a GET form of filters (works without JavaScript), the table, and keyset paging links. */
import type { ViewContext } from '../../../ui/context.ts';
import { CheckboxField, ErrorSummary, PageHeading, SelectField, TextField } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { caseStatuses } from '../lifecycle.ts';
import { caseChannels, procedureCodes, type ListSort } from '../lists/filters.ts';
import type { CaseListRow } from '../lists/query.ts';
import { CaseTable, codeLabel } from './list-parts.tsx';

export interface ListPageProps {
  ctx: ViewContext;
  /** Undefined for users who have no case list (administrators). */
  rows: CaseListRow[] | undefined;
  values: Record<string, string>;
  errors: FieldErrors;
  sort: ListSort;
  filtered: boolean;
  nextHref: string | undefined;
  firstHref: string | undefined;
  themes: { value: string; label: string }[];
  entities: { id: string; name: string; depth: number }[];
  handlers: { id: string; name: string }[];
  themeLabel: (code: string) => string;
  today: string;
}

export function ListPage(props: ListPageProps) {
  const { ctx, rows, values, errors, sort, filtered, nextHref, firstHref, themes, entities, handlers, themeLabel, today } = props;
  const { t } = ctx;
  const any = { value: '', label: t('caseLists.any') };
  if (rows === undefined) {
    return (
      <Layout ctx={ctx} title={t('caseLists.title')}>
        <PageHeading title={t('caseLists.title')} />
        <p class="utrecht-paragraph">{t('caseLists.noList')}</p>
      </Layout>
    );
  }
  const ignored = Object.values(errors).filter(Boolean).length;
  return (
    <Layout ctx={ctx} title={t('caseLists.title')}>
      <PageHeading title={t('caseLists.title')} intro={t('caseLists.intro')} />
      <ul class="utrecht-unordered-list ib-inline-list">
        <li>
          <a class="utrecht-link" href="/cases/dashboard">
            {t('caseLists.dashboardLink')}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href="/cases/new">
            {t('register.title')}
          </a>
        </li>
        {ctx.user?.isCoordinator ? (
          <>
            <li>
              <a class="utrecht-link" href="/cases/reassign">
                {t('handover.reassign.title')}
              </a>
            </li>
            <li>
              <a class="utrecht-link" href="/cases/retention">
                {t('handover.retention.title')}
              </a>
            </li>
            <li>
              <a class="utrecht-link" href="/cases/export.csv">
                {t('caseLists.exportCsv')}
              </a>
            </li>
          </>
        ) : null}
        {ctx.user?.isCustodian ? (
          <li>
            <a class="utrecht-link" href="/cases/custodian">
              {t('handover.custodian.title')}
            </a>
          </li>
        ) : null}
      </ul>
      {ignored > 0 ? (
        <div class="utrecht-alert utrecht-alert--warning" role="status">
          <p class="utrecht-paragraph">{t('caseLists.ignored', { count: ignored })}</p>
        </div>
      ) : null}
      <form method="get" action="/cases" class="ib-form" role="search" aria-label={t('caseLists.filters')} noValidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <TextField name="q" type="search" label={t('caseLists.field.q')} description={t('caseLists.field.qHelp')} values={values} errors={errors} maxLength={200} />
        <SelectField
          name="status"
          label={t('caseLists.field.status')}
          values={values}
          errors={errors}
          options={[any, ...caseStatuses.map((s) => ({ value: s, label: codeLabel(ctx, 'status', s) }))]}
        />
        <SelectField name="theme" label={t('caseLists.field.theme')} values={values} errors={errors} options={[any, ...themes]} />
        <SelectField
          name="entity"
          label={t('caseLists.field.entity')}
          values={values}
          errors={errors}
          options={[any, ...entities.map((e) => ({ value: e.id, label: `${'\u00a0\u00a0'.repeat(e.depth)}${e.name}` }))]}
        />
        <SelectField name="handler" label={t('caseLists.field.handler')} values={values} errors={errors} options={[any, ...handlers.map((h) => ({ value: h.id, label: h.name }))]} />
        <SelectField
          name="channel"
          label={t('caseLists.field.channel')}
          values={values}
          errors={errors}
          options={[any, ...caseChannels.map((c) => ({ value: c, label: codeLabel(ctx, 'channel', c) }))]}
        />
        <SelectField
          name="procedure"
          label={t('caseLists.field.procedure')}
          values={values}
          errors={errors}
          options={[any, ...procedureCodes.map((p) => ({ value: p, label: codeLabel(ctx, 'procedure', p) }))]}
        />
        <TextField name="from" label={t('caseLists.field.from')} description={t('caseLists.field.dateHelp')} values={values} errors={errors} maxLength={10} />
        <TextField name="to" label={t('caseLists.field.to')} description={t('caseLists.field.dateHelp')} values={values} errors={errors} maxLength={10} />
        <CheckboxField name="overdue" value="1" label={t('caseLists.field.overdue')} values={values} />
        <CheckboxField name="single" value="1" label={t('caseLists.field.single')} values={values} />
        <SelectField
          name="sort"
          label={t('caseLists.field.sort')}
          values={values}
          errors={errors}
          options={[
            { value: 'received', label: t('caseLists.sort.received') },
            { value: 'due', label: t('caseLists.sort.due') },
          ]}
        />
        <div class="utrecht-button-group">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t('caseLists.apply')}
          </button>
          <a class="utrecht-link" href="/cases">
            {t('caseLists.reset')}
          </a>
        </div>
      </form>
      {rows.length === 0 ? (
        <p class="utrecht-paragraph" role="status">
          {filtered ? t('caseLists.empty') : t('caseLists.emptyNone')}
        </p>
      ) : (
        <CaseTable ctx={ctx} rows={rows} caption={t('caseLists.caption', { sort: t(sort === 'due' ? 'caseLists.sort.due' : 'caseLists.sort.received') })} themeLabel={themeLabel} today={today} />
      )}
      {nextHref || firstHref ? (
        <nav aria-label={t('caseLists.title')}>
          <ul class="ib-inline-list">
            {firstHref ? (
              <li>
                <a class="utrecht-link" href={firstHref}>
                  {t('caseLists.first')}
                </a>
              </li>
            ) : null}
            {nextHref ? (
              <li>
                <a class="utrecht-link" href={nextHref} rel="next">
                  {t('caseLists.next')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}
