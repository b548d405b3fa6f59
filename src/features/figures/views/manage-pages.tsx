/** The back office of the figures: publications and their drafts, the protection settings, the policy indicators and the entity feedback. */
import type { ComponentChildren } from 'preact';
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import { languageNames, languages } from '../../../platform/i18n/languages.ts';
import { BarChart, describeBars } from '../../../ui/charts/bar-chart.tsx';
import { DataTable } from '../../../ui/charts/data-table.tsx';
import type { ViewContext } from '../../../ui/context.ts';
import { CheckboxField, Fieldset, Form, PageHeading, TextAreaField, TextField } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { EntityFeedback, PolicyYear, PublicationSnapshot, YearState } from '../compute.ts';
import { indicators, sections, type Section } from '../indicators.ts';
import type { VersionSummary } from '../publications.ts';
import type { PublicationView } from '../presenters.ts';
import type { FiguresAccess } from '../policy.ts';
import type { EntityNode } from '../queries.ts';
import type { DisclosureRules } from '../disclosure/rules.ts';
import { Markdown } from '../markdown.tsx';
import { TableSection } from './table-section.tsx';

export type FiguresSection = 'publications' | 'settings' | 'policy' | 'feedback';


const navigation: { section: FiguresSection; href: string; label: MessageKey; visible: (a: FiguresAccess) => boolean }[] = [
  { section: 'publications', href: '/figures-admin', label: 'figures.admin.nav.publications', visible: (a) => a.managesPublications },
  { section: 'settings', href: '/figures-admin/settings', label: 'figures.admin.nav.settings', visible: (a) => a.managesPublications },
  { section: 'policy', href: '/figures-admin/policy', label: 'figures.admin.nav.policy', visible: (a) => a.readsPolicyIndicators },
  { section: 'feedback', href: '/figures-admin/feedback', label: 'figures.admin.nav.feedback', visible: (a) => a.readsFeedback },
];

interface FrameProps {
  ctx: ViewContext;
  access: FiguresAccess;
  section: FiguresSection;
  title: string;
  intro?: string | undefined;
  notice?: MessageKey | undefined;
  children: ComponentChildren;
}

