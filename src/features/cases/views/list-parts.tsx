/** Pieces shared by the case list and the dashboard: labels of codes and the table of cases. */
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import type { CaseListRow } from '../lists/query.ts';

/** A label from the case lists' messages (messages/nl.json …) for a code (status, procedure, channel, duty), or the code itself when unknown. */
export function codeLabel(ctx: ViewContext, group: 'status' | 'procedure' | 'channel' | 'duty', code: string): string {
  const key = `caseLists.${group}.${code}`;
  const text = ctx.t(key as MessageKey);
  return text === key ? code : text;
}

export interface CaseTableProps {
  ctx: ViewContext;
  rows: CaseListRow[];
  caption: string;
  themeLabel: (code: string) => string;
  today: string;
}

export function CaseTable({ ctx, rows, caption, themeLabel, today }: CaseTableProps) {
  const { t } = ctx;
  return (
    <div class="ib-table-wrap">
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th scope="col" class="utrecht-table__header-cell">{t('caseLists.col.reference')}</th>
            <th scope="col" class="utrecht-table__header-cell">{t('caseLists.col.status')}</th>
            <th scope="col" class="utrecht-table__header-cell">{t('caseLists.col.theme')}</th>
            <th scope="col" class="utrecht-table__header-cell">{t('caseLists.col.entity')}</th>
            <th scope="col" class="utrecht-table__header-cell">{t('caseLists.col.received')}</th>
            <th scope="col" class="utrecht-table__header-cell">{t('caseLists.col.due')}</th>
            <th scope="col" class="utrecht-table__header-cell">{t('caseLists.col.handlers')}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((row) => (
            <tr class="utrecht-table__row" key={row.id}>
              <th scope="row" class="utrecht-table__cell">
                <a class="utrecht-link" href={`/cases/${row.id}`}>
                  {row.reference}
                </a>
              </th>
              <td class="utrecht-table__cell">
                {codeLabel(ctx, 'status', row.status)}
                <br />
                {codeLabel(ctx, 'procedure', row.procedure)}, {codeLabel(ctx, 'channel', row.channel)}
              </td>
              <td class="utrecht-table__cell">{themeLabel(row.theme)}</td>
              <td class="utrecht-table__cell">{row.entityName ?? '—'}</td>
              <td class="utrecht-table__cell">{row.receivedOn}</td>
              <td class="utrecht-table__cell">
                {row.nextDueOn ? (
                  <>
                    {t('caseLists.dueWithDuty', { date: row.nextDueOn, duty: row.nextDuty ? codeLabel(ctx, 'duty', row.nextDuty) : '' })}
                    {row.nextDueOn < today ? <strong> ({t('caseLists.overdueMark')})</strong> : null}
                  </>
                ) : (
                  t('caseLists.noDue')
                )}
              </td>
              <td class="utrecht-table__cell">
                {row.handlers.length === 0
                  ? t('caseLists.noHandler')
                  : row.handlers.map((h) => (h.pending ? t('caseLists.pendingMark', { name: h.name }) : h.name)).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
