/** One protected table as the public and the coordinator see it: its definition, a bar chart, the data table, derived shares and its CSV. */
import type { Language } from '../../../platform/i18n/languages.ts';
import type { Translate } from '../../../platform/i18n/translate.ts';
import { BarChart, describeBars, type Bar } from '../../../ui/charts/bar-chart.tsx';
import { DataTable } from '../../../ui/charts/data-table.tsx';
import type { IndicatorText } from '../indicators.ts';
import type { PublishedTable } from '../tables.ts';

export interface TextContext {
  lang: Language;
  t: Translate;
}

export function formatCount(ctx: TextContext, value: number | null | undefined) {
  if (value === null || value === undefined) {
    return <abbr title={ctx.t('figures.table.suppressedLabel')}>{ctx.t('figures.table.suppressed')}</abbr>;
  }
  return value.toLocaleString(ctx.lang);
}

/** The chart's bars: each row's total; a deep tree is charted to its second level (the table has it all). */
export function barsOf(table: PublishedTable, lang: Language): Bar[] {
  return table.rows.filter((row) => row.depth <= 1).map((row) => ({ label: row.label[lang], value: table.values[`${row.key}|*`] ?? null, depth: row.depth }));
}

interface TableSectionProps {
  ctx: TextContext;
  table: PublishedTable;
  definition: IndicatorText | undefined;
  threshold: number;
  /** Where the table's CSV lives (no link when absent). */
  csvHref?: string | undefined;
  headingLevel?: 2 | 3;
}

export function TableSection({ ctx, table, definition, threshold, csvHref, headingLevel = 3 }: TableSectionProps) {
  const { t, lang } = ctx;
  const name = definition?.name ?? table.id;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const bars = barsOf(table, lang);
  const description = describeBars(bars, {
    largest: (list) => t('figures.chart.largest', { list }),
    hidden: (count) => t('figures.chart.hidden', { count }),
    none: t('figures.chart.none'),
  }, (value) => value.toLocaleString(lang));
  return (
    <section class="ib-figure-table" aria-labelledby={`table-${table.id}`}>
      <Heading id={`table-${table.id}`} class={`utrecht-heading-${headingLevel}`}>
        {name}
      </Heading>
      {definition ? <p class="utrecht-paragraph">{definition.description}</p> : null}
      {table.status === 'empty' ? <p class="utrecht-paragraph">{t('figures.table.empty')}</p> : null}
      {table.status === 'unprotectable' ? (
        <div class="utrecht-alert utrecht-alert--warning" role="note">
          <p class="utrecht-paragraph">{t('figures.table.unprotectable')}</p>
        </div>
      ) : null}
      {table.status === 'released' ? <BarChart id={`chart-${table.id}`} title={name} description={description} bars={bars} missingText={t('figures.chart.missing')} formatValue={(value) => value.toLocaleString(lang)} /> : null}
      <DataTable
        caption={name}
        headers={[t('figures.table.category'), ...table.columns.map((c) => c.label[lang]), t('figures.table.total')]}
        rows={table.rows.map((row) => ({
          header: row.label[lang],
          depth: row.depth,
          cells: [...table.columns.map((c) => formatCount(ctx, table.values[`${row.key}|${c.key}`])), formatCount(ctx, table.values[`${row.key}|*`])],
        }))}
        footer={{ header: t('figures.table.total'), cells: [...table.columns.map((c) => formatCount(ctx, table.values[`*|${c.key}`])), formatCount(ctx, table.values['*|*'])] }}
      />
      {table.derived ? (
        <DataTable
          caption={t('figures.derived.caption', { name })}
          headers={[t('figures.table.category'), ...table.columns.map((c) => c.label[lang]), t('figures.table.total')]}
          rows={[
            { header: t('figures.derived.share'), cells: table.derived.map((d) => (d.share === null ? t('figures.derived.notShown') : t('figures.derived.percent', { value: d.share.toLocaleString(lang) }))) },
            { header: t('figures.derived.median'), cells: table.derived.map((d) => (d.medianDays === null ? t('figures.derived.notShown') : d.medianDays.toLocaleString(lang))) },
          ]}
        />
      ) : null}
      {table.suppressed > 0 ? <p class="utrecht-paragraph ib-figure-note">{t('figures.table.suppressedNote', { threshold })}</p> : null}
      {definition ? (
        <details class="ib-figure-formula">
          <summary>{t('figures.table.formula')}</summary>
          <p class="utrecht-paragraph">{definition.formula}</p>
        </details>
      ) : null}
      {csvHref ? (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={csvHref} download>
            {t('figures.csv.download')}: {name}
          </a>
        </p>
      ) : null}
    </section>
  );
}
