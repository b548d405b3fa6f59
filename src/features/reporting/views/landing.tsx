/**
 * The reporting point's front page: what can be raised, who reads it, how anonymity works, the duty
 * to speak up and the legal dates — all said before anyone decides to write.
 */
import type { LandingSettings, ReporterContext } from '../view-models.ts';
import { identityChoices } from '../../case-record/service.ts';
import { ReporterLayout } from './layout.tsx';

function Actions({ ctx }: { ctx: ReporterContext }) {
  return (
    <div class="utrecht-button-group ib-actions">
      <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={ctx.url('/report/new')}>
        {ctx.t('report.landing.start')}
      </a>
      <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={ctx.url('/report/follow-up')}>
        {ctx.t('report.landing.followUp')}
      </a>
    </div>
  );
}

function Paragraph({ children }: { children: string }) {
  return <p class="utrecht-paragraph">{children}</p>;
}

/** Only web addresses become links: the setting is typed by an administrator, and a link here must go where it says. */
function isWebAddress(url: string): boolean {
  return /^https?:\/\/[^\s"]+$/i.test(url);
}

export function LandingPage({ ctx, landing }: { ctx: ReporterContext; landing: LandingSettings }) {
  const { t } = ctx;
  // An administrator's own text replaces the default paragraph; an empty one falls back to it.
  const externalText = landing.externalChannels[ctx.lang]?.trim() || t('report.landing.externalDefault');
  const externalLinks = landing.externalLinks.filter((link) => link.label.trim() && isWebAddress(link.url));
  return (
    <ReporterLayout ctx={ctx} title={t('report.landing.title')}>
      <h1 class="utrecht-heading-1">{t('report.landing.title')}</h1>
      <p class="utrecht-paragraph ib-lead">{t('report.landing.intro')}</p>
      <Actions ctx={ctx} />

      <h2 class="utrecht-heading-2">{t('report.landing.whatTitle')}</h2>
      <Paragraph>{t('report.landing.whatIntro')}</Paragraph>
      <ul class="utrecht-unordered-list">
        <li>{t('report.landing.whatWellbeing')}</li>
        <li>{t('report.landing.whatIntegrity')}</li>
      </ul>
      <Paragraph>{t('report.landing.whatDoubt')}</Paragraph>

      <section class="ib-invitation" aria-labelledby="actors-title">
        <h2 class="utrecht-heading-2" id="actors-title">
          {t('report.landing.actorsTitle')}
        </h2>
        <Paragraph>{t('report.landing.actorsBody')}</Paragraph>
        <Paragraph>{t('report.landing.actorsHow')}</Paragraph>
      </section>

      <h2 class="utrecht-heading-2" id="duty">
        {t('report.landing.dutyTitle')}
      </h2>
      <Paragraph>{t('report.landing.dutyBody')}</Paragraph>
      <Paragraph>{t('report.landing.dutyHandlers')}</Paragraph>
      <Paragraph>{t('report.landing.dutyWellbeing')}</Paragraph>

      <h2 class="utrecht-heading-2">{t('report.landing.routesTitle')}</h2>
      <Paragraph>{t('report.landing.routesWellbeing')}</Paragraph>
      <Paragraph>{t('report.landing.routesIntegrity')}</Paragraph>

      <h2 class="utrecht-heading-2">{t('report.landing.whoTitle')}</h2>
      <Paragraph>{t('report.landing.whoBody')}</Paragraph>
      <Paragraph>{t('report.landing.whoOnly')}</Paragraph>

      <h2 class="utrecht-heading-2">{t('report.landing.privacyTitle')}</h2>
      <Paragraph>{t('report.landing.privacyIntro')}</Paragraph>
      <dl class="ib-definitions">
        {identityChoices.map((choice) => (
          <div key={choice}>
            <dt>{t(`report.identity.${choice}`)}</dt>
            <dd>{t(`report.landing.privacy.${choice}`)}</dd>
          </div>
        ))}
      </dl>
      <Paragraph>{t('report.landing.receiptKey')}</Paragraph>
      <Paragraph>{t('report.landing.traces')}</Paragraph>

      <h2 class="utrecht-heading-2">{t('report.landing.protectionTitle')}</h2>
      <Paragraph>{t('report.landing.protectionBody')}</Paragraph>
      <Paragraph>{t('report.landing.protectionWho')}</Paragraph>

      <h2 class="utrecht-heading-2">{t('report.landing.datesTitle')}</h2>
      <ul class="utrecht-unordered-list">
        <li>{t('report.landing.datesAck')}</li>
        <li>{t('report.landing.datesFeedback')}</li>
      </ul>
      <Paragraph>{t('report.landing.datesWhere')}</Paragraph>
      <Paragraph>{t('report.landing.meeting')}</Paragraph>

      <h2 class="utrecht-heading-2">{t('report.landing.externalTitle')}</h2>
      <p class="utrecht-paragraph ib-text">{externalText}</p>
      {externalLinks.length > 0 ? (
        <ul class="utrecht-unordered-list">
          {externalLinks.map((link) => (
            <li key={link.url}>
              <a class="utrecht-link" href={link.url} rel="noreferrer noopener">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}

      <h2 class="utrecht-heading-2">{t('report.landing.readyTitle')}</h2>
      <Paragraph>{t('report.landing.readyBody')}</Paragraph>
      <Actions ctx={ctx} />
    </ReporterLayout>
  );
}
