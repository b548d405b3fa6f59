/**
 * Shown once, right after registering: the case reference, and the receipt code (if one was asked for)
 * with how to hand it over. The code is in this response only; nothing keeps it. Header and footer are
 * left off the paper by the print style sheet.
 */
import type { ViewContext } from '../../../ui/context.ts';
import { PageHeading } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';

export interface RegisterConfirmationModel {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  receiptCode: string | undefined;
  routed: boolean;
  /** Phone and in person: the handler writes the record for the person to check. */
  oral: boolean;
  /** Where the person signs in with the code, e.g. https://integrity.example.be/report/follow-up. */
  followUpAddress: string;
}

export function RegisterConfirmationPage({ ctx, caseId, reference, receiptCode, routed, oral, followUpAddress }: RegisterConfirmationModel) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('register.doneTitle')}>
      <PageHeading title={t('register.doneTitle')} intro={t('register.doneIntro', { reference })} />
      {routed ? <p class="utrecht-paragraph">{t('register.doneRouted')}</p> : null}
      {receiptCode ? (
        <section class="ib-one-time" aria-labelledby="receipt-title">
          <h2 class="utrecht-heading-2" id="receipt-title">
            {t('register.codeTitle')}
          </h2>
          <p class="utrecht-paragraph">
            <strong>{receiptCode}</strong>
          </p>
          <p class="utrecht-paragraph">
            <strong>{t('register.codeOnce')}</strong>
          </p>
          <p class="utrecht-paragraph">{t('register.codeHowTo', { address: followUpAddress })}</p>
          <p class="utrecht-paragraph">{t('register.codeHandOver')}</p>
          <p class="utrecht-paragraph">{t('register.codePrint')}</p>
        </section>
      ) : (
        <p class="utrecht-paragraph">{t('register.noCode')}</p>
      )}
      <ul class="utrecht-unordered-list">
        {oral ? (
          <li>
            <a class="utrecht-link" href={`/cases/${caseId}/record`}>
              {t('register.writeRecord')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="utrecht-link" href="/cases/new">
            {t('register.another')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
