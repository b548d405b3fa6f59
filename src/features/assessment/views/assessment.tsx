/** The facilitator's page of one assessment: who takes part and how far they are, inviting, one-time links, and the way to consensus, report and action plan. */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Form, SelectField } from '../../../ui/form.tsx';
import { minimumParticipantsForSpread } from '../spread.ts';
import type { AssessmentSummary, ParticipantRow } from '../queries.ts';
import { AssessmentFrame, formatDate, LinkList, localized } from './frame.tsx';

interface AssessmentPageProps {
  ctx: ViewContext;
  assessment: AssessmentSummary;
  participants: ParticipantRow[];
  candidates: { id: string; displayName: string }[];
  /** A link just created: shown once. */
  newLink?: { url: string; expiresAt: Date } | undefined;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  notice?: MessageKey | undefined;
  closeProblem?: boolean;
}

export const participantStatusKey = (status: string): MessageKey =>
  status === 'submitted' ? 'assessment.participant.submitted' : status === 'draft' ? 'assessment.participant.draft' : 'assessment.participant.invited';

export function AssessmentPage({ ctx, assessment, participants, candidates, newLink, values, errors, notice, closeProblem }: AssessmentPageProps) {
  const { t } = ctx;
  const submitted = participants.filter((p) => p.status === 'submitted').length;
  const open = assessment.status === 'open';
  const base = `/assessment/${assessment.id}`;
  return (
    <AssessmentFrame
      ctx={ctx}
      title={t('assessment.detail.title', { entity: assessment.entityName })}
      intro={t('assessment.detail.intro', { model: localized(assessment.definition.title, ctx), version: assessment.modelVersion, date: formatDate(assessment.startedAt, ctx.lang) })}
      notice={notice}
    >
      <p class="utrecht-paragraph">{t(open ? 'assessment.status.open' : 'assessment.status.closed')}</p>
      <LinkList
        links={[
          { href: `${base}/consensus`, label: t('assessment.consensus.title') },
          { href: `${base}/report`, label: t('assessment.report.title') },
          { href: `${base}/actions`, label: t('assessment.actions.title') },
        ]}
      />
      {newLink ? (
        <div class="utrecht-alert utrecht-alert--info" role="status">
          <p class="utrecht-paragraph">{t('assessment.link.created', { date: formatDate(newLink.expiresAt, ctx.lang) })}</p>
          <p class="utrecht-paragraph">
            <code class="ib-secret" id="participant-link">
              {newLink.url}
            </code>
          </p>
        </div>
      ) : null}
      <h2 class="utrecht-heading-2">{t('assessment.participants.title')}</h2>
      <p class="utrecht-paragraph">{t('assessment.participants.progress', { submitted, total: participants.length, minimum: minimumParticipantsForSpread })}</p>
      {participants.length > 0 ? (
        <ul class="utrecht-unordered-list">
          {participants.map((p, index) => (
            <li key={p.id}>
              {p.displayName ?? t('assessment.participants.linkHolder', { number: index + 1, date: formatDate(p.tokenExpiresAt, ctx.lang) })} — {t(participantStatusKey(p.status))}
            </li>
          ))}
        </ul>
      ) : null}
      {open ? (
        <>
          <h3 class="utrecht-heading-3">{t('assessment.invite.title')}</h3>
          <Form ctx={ctx} action={`${base}/invite`} submitLabel={t('assessment.invite.submit')} errors={errors}>
            <SelectField name="userId" label={t('assessment.invite.user')} values={values} errors={errors} options={[{ value: '', label: t('assessment.choose') }, ...candidates.map((c) => ({ value: c.id, label: c.displayName }))]} />
          </Form>
          <h3 class="utrecht-heading-3">{t('assessment.link.title')}</h3>
          <p class="utrecht-paragraph">{t('assessment.link.help')}</p>
          <Form ctx={ctx} action={`${base}/links`} submitLabel={t('assessment.link.submit')}>
            {null}
          </Form>
          <h3 class="utrecht-heading-3">{t('assessment.close.title')}</h3>
          {closeProblem ? (
            <div class="utrecht-alert utrecht-alert--error" role="alert">
              <p class="utrecht-paragraph">{t('assessment.close.incomplete')}</p>
            </div>
          ) : null}
          <p class="utrecht-paragraph">{t('assessment.close.help')}</p>
          <Form ctx={ctx} action={`${base}/close`} submitLabel={t('assessment.close.submit')}>
            {null}
          </Form>
        </>
      ) : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/assessment">
          {t('assessment.back')}
        </a>
      </p>
    </AssessmentFrame>
  );
}
