/** The printable proof of filing: date, kind, theme and reference — never the receipt code. */
import type { ProofModel } from '../view-models.ts';
import { DetailsList } from './details-list.tsx';
import { formatDay } from './format.ts';
import { ReporterLayout } from './layout.tsx';

export function ProofPage(model: ProofModel) {
  const { ctx } = model;
  const { t, lang } = ctx;
  return (
    <ReporterLayout ctx={ctx} title={t('report.proof.title')}>
      <article class="ib-proof">
        <p class="ib-proof__issuer">{t('report.layout.name')}</p>
        <h1 class="utrecht-heading-1">{t('report.proof.title')}</h1>
        <p class="utrecht-paragraph">{t('report.proof.intro')}</p>
        <DetailsList
          items={[
            { label: t('report.details.received'), value: formatDay(lang, model.receivedOn) },
            { label: t('report.details.kind'), value: t(`report.kind.${model.kind}`) },
            { label: t('report.details.theme'), value: model.themeLabel },
            { label: t('report.details.reference'), value: model.reference },
          ]}
        />
        <p class="utrecht-paragraph">
          <strong>{t('report.proof.noCode')}</strong>
        </p>
      </article>
      <p class="utrecht-paragraph ib-no-print">{t('report.proof.printHint')}</p>
      <p class="utrecht-paragraph ib-no-print">
        <a class="utrecht-link" href={ctx.url('/report')}>
          {t('report.proof.back')}
        </a>
      </p>
    </ReporterLayout>
  );
}
