/** One analysis: its processes with how far their rating is, the links to rate, edit and remove them, and completing it. */
import type { MessageKey } from '../../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../../ui/context.ts';
import { Form } from '../../../../ui/form.tsx';
import type { Analysis, RiskProcess } from '../queries.ts';
import { missingRatings, scoreProcess } from '../score.ts';
import { formatDate, local, RiskPage } from './risk-page.tsx';

interface AnalysisPageProps {
  ctx: ViewContext;
  analysis: Analysis;
  processes: RiskProcess[];
  notice?: MessageKey | undefined;
  problem?: string | undefined;
}

export function AnalysisPage({ ctx, analysis, processes, notice, problem }: AnalysisPageProps) {
  const { t, lang } = ctx;
  const base = `/risk-analysis/${analysis.id}`;
  const draft = analysis.status === 'draft';
  return (
    <RiskPage ctx={ctx} title={analysis.title} notice={notice} problem={problem} back={{ href: '/risk-analysis', label: t('risk.analysis.backToList') }}>
      <p class="utrecht-paragraph">{t('risk.analysis.entity', { entity: analysis.entityName })}</p>
      <p class="utrecht-paragraph">{t('risk.analysis.model', { model: local(analysis.model.title, lang), version: analysis.model.version })}</p>
      {analysis.completedAt ? <p class="utrecht-paragraph">{t('risk.analysis.completedOn', { date: formatDate(analysis.completedAt, lang) })}</p> : null}
      <h2 class="utrecht-heading-2">{t('risk.analysis.processes')}</h2>
      {processes.length === 0 ? (
        <p class="utrecht-paragraph">{t('risk.analysis.noProcesses')}</p>
      ) : (
        <div class="ib-table-wrap">
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">{t('risk.analysis.processes')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">{t('risk.analysis.process')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('risk.analysis.rating')}</th>
                {draft ? <th scope="col" class="utrecht-table__header-cell">{t('risk.analysis.actions')}</th> : null}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {processes.map((process) => {
                const missing = missingRatings(analysis.model, process.ratings).length;
                return (
                  <tr class="utrecht-table__row" key={process.id}>
                    <th scope="row" class="utrecht-table__header-cell">{process.name}</th>
                    <td class="utrecht-table__cell">
                      {missing === 0
                        ? t('risk.analysis.rated', { level: t(`risk.level.${scoreProcess(analysis.model, process.ratings).level}`) })
                        : t('risk.analysis.toRate', { count: missing })}
                    </td>
                    {draft ? (
                      <td class="utrecht-table__cell">
                        <ul class="ib-inline-list">
                          <li>
                            <a class="utrecht-link" href={`${base}/processes/${process.id}/rate`}>
                              {t('risk.analysis.rate', { name: process.name })}
                            </a>
                          </li>
                          <li>
                            <a class="utrecht-link" href={`${base}/processes/${process.id}/edit`}>
                              {t('risk.analysis.edit', { name: process.name })}
                            </a>
                          </li>
                          <li>
                            <a class="utrecht-link" href={`${base}/processes/${process.id}/remove`}>
                              {t('risk.analysis.remove', { name: process.name })}
                            </a>
                          </li>
                        </ul>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ul class="ib-inline-list">
        {draft ? (
          <li>
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${base}/processes/new`}>
              {t('risk.analysis.addProcess')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${base}/report`}>
            {t('risk.analysis.report')}
          </a>
        </li>
      </ul>
      {draft ? (
        <>
          <h2 class="utrecht-heading-2">{t('risk.analysis.complete')}</h2>
          <p class="utrecht-paragraph">{t('risk.analysis.completeHint')}</p>
          <Form ctx={ctx} action={`${base}/complete`} submitLabel={t('risk.analysis.complete')}>
            {null}
          </Form>
        </>
      ) : null}
    </RiskPage>
  );
}
