/**
 * The reporter checks the record of what they said (EU Directive 2019/1937 art. 18): the latest version,
 * and one form to confirm it or to send corrections. Plain HTML: two submit buttons, no script.
 */
import { ErrorSummary, TextAreaField } from '../../../ui/form.tsx';
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import { correctionsMaxLength } from '../../case-record/service.ts';
import { type RecordReview } from '../record-review.ts';
import type { ReporterContext } from '../view-models.ts';
import { ReporterLayout } from './layout.tsx';

export interface RecordReviewModel {
  ctx: ReporterContext;
  review: RecordReview | undefined;
  formToken: string;
  values: FormValues;
  errors: FieldErrors;
  notice: 'confirmed' | 'corrections' | 'stale' | undefined;
}

export function RecordReviewPage({ ctx, review, formToken, values, errors, notice }: RecordReviewModel) {
  const { t } = ctx;
  return (
    <ReporterLayout ctx={ctx} title={t('report.record.title')}>
      <h1 class="utrecht-heading-1">{t('report.record.title')}</h1>
      <p class="utrecht-paragraph ib-lead">{t('report.record.intro')}</p>
      {notice === 'confirmed' || notice === 'corrections' ? (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <p class="utrecht-paragraph">{t(notice === 'confirmed' ? 'report.record.confirmedNotice' : 'report.record.correctionsNotice')}</p>
        </div>
      ) : null}
      {notice === 'stale' ? (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <p class="utrecht-paragraph">{t('report.record.stale')}</p>
        </div>
      ) : null}
      {review ? (
        <>
          <p class="utrecht-paragraph">
            <strong>{t(`report.record.state.${review.state}`)}</strong>
          </p>
          <h2 class="utrecht-heading-2">{t('report.record.version', { number: review.latest.number })}</h2>
          <div class="ib-message ib-message--handler">
            <div class="ib-text">{review.latest.body}</div>
          </div>
          {review.answer?.entry === 'corrections' && review.state === 'corrections_proposed' ? (
            <>
              <h2 class="utrecht-heading-2">{t('report.record.yourCorrections')}</h2>
              <div class="ib-message ib-message--reporter">
                <div class="ib-text">{review.answer.body}</div>
              </div>
            </>
          ) : null}
          {review.state === 'awaiting_review' ? (
            <form id="field-form" class="ib-form" method="post" action={ctx.url('/report/inbox/record')} autocomplete="off" noValidate>
              <ErrorSummary ctx={ctx} errors={errors} />
              <input type="hidden" name="formToken" value={formToken} />
              <input type="hidden" name="version" value={String(review.version)} />
              <TextAreaField name="corrections" label={t('report.record.corrections')} description={t('report.record.correctionsHint')} values={values} errors={errors} rows={8} maxLength={correctionsMaxLength} />
              <div class="utrecht-button-group">
                <button type="submit" name="answer" value="corrections" class="utrecht-button utrecht-button--secondary-action">
                  {t('report.record.sendCorrections')}
                </button>
                <button type="submit" name="answer" value="confirmed" class="utrecht-button utrecht-button--primary-action">
                  {t('report.record.confirm')}
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : (
        <p class="utrecht-paragraph">{t('report.record.none')}</p>
      )}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={ctx.url('/report/inbox')}>
          {t('report.record.back')}
        </a>
      </p>
    </ReporterLayout>
  );
}
