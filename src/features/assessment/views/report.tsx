/** The report page: overall and per-dimension scores with an accessible chart and table, strengths, gaps, next steps, trend and the anonymous peer benchmark. */
import type { ViewContext } from '../../../ui/context.ts';
import { minimumEntitiesForBenchmark } from '../benchmark.ts';
import type { AssessmentReport } from '../report.ts';
import { formatScore, type DimensionScore } from '../scoring.ts';
import { ScoreChart } from './chart.tsx';
import { AssessmentFrame, formatDate, localized } from './frame.tsx';

export function dimensionTitle(report: AssessmentReport, code: string, ctx: Pick<ViewContext, 'lang'>): string {
  const dimension = report.model.dimensions.find((d) => d.code === code);
  return dimension ? localized(dimension.title, ctx) : code;
}

function ScoreList({ ctx, report, scores, none }: { ctx: ViewContext; report: AssessmentReport; scores: DimensionScore[]; none: string }) {
  if (scores.length === 0) return <p class="utrecht-paragraph">{none}</p>;
  return (
    <ul class="utrecht-unordered-list">
      {scores.map((s) => (
        <li key={s.code}>
          {dimensionTitle(report, s.code, ctx)}: {formatScore(s.score, ctx.lang)}
        </li>
      ))}
    </ul>
  );
}

export function ReportPage({ ctx, report }: { ctx: ViewContext; report: AssessmentReport }) {
  const { t } = ctx;
  const { assessment, benchmark } = report;
  const previous = report.trend.at(-1);
  const median = (code: string) => (benchmark.shown ? benchmark.dimensions.get(code)?.median : undefined);
  const base = `/assessment/${assessment.id}`;
  return (
    <AssessmentFrame
      ctx={ctx}
      title={t('assessment.report.pageTitle', { entity: assessment.entityName })}
      intro={t('assessment.detail.intro', { model: localized(report.model.title, ctx), version: assessment.modelVersion, date: formatDate(assessment.startedAt, ctx.lang) })}
    >
      {assessment.status === 'open' ? (
        <div class="utrecht-alert utrecht-alert--info" role="status">
          <p class="utrecht-paragraph">{t('assessment.report.provisional')}</p>
        </div>
      ) : null}
      <p class="utrecht-paragraph">
        <strong>{t('assessment.report.overall')}:</strong> {formatScore(report.overall, ctx.lang)} / 5
        {previous ? ` — ${t('assessment.report.previousOverall', { score: formatScore(previous.overallScore, ctx.lang), date: formatDate(previous.closedAt, ctx.lang) })}` : ''}
      </p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}/report.pdf`}>
          {t('assessment.report.pdf')}
        </a>
      </p>
      <h2 class="utrecht-heading-2">{t('assessment.report.scores')}</h2>
      <div class="ib-chart-wrap">
        <ScoreChart
          id="score-chart"
          title={t('assessment.report.chartTitle')}
          description={t(benchmark.shown ? 'assessment.report.chartDescBenchmark' : 'assessment.report.chartDesc')}
          bars={report.scores.map((s) => ({ label: dimensionTitle(report, s.code, ctx), value: s.score, median: median(s.code) }))}
        />
        <div class="ib-table-wrap">
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">{t('assessment.report.tableCaption')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">{t('assessment.report.dimension')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('assessment.report.weight')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('assessment.report.score')}</th>
                {previous ? <th scope="col" class="utrecht-table__header-cell">{t('assessment.report.previous')}</th> : null}
                {benchmark.shown ? <th scope="col" class="utrecht-table__header-cell">{t('assessment.report.peerMedian')}</th> : null}
                {benchmark.shown ? <th scope="col" class="utrecht-table__header-cell">{t('assessment.report.peerQuartiles')}</th> : null}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {report.scores.map((s) => {
                const peers = benchmark.shown ? benchmark.dimensions.get(s.code) : undefined;
                return (
                  <tr key={s.code} class="utrecht-table__row">
                    <th scope="row" class="utrecht-table__header-cell">
                      {dimensionTitle(report, s.code, ctx)}
                    </th>
                    <td class="utrecht-table__cell">{s.weight}</td>
                    <td class="utrecht-table__cell">{formatScore(s.score, ctx.lang)}</td>
                    {previous ? <td class="utrecht-table__cell">{formatScore(previous.dimensions.get(s.code) ?? null, ctx.lang)}</td> : null}
                    {benchmark.shown ? <td class="utrecht-table__cell">{formatScore(peers?.median ?? null, ctx.lang)}</td> : null}
                    {benchmark.shown ? (
                      <td class="utrecht-table__cell">
                        {peers ? `${formatScore(peers.q1, ctx.lang)} – ${formatScore(peers.q3, ctx.lang)}` : '—'}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
      <h2 class="utrecht-heading-2">{t('assessment.report.benchmark')}</h2>
      <p class="utrecht-paragraph">
        {benchmark.shown
          ? t('assessment.report.benchmarkShown', { entities: benchmark.entities, median: formatScore(benchmark.overall?.median ?? null, ctx.lang) })
          : t('assessment.report.benchmarkHidden', { minimum: minimumEntitiesForBenchmark })}
      </p>
      <h2 class="utrecht-heading-2">{t('assessment.report.strengths')}</h2>
      <ScoreList ctx={ctx} report={report} scores={report.strengths} none={t('assessment.report.noStrengths')} />
      <h2 class="utrecht-heading-2">{t('assessment.report.gaps')}</h2>
      <ScoreList ctx={ctx} report={report} scores={report.gaps} none={t('assessment.report.noGaps')} />
      <h2 class="utrecht-heading-2">{t('assessment.report.nextSteps')}</h2>
      {report.nextSteps.length === 0 ? (
        <p class="utrecht-paragraph">{t('assessment.report.noSteps')}</p>
      ) : (
        <ol class="utrecht-ordered-list" id="next-steps">
          {report.nextSteps.map((step) => (
            <li key={step.dimensionCode}>
              <strong>{dimensionTitle(report, step.dimensionCode, ctx)}</strong> ({t('assessment.report.stepLevel', { level: step.level })}): {localized(step.recommendation, ctx)}
              {report.remarks.get(step.dimensionCode) ? (
                <p class="utrecht-paragraph">
                  {t('assessment.report.remark')}: {report.remarks.get(step.dimensionCode)}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {report.trend.length > 0 ? (
        <>
          <h2 class="utrecht-heading-2">{t('assessment.report.trend')}</h2>
          <ul class="utrecht-unordered-list">
            {report.trend.map((p, i) => (
              <li key={i}>{t('assessment.report.trendItem', { date: formatDate(p.closedAt, ctx.lang), version: p.version, score: formatScore(p.overallScore, ctx.lang) })}</li>
            ))}
            <li>{t('assessment.report.trendNow', { score: formatScore(report.overall, ctx.lang) })}</li>
          </ul>
        </>
      ) : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}/actions`}>
          {t('assessment.actions.title')}
        </a>
        {' · '}
        <a class="utrecht-link" href={base}>
          {t('assessment.backToAssessment')}
        </a>
      </p>
    </AssessmentFrame>
  );
}
