/**
 * The record of an oral report as the handler writes it: where the person's review stands, their
 * confirmation or corrections, every earlier version, and the form for a new version (carrying the
 * case version it was read at, so two handlers cannot overwrite each other).
 */
import { Fragment } from 'preact';
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Form, PageHeading, TextAreaField } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { recordMaxLength } from '../commands/write-record.ts';
import { type RecordEntry, type RecordReviewState } from '../../case-record/service.ts';

export interface RecordPageModel {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  /** The case version this page was read at. */
  version: number;
  reviewState: RecordReviewState | null;
  /** Whether the person holds a receipt code and can review online. */
  reporterCanReview: boolean;
  history: RecordEntry[];
  values: FormValues;
  errors: FieldErrors;
  notice: { saved: number } | { stale: true } | undefined;
}

/** Plain text with its line breaks, without inserting HTML and without a style sheet rule. */
function Lines({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <p class="utrecht-paragraph">
      {lines.map((line, index) => (
        <Fragment key={index}>
          {line}
          {index < lines.length - 1 ? <br /> : null}
        </Fragment>
      ))}
    </p>
  );
}

function day(ctx: ViewContext, at: Date): string {
  return new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(at);
}

function entryTitle(ctx: ViewContext, entry: RecordEntry): string {
  const { t } = ctx;
  if (entry.entry === 'confirmed') return t('record.confirmedBy', { number: entry.number });
  if (entry.entry === 'corrections') return t('record.correctionsTo', { number: entry.number });
  return t('record.version', { number: entry.number });
}

export function RecordPage(model: RecordPageModel) {
  const { ctx, history, notice } = model;
  const { t } = ctx;
  const state = model.reviewState ?? 'none';
  const newestFirst = [...history].reverse();
  return (
    <Layout ctx={ctx} title={t('record.title', { reference: model.reference })}>
      <PageHeading title={t('record.title', { reference: model.reference })} intro={t('record.intro')} />
      {notice && 'saved' in notice ? (
        <div class="utrecht-alert utrecht-alert--info" role="status">
          <p class="utrecht-paragraph">{t('record.saved', { number: notice.saved })}</p>
        </div>
      ) : null}
      {notice && 'stale' in notice ? (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <p class="utrecht-paragraph">{t('record.stale')}</p>
        </div>
      ) : null}
      <dl class="ib-details">
        <dt>{t('record.state')}</dt>
        <dd>{t(`record.state.${state}`)}</dd>
      </dl>
      {model.reporterCanReview ? null : <p class="utrecht-paragraph">{t('record.noReceipt')}</p>}

      <Form ctx={ctx} action={`/cases/${model.caseId}/record`} submitLabel={t('record.submit')} errors={model.errors}>
        <input type="hidden" name="version" value={String(model.version)} />
        <TextAreaField name="body" label={t('record.body')} description={t('record.bodyHint')} values={model.values} errors={model.errors} rows={16} maxLength={recordMaxLength} />
      </Form>

      {newestFirst.length > 0 ? (
        <section aria-labelledby="history-title">
          <h2 class="utrecht-heading-2" id="history-title">
            {t('record.history')}
          </h2>
          {newestFirst.map((entry) => (
            <article key={entry.id}>
              <h3 class="utrecht-heading-3">{entryTitle(ctx, entry)}</h3>
              <p class="utrecht-paragraph">{entry.entry === 'version' ? t('record.writtenOn', { date: day(ctx, entry.at) }) : t('record.answeredOn', { date: day(ctx, entry.at) })}</p>
              {entry.body ? <Lines text={entry.body} /> : null}
            </article>
          ))}
        </section>
      ) : null}
    </Layout>
  );
}
