/** Shown once, right after sending: the receipt code, the legal dates and the way back. */
import type { ConfirmationModel } from '../view-models.ts';
import { DetailsList } from './details-list.tsx';
import { formatDay } from './format.ts';
import { ReporterLayout } from './layout.tsx';

export function ConfirmationPage(model: ConfirmationModel) {
  const { ctx } = model;
  const { t, lang } = ctx;
  return (
    <ReporterLayout ctx={ctx} title={t('report.confirm.title')}>
      <h1 class="utrecht-heading-1">{t('report.confirm.title')}</h1>
      <p class="utrecht-paragraph ib-lead">{t('report.confirm.intro')}</p>

      <section class="ib-one-time ib-receipt" aria-labelledby="receipt-title">
        <h2 class="utrecht-heading-2" id="receipt-title">
          {t('report.confirm.codeTitle')}
        </h2>
        {/* Already grouped by fours; kept on one line by CSS where the screen allows. */}
        <p class="ib-receipt__code">
          {model.receiptCode}
        </p>
        <p class="utrecht-paragraph">
          <strong>{t('report.confirm.codeOnce')}</strong>
        </p>
        <p class="utrecht-paragraph">{t('report.confirm.codeOnly')}</p>
        <p class="utrecht-paragraph">{t('report.confirm.codePrivate')}</p>
      </section>

      <h2 class="utrecht-heading-2">{t('report.confirm.nextTitle')}</h2>
      <ul class="utrecht-unordered-list">
        <li>{t('report.confirm.ackBy', { date: formatDay(lang, model.acknowledgementDueOn) })}</li>
        <li>{t('report.confirm.feedbackBy', { date: formatDay(lang, model.feedbackDueOn) })}</li>
      </ul>
      <p class="utrecht-paragraph">{t('report.confirm.checkBack')}</p>

      <h2 class="utrecht-heading-2">{t('report.confirm.detailsTitle')}</h2>
      <DetailsList
        items={[
          { label: t('report.details.received'), value: formatDay(lang, model.receivedOn) },
          { label: t('report.details.theme'), value: model.themeLabel },
          { label: t('report.details.reference'), value: model.reference },
        ]}
      />
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={ctx.url(`/report/proof/${encodeURIComponent(model.reference)}`)}>
          {t('report.confirm.proofLink')}
        </a>
      </p>
      <p class="utrecht-paragraph">{t('report.confirm.proofHint')}</p>
      <p class="utrecht-paragraph ib-no-print">
        <a class="utrecht-link" href={ctx.url('/report/follow-up')}>
          {t('report.confirm.followUpLink')}
        </a>
      </p>
    </ReporterLayout>
  );
}
