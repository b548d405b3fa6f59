/** The report page: summary, the profile chart with its data table, the processes that need measures first, and the method. */
import type { ViewContext } from '../../../../ui/context.ts';
import type { RiskReport } from '../report.ts';
import { RiskChart } from './risk-chart.tsx';
import { RiskPage } from './risk-page.tsx';

export function ReportPage({ ctx, analysisId, report }: { ctx: ViewContext; analysisId: string; report: RiskReport }) {
  const { t } = ctx;
  const base = `/risk-analysis/${analysisId}`;
  const columns = ['inherent', 'enhancing', 'vulnerability', 'resilience', 'residual'] as const;
  return (
    <RiskPage ctx={ctx} title={t('risk.report.title', { title: report.title })} back={{ href: base, label: t('risk.analysis.back') }}>
      <p class="utrecht-paragraph">{t('risk.analysis.entity', { entity: report.entityName })}</p>
      <p class="utrecht-paragraph">{t('risk.analysis.model', { model: report.modelTitle, version: report.modelVersion })}</p>
      {report.status === 'draft' ? <p class="utrecht-paragraph">{t('risk.report.draftNote')}</p> : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}/report.pdf`}>
          {t('risk.report.pdf')}
        </a>
      </p>
      {report.rows.length === 0 ? (
        <p class="utrecht-paragraph">{t('risk.report.noRated')}</p>
      ) : (
        <>
          <p class="utrecht-paragraph">{t('risk.report.summary', report.counts)}</p>
          <figure class="ib-figure">
            <RiskChart report={report} t={t} />
          </figure>
          <div class="ib-table-wrap">
            <table class="utrecht-table">
              <caption class="utrecht-table__caption">{t('risk.report.tableCaption')}</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th scope="col" class="utrecht-table__header-cell">{t('risk.analysis.process')}</th>
                  {columns.map((column) => (
                    <th scope="col" class="utrecht-table__header-cell" key={column}>
                      {t(`risk.report.${column}`)}
                    </th>
                  ))}
                  <th scope="col" class="utrecht-table__header-cell">{t('risk.report.level')}</th>
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {report.rows.map((row, index) => (
                  <tr class="utrecht-table__row" key={index}>
                    <th scope="row" class="utrecht-table__header-cell">{row.name}</th>
                    {columns.map((column) => (
                      <td class="utrecht-table__cell" key={column}>
                        {row.score[column]}
                      </td>
                    ))}
                    <td class="utrecht-table__cell">{t(`risk.level.${row.score.level}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 class="utrecht-heading-2">{t('risk.report.priorities')}</h2>
          {report.priorities.length === 0 ? (
            <p class="utrecht-paragraph">{t('risk.report.noPriorities')}</p>
          ) : (
            <ol class="ib-priorities">
              {report.priorities.map((process, index) => (
                <li key={index}>
                  <h3 class="utrecht-heading-3">
                    {process.name} — {t('risk.report.residual')} {process.residual} ({t(`risk.level.${process.level}`)})
                  </h3>
                  {process.measures.length === 0 ? (
                    <p class="utrecht-paragraph">{t('risk.report.noMeasures')}</p>
                  ) : (
                    <>
                      <p class="utrecht-paragraph">{t('risk.report.measures')}</p>
                      <ul class="utrecht-unordered-list">
                        {process.measures.map((measure, m) => (
                          <li key={m}>
                            <strong>{measure.subject}</strong>: {measure.text}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      {report.unrated.length > 0 ? (
        <>
          <h2 class="utrecht-heading-2">{t('risk.report.unrated')}</h2>
          <ul class="utrecht-unordered-list">
            {report.unrated.map((name, index) => (
              <li key={index}>{name}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 class="utrecht-heading-2">{t('risk.report.method')}</h2>
      <p class="utrecht-paragraph">{report.method}</p>
      <p class="utrecht-paragraph">{t('risk.report.formula', { amplification: report.amplification })}</p>
      <ul class="utrecht-unordered-list">
        {report.sources.map((source, index) => (
          <li key={index}>
            <a class="utrecht-link" href={source.url}>
              {source.title}
            </a>
          </li>
        ))}
      </ul>
    </RiskPage>
  );
}