export function FiguresFrame({ ctx, access, section, title, intro, notice, children }: FrameProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <nav class="ib-subnav" aria-label={t('figures.admin.nav')}>
        <ul class="ib-inline-list">
          {navigation
            .filter((item) => item.visible(access))
            .map((item) => (
              <li key={item.section}>
                <a class="utrecht-link" href={item.href} aria-current={item.section === section ? 'page' : undefined}>
                  {t(item.label)}
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <PageHeading title={title} intro={intro} />
      {notice ? (
        <div class="utrecht-alert utrecht-alert--info" role="status">
          <p class="utrecht-paragraph">{t(notice)}</p>
        </div>
      ) : null}
      {children}
    </Layout>
  );
}

function statusText(ctx: ViewContext, versions: VersionSummary[]): string {
  const latest = versions[0];
  if (!latest) return ctx.t('figures.admin.status.draft');
  if (latest.status === 'withdrawn') return ctx.t('figures.admin.status.withdrawn');
  return ctx.t('figures.admin.status.published', { version: latest.version });
}

export function PublicationsPage(props: { ctx: ViewContext; access: FiguresAccess; publications: PublicationView[]; values: FormValues; errors: FieldErrors; notice?: MessageKey | undefined }) {
  const { ctx, publications, values, errors } = props;
  const { t, lang } = ctx;
  return (
    <FiguresFrame ctx={ctx} access={props.access} section="publications" title={t('figures.admin.title')} intro={t('figures.admin.intro')} notice={props.notice}>
      {publications.length === 0 ? (
        <p class="utrecht-paragraph">{t('figures.admin.none')}</p>
      ) : (
        <DataTable
          caption={t('figures.admin.publications')}
          headers={[t('figures.admin.year'), t('figures.admin.status')]}
          rows={publications.map((p) => ({
            header: String(p.year),
            cells: [
              <a class="utrecht-link" href={`/figures-admin/publications/${p.id}`}>
                {statusText(ctx, p.versions)}
              </a>,
            ],
          }))}
        />
      )}
      <h2 class="utrecht-heading-2">{t('figures.admin.new')}</h2>
      <Form ctx={ctx} action="/figures-admin/publications" submitLabel={t('figures.admin.create')} errors={errors}>
        <TextField name="year" label={t('figures.admin.year')} values={values} errors={errors} inputMode="numeric" maxLength={4} />
        <Fieldset legend={t('figures.admin.indicators')} name="indicators" errors={errors}>
          {indicators.map((indicator) => (
            <CheckboxField key={indicator.id} name={`indicator_${indicator.id}`} label={indicator.text[lang].name} description={indicator.text[lang].description} values={values} />
          ))}
        </Fieldset>
      </Form>
    </FiguresFrame>
  );
}

export const commentarySections: ('introduction' | Section)[] = ['introduction', ...sections];

interface DraftPageProps {
  ctx: ViewContext;
  access: FiguresAccess;
  publication: PublicationView;
  snapshot: PublicationSnapshot;
  yearState: YearState;
  versions: VersionSummary[];
  values: FormValues;
  errors: FieldErrors;
  notice?: MessageKey | undefined;
}

export function DraftPage({ ctx, access, publication, snapshot, yearState, versions, values, errors, notice }: DraftPageProps) {
  const { t, lang } = ctx;
  const base = `/figures-admin/publications/${publication.id}`;
  const unprotectable = snapshot.tables.filter((table) => table.status === 'unprotectable').length;
  const online = versions.some((v) => v.status === 'published');
  return (
    <FiguresFrame ctx={ctx} access={access} section="publications" title={t('figures.admin.draft', { year: String(publication.year) })} intro={t('figures.admin.draftIntro')} notice={notice}>
      {yearState !== 'closed' ? (
        <div class="utrecht-alert utrecht-alert--warning" role="note">
          <p class="utrecht-paragraph">{yearState === 'open' ? t('figures.admin.yearOpen', { year: String(publication.year), next: String(publication.year + 1) }) : t('figures.admin.yearFuture', { year: String(publication.year) })}</p>
        </div>
      ) : null}
      {unprotectable ? (
        <div class="utrecht-alert utrecht-alert--warning" role="note">
          <p class="utrecht-paragraph">{t('figures.admin.unprotectable', { count: unprotectable })}</p>
        </div>
      ) : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}/preview`}>
          {t('figures.admin.preview')}
        </a>
        {versions.length ? (
          <>
            {' · '}
            <a class="utrecht-link" href={`/figures/${publication.year}`}>
              {t('figures.admin.viewPublic')}
            </a>
          </>
        ) : null}
      </p>
      {snapshot.tables.map((table) => (
        <TableSection key={table.id} ctx={ctx} table={table} definition={snapshot.definitions[table.id]?.[lang]} threshold={snapshot.rules.threshold} headingLevel={2} />
      ))}
      <h2 class="utrecht-heading-2">{t('figures.admin.commentary')}</h2>
      <p class="utrecht-paragraph">{t('figures.admin.commentaryHelp')}</p>
      <Form ctx={ctx} action={`${base}/commentary`} submitLabel={t('figures.admin.saveCommentary')} errors={errors.commentary ? { commentary: errors.commentary } : undefined}>
        {commentarySections.map((section) => (
          <Fieldset key={section} legend={t(`figures.section.${section}`)}>
            {languages.map((language) => (
              <TextAreaField
                key={language}
                name={`commentary_${section}_${language}`}
                label={t('figures.admin.commentaryIn', { section: t(`figures.section.${section}`), language: languageNames[language] })}
                values={values}
                errors={errors}
                rows={language === 'nl' ? 6 : 3}
                maxLength={20000}
              />
            ))}
          </Fieldset>
        ))}
      </Form>
      {yearState === 'closed' ? (
        <>
          <h2 class="utrecht-heading-2">{online || versions.length ? t('figures.admin.publishCorrection') : t('figures.admin.publish')}</h2>
          <Form ctx={ctx} action={`${base}/publish`} submitLabel={versions.length ? t('figures.admin.publishCorrection') : t('figures.admin.publish')} errors={errors.reason ? { reason: errors.reason } : undefined}>
            {versions.length ? <TextField name="reason" label={t('figures.admin.reason')} description={t('figures.admin.reasonHelp')} values={values} errors={errors} maxLength={500} /> : null}
          </Form>
        </>
      ) : null}
      {online ? (
        <>
          <h2 class="utrecht-heading-2">{t('figures.admin.unpublish')}</h2>
          <Form ctx={ctx} action={`${base}/unpublish`} submitLabel={t('figures.admin.unpublish')} errors={errors.withdrawReason ? { withdrawReason: errors.withdrawReason } : undefined} danger>
            <TextField name="withdrawReason" label={t('figures.admin.unpublishReason')} description={t('figures.admin.reasonHelp')} values={values} errors={errors} maxLength={500} />
          </Form>
        </>
      ) : null}
      {versions.length ? (
        <DataTable
          caption={t('figures.admin.versions')}
          headers={[t('figures.admin.versions'), t('figures.admin.status')]}
          rows={versions.map((v) => ({
            header: t('figures.public.version', { version: v.version }),
            cells: [`${v.publishedAt.toISOString().slice(0, 10)} · ${v.status}${v.reason ? ` · ${v.reason}` : ''}${v.endReason ? ` · ${v.endReason}` : ''}`],
          }))}
        />
      ) : null}
    </FiguresFrame>
  );
}

export function SettingsPage({ ctx, access, values, errors, notice }: { ctx: ViewContext; access: FiguresAccess; values: FormValues; errors: FieldErrors; notice?: MessageKey | undefined }) {
  const { t } = ctx;
  return (
    <FiguresFrame ctx={ctx} access={access} section="settings" title={t('figures.settings.title')} intro={t('figures.settings.intro')} notice={notice}>
      <Form ctx={ctx} action="/figures-admin/settings" submitLabel={t('form.save')} errors={errors}>
        <TextField name="threshold" label={t('figures.settings.threshold')} description={t('figures.settings.thresholdHelp')} values={values} errors={errors} inputMode="numeric" maxLength={3} />
        <TextField name="protectionLevel" label={t('figures.settings.protectionLevel')} description={t('figures.settings.protectionLevelHelp')} values={values} errors={errors} inputMode="numeric" maxLength={3} />
      </Form>
    </FiguresFrame>
  );
}

export function rulesValues(rules: DisclosureRules): FormValues {
  return { threshold: String(rules.threshold), protectionLevel: String(rules.protectionLevel) };
}

export function PolicyPage({ ctx, access, policy }: { ctx: ViewContext; access: FiguresAccess; policy: { headcount: number | null; years: PolicyYear[] } }) {
  const { t, lang } = ctx;
  const percent = (value: number | null) => (value === null ? t('figures.derived.notShown') : t('figures.derived.percent', { value: value.toLocaleString(lang) }));
  const bars = policy.years.map((y) => ({ label: String(y.year), value: y.contacts }));
  const empty = policy.years.every((y) => y.contacts === 0);
  return (
    <FiguresFrame ctx={ctx} access={access} section="policy" title={t('figures.policy.title')} intro={t('figures.policy.intro')}>
      {empty ? <p class="utrecht-paragraph">{t('figures.policy.noData')}</p> : null}
      <BarChart
        id="policy-contacts"
        title={t('figures.policy.chart')}
        description={describeBars(bars, { largest: (list) => t('figures.chart.largest', { list }), hidden: (count) => t('figures.chart.hidden', { count }), none: t('figures.chart.none') })}
        bars={bars}
        missingText={t('figures.chart.missing')}
      />
      <DataTable
        caption={t('figures.policy.caption')}
        headers={[t('figures.policy.year'), t('figures.policy.contacts'), t('figures.policy.perThousand'), t('figures.policy.integrityShare'), t('figures.policy.acknowledgedShare'), t('figures.policy.feedbackShare')]}
        rows={policy.years.map((y) => ({
          header: String(y.year),
          cells: [
            y.contacts === null ? t('figures.derived.notShown') : y.contacts.toLocaleString(lang),
            y.perThousandStaff === null ? t('figures.derived.notShown') : y.perThousandStaff.toLocaleString(lang),
            percent(y.integrityShare),
            percent(y.acknowledgedInTimeShare),
            percent(y.feedbackInTimeShare),
          ],
        }))}
      />
      <p class="utrecht-paragraph">{policy.headcount === null ? t('figures.policy.headcountUnknown') : t('figures.policy.headcount', { headcount: policy.headcount.toLocaleString(lang) })}</p>
    </FiguresFrame>
  );
}

export function FeedbackIndexPage({ ctx, access, entities }: { ctx: ViewContext; access: FiguresAccess; entities: EntityNode[] }) {
  const { t } = ctx;
  return (
    <FiguresFrame ctx={ctx} access={access} section="feedback" title={t('figures.feedback.index')} intro={t('figures.feedback.indexIntro')}>
      {entities.length === 0 ? <p class="utrecht-paragraph">{t('figures.feedback.noEntity')}</p> : null}
      <ul class="utrecht-unordered-list">
        {entities.map((entity) => (
          <li key={entity.id} class="utrecht-unordered-list__item">
            <a class="utrecht-link" href={`/figures-admin/feedback/${entity.id}`}>
              {entity.name}
            </a>
          </li>
        ))}
      </ul>
    </FiguresFrame>
  );
}

interface FeedbackPageProps {
  ctx: ViewContext;
  access: FiguresAccess;
  feedback: EntityFeedback;
  yearState: YearState;
  commentary: Partial<Record<string, string>>;
  values: FormValues;
  notice?: MessageKey | undefined;
}

export function FeedbackPage({ ctx, access, feedback, yearState, commentary, values, notice }: FeedbackPageProps) {
  const { t, lang } = ctx;
  const base = `/figures-admin/feedback/${feedback.entity.id}`;
  const year = String(feedback.year);
  const own = commentary[lang] ?? commentary.nl;
  return (
    <FiguresFrame ctx={ctx} access={access} section="feedback" title={t('figures.feedback.title', { year, entity: feedback.entity.name })} intro={t('figures.feedback.intro')} notice={notice}>
      <form method="get" action={base} class="ib-form">
        <TextField name="year" label={t('figures.feedback.yearLabel')} values={{ year }} inputMode="numeric" maxLength={4} />
        <div class="utrecht-button-group">
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('figures.feedback.show')}
          </button>
        </div>
      </form>
      {yearState !== 'closed' ? (
        <div class="utrecht-alert utrecht-alert--warning" role="note">
          <p class="utrecht-paragraph">{t('figures.feedback.yearOpen', { year })}</p>
        </div>
      ) : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}/report.pdf?year=${year}`}>
          {t('figures.feedback.pdf')}
        </a>
      </p>
      <FeedbackTotals ctx={ctx} feedback={feedback} />
      {feedback.tables.map((table) => (
        <TableSection key={table.id} ctx={ctx} table={table} definition={indicators.find((i) => i.id === table.id)?.text[lang]} threshold={feedback.rules.threshold} headingLevel={2} />
      ))}
      <h2 class="utrecht-heading-2">{t('figures.feedback.commentary')}</h2>
      {own ? <Markdown source={own} /> : <p class="utrecht-paragraph">{t('figures.feedback.noCommentary')}</p>}
      {access.commentsFeedback ? (
        <Form ctx={ctx} action={`${base}/commentary?year=${year}`} submitLabel={t('figures.admin.saveCommentary')}>
          <p class="utrecht-paragraph">{t('figures.admin.commentaryHelp')}</p>
          {languages.map((language) => (
            <TextAreaField key={language} name={`commentary_${language}`} label={t('figures.admin.commentaryIn', { section: t('figures.feedback.commentary'), language: languageNames[language] })} values={values} rows={language === 'nl' ? 6 : 3} maxLength={20000} />
          ))}
        </Form>
      ) : null}
    </FiguresFrame>
  );
}

export function FeedbackTotals({ ctx, feedback }: { ctx: Pick<ViewContext, 't' | 'lang'>; feedback: EntityFeedback }) {
  const { t, lang } = ctx;
  return (
    <>
      {feedback.tooSmall ? (
        <div class="utrecht-alert utrecht-alert--info" role="note">
          <p class="utrecht-paragraph">{t('figures.feedback.tooSmall', { year: String(feedback.year) })}</p>
        </div>
      ) : null}
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">
          {feedback.entityTotal === null ? t('figures.feedback.entityTotalHidden', { threshold: feedback.rules.threshold }) : t('figures.feedback.entityTotal', { count: feedback.entityTotal.toLocaleString(lang) })}
        </li>
        <li class="utrecht-unordered-list__item">
          {feedback.organisationTotal === null ? t('figures.feedback.organisationTotalHidden') : t('figures.feedback.organisationTotal', { count: feedback.organisationTotal.toLocaleString(lang) })}
        </li>
      </ul>
    </>
  );
}
