/** The public page of a year's figures, exactly as the coordinator previews it: commentary, protected tables with charts, open data and the version list. */
import { indicatorById, sections, type IndicatorId, type Section } from '../indicators.ts';
import type { PublicationSnapshot } from '../compute.ts';
import { Markdown } from '../markdown.tsx';
import type { VersionSummary } from '../publications.ts';
import { PublicLayout, type PublicContext } from './public-layout.tsx';
import { TableSection } from './table-section.tsx';

const day = (date: Date | string) => (typeof date === 'string' ? date : date.toISOString()).slice(0, 10);

function Commentary({ ctx, snapshot, section }: { ctx: PublicContext; snapshot: PublicationSnapshot; section: 'introduction' | Section }) {
  const texts = snapshot.commentary[section];
  const own = texts?.[ctx.lang];
  const dutch = texts?.nl;
  if (own) return <Markdown source={own} />;
  if (!dutch) return null;
  return (
    <div lang="nl">
      <p class="utrecht-paragraph ib-figure-note" lang={ctx.lang}>
        {ctx.t('figures.public.commentaryFallback')}
      </p>
      <Markdown source={dutch} />
    </div>
  );
}

export function VersionList({ ctx, versions, base }: { ctx: PublicContext; versions: VersionSummary[]; base: string }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="versions">
      <h2 id="versions" class="utrecht-heading-2">
        {t('figures.public.versions')}
      </h2>
      <ul class="utrecht-unordered-list">
        {versions.map((v) => (
          <li key={v.version} class="utrecht-unordered-list__item">
            <a class="utrecht-link" href={ctx.url(`${base}/versions/${v.version}`)}>
              {t('figures.public.version', { version: v.version })}
            </a>
            {', '}
            {t('figures.public.publishedOn', { date: day(v.publishedAt) })}
            {v.reason ? ` — ${t('figures.public.reason', { reason: v.reason })}` : ''}
            {' ('}
            {v.status === 'published' ? t('figures.public.status.published') : v.status === 'superseded' ? t('figures.public.status.superseded', { date: day(v.endedAt ?? v.publishedAt) }) : t('figures.public.status.withdrawn', { date: day(v.endedAt ?? v.publishedAt) })}
            {v.endReason && v.status !== 'published' ? `: ${v.endReason}` : ''}
            {')'}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface PublicationPageProps {
  ctx: PublicContext;
  snapshot: PublicationSnapshot;
  /** Where this version's CSV files and metadata live, e.g. /figures/2025 or /figures/2025/versions/2. */
  dataBase: string;
  versions: VersionSummary[];
  shown?: VersionSummary | undefined;
  /** The coordinator's preview: a notice on top, nothing else differs. */
  preview?: boolean;
}

export function PublicationPage({ ctx, snapshot, dataBase, versions, shown, preview }: PublicationPageProps) {
  const { t } = ctx;
  const title = t('figures.public.title', { year: String(snapshot.year) });
  const current = versions.find((v) => v.status === 'published');
  const base = `/figures/${snapshot.year}`;
  return (
    <PublicLayout ctx={ctx} title={title}>
      {preview ? (
        <div class="utrecht-alert utrecht-alert--info" role="note">
          <p class="utrecht-paragraph">{t('figures.public.preview')}</p>
        </div>
      ) : null}
      <h1 class="utrecht-heading-1">{title}</h1>
      {shown?.status === 'withdrawn' ? (
        <div class="utrecht-alert utrecht-alert--warning" role="note">
          <p class="utrecht-paragraph">{t('figures.public.withdrawn', { date: day(shown.endedAt ?? shown.publishedAt), reason: shown.endReason ?? '' })}</p>
        </div>
      ) : null}
      {shown && shown.status === 'superseded' ? (
        <div class="utrecht-alert utrecht-alert--warning" role="note">
          <p class="utrecht-paragraph">
            {t('figures.public.oldVersion', { version: shown.version })}{' '}
            {current ? (
              <a class="utrecht-link" href={ctx.url(base)}>
                {t('figures.public.current')}
              </a>
            ) : null}
          </p>
        </div>
      ) : null}
      {shown?.status === 'withdrawn' ? <VersionList ctx={ctx} versions={versions} base={base} /> : <PublicationBody ctx={ctx} snapshot={snapshot} dataBase={dataBase} versions={versions} />}
    </PublicLayout>
  );
}

/** The figures themselves; a withdrawn version shows none of them, only why it was withdrawn. */
function PublicationBody({ ctx, snapshot, dataBase, versions }: { ctx: PublicContext; snapshot: PublicationSnapshot; dataBase: string; versions: VersionSummary[] }) {
  const { t, lang } = ctx;
  const base = `/figures/${snapshot.year}`;
  const threshold = snapshot.rules.threshold;
  const present = sections.filter((section) => snapshot.tables.some((table) => indicatorSection(snapshot, table.id) === section));
  return (
    <>
      <p class="utrecht-paragraph">{t('figures.public.period', { from: snapshot.period.from, to: snapshot.period.to })}</p>
      <p class="utrecht-paragraph">
        {snapshot.totalContacts === 0 ? t('figures.public.noData') : snapshot.totalContacts === null ? t('figures.public.totalHidden') : t('figures.public.total', { count: snapshot.totalContacts.toLocaleString(lang) })}
      </p>
      <p class="utrecht-paragraph">{t('figures.public.protection', { threshold })}</p>
      <Commentary ctx={ctx} snapshot={snapshot} section="introduction" />
      <nav aria-labelledby="contents">
        <h2 id="contents" class="utrecht-heading-2">
          {t('figures.public.contents')}
        </h2>
        <ul class="utrecht-unordered-list">
          {present.map((section) => (
            <li key={section} class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`#section-${section}`}>
                {t(`figures.section.${section}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {present.map((section) => (
        <section key={section} aria-labelledby={`section-${section}`}>
          <h2 id={`section-${section}`} class="utrecht-heading-2">
            {t(`figures.section.${section}`)}
          </h2>
          <Commentary ctx={ctx} snapshot={snapshot} section={section} />
          {snapshot.tables
            .filter((table) => indicatorSection(snapshot, table.id) === section)
            .map((table) => (
              <TableSection key={table.id} ctx={ctx} table={table} definition={snapshot.definitions[table.id]?.[lang]} threshold={threshold} csvHref={ctx.url(`${dataBase}/${table.id}.csv`)} />
            ))}
        </section>
      ))}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={ctx.url(`${dataBase}/metadata.json`)}>
          {t('figures.csv.metadata')}
        </a>
      </p>
      {versions.length ? <VersionList ctx={ctx} versions={versions} base={base} /> : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={ctx.url('/figures')}>
          {t('figures.public.archive')}
        </a>
      </p>
    </>
  );
}

function indicatorSection(snapshot: PublicationSnapshot, id: IndicatorId): Section | undefined {
  return snapshot.indicators.includes(id) ? indicatorById(id).section : undefined;
}

export function ArchivePage({ ctx, years }: { ctx: PublicContext; years: { year: number; versions: VersionSummary[] }[] }) {
  const { t } = ctx;
  return (
    <PublicLayout ctx={ctx} title={t('figures.public.archiveTitle')}>
      <h1 class="utrecht-heading-1">{t('figures.public.archiveTitle')}</h1>
      <p class="utrecht-paragraph">{t('figures.public.archiveIntro')}</p>
      {years.length === 0 ? <p class="utrecht-paragraph">{t('figures.public.archiveEmpty')}</p> : null}
      <ul class="utrecht-unordered-list">
        {years.map(({ year, versions }) => {
          const latest = versions[0];
          return (
            <li key={year} class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={ctx.url(`/figures/${year}`)}>
                {t('figures.public.read', { year: String(year) })}
              </a>
              {latest ? ` — ${t('figures.public.version', { version: latest.version })}, ${latest.status === 'published' ? t('figures.public.status.published') : latest.status === 'withdrawn' ? t('figures.public.status.withdrawn', { date: day(latest.endedAt ?? latest.publishedAt) }) : ''}` : ''}
            </li>
          );
        })}
      </ul>
    </PublicLayout>
  );
}
