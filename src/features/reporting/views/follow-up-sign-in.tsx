/**
 * Signing in with the receipt code. The page never repeats what was typed and says the same for every
 * wrong code, so it cannot be used to learn which codes exist.
 */
import { ErrorSummary, TextField } from '../../../ui/form.tsx';
import type { FollowUpSignInModel } from '../view-models.ts';
import { ReporterLayout } from './layout.tsx';

export function FollowUpSignInPage(model: FollowUpSignInModel) {
  const { ctx, errors } = model;
  const { t } = ctx;
  return (
    <ReporterLayout ctx={ctx} title={t('report.followUp.title')}>
      <h1 class="utrecht-heading-1">{t('report.followUp.title')}</h1>
      <p class="utrecht-paragraph ib-lead">{t('report.followUp.intro')}</p>
      <form id="field-form" class="ib-form" method="post" action={ctx.url('/report/follow-up')} autocomplete="off" noValidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <input type="hidden" name="formToken" value={model.formToken} />
        <TextField name="receiptCode" label={t('report.followUp.code')} description={t('report.followUp.codeHint')} errors={errors} inputMode="numeric" autocomplete="off" maxLength={40} />
        <p class="utrecht-paragraph">{t('report.followUp.sameAnswer')}</p>
        <div class="utrecht-button-group">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t('report.followUp.submit')}
          </button>
        </div>
      </form>
      <p class="utrecht-paragraph">
        {t('report.followUp.lost')}{' '}
        <a class="utrecht-link" href={ctx.url('/report/new')}>
          {t('report.layout.new')}
        </a>
      </p>
      <p class="utrecht-paragraph">{t('report.followUp.cookie')}</p>
    </ReporterLayout>
  );
}
