/** The self-assessment's start page: invitations to answer, the entity's assessments, and starting a new one. */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Form, SelectField } from '../../../ui/form.tsx';
import type { AssessmentSummary, ModelVersion } from '../queries.ts';
import type { MaturityModel } from '../model-definition.ts';
import { formatScore } from '../scoring.ts';
import { AssessmentFrame, formatDate, localized } from './frame.tsx';

interface OverviewProps {
  ctx: ViewContext;
  invitations: { participantId: string; status: string; entityName: string; definition: MaturityModel; startedAt: Date }[];
  assessments: AssessmentSummary[];
  entities: { id: string; name: string }[];
  models: ModelVersion[];
  canManageModels: boolean;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  notice?: MessageKey | undefined;
}

export function OverviewPage({ ctx, invitations, assessments, entities, models, canManageModels, values, errors, notice }: OverviewProps) {
  const { t } = ctx;
  return (
    <AssessmentFrame ctx={ctx} title={t('assessment.title')} intro={t('assessment.intro')} notice={notice}>
      <h2 class="utrecht-heading-2">{t('assessment.invitations.title')}</h2>
      {invitations.length === 0 ? (
        <p class="utrecht-paragraph">{t('assessment.invitations.none')}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {invitations.map((i) => (
            <li key={i.participantId}>
              <a class="utrecht-link" href={`/assessment/answer/${i.participantId}`}>
                {t('assessment.invitations.item', { entity: i.entityName, model: localized(i.definition.title, ctx) })}
              </a>{' '}
              ({t(i.status === 'submitted' ? 'assessment.participant.submitted' : i.status === 'draft' ? 'assessment.participant.draft' : 'assessment.participant.invited')})
            </li>
          ))}
        </ul>
      )}
      {entities.length > 0 ? (
        <>
          <h2 class="utrecht-heading-2">{t('assessment.list.title')}</h2>
          {assessments.length === 0 ? (
            <p class="utrecht-paragraph">{t('assessment.list.none')}</p>
          ) : (
            <div class="ib-table-wrap">
              <table class="utrecht-table">
                <caption class="utrecht-table__caption">{t('assessment.list.title')}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th scope="col" class="utrecht-table__header-cell">{t('assessment.entity')}</th>
                    <th scope="col" class="utrecht-table__header-cell">{t('assessment.model')}</th>
                    <th scope="col" class="utrecht-table__header-cell">{t('assessment.startedAt')}</th>
                    <th scope="col" class="utrecht-table__header-cell">{t('assessment.status')}</th>
                    <th scope="col" class="utrecht-table__header-cell">{t('assessment.report.overall')}</th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {assessments.map((a) => (
                    <tr key={a.id} class="utrecht-table__row">
                      <td class="utrecht-table__cell">
                        <a class="utrecht-link" href={`/assessment/${a.id}`}>
                          {a.entityName}
                        </a>
                      </td>
                      <td class="utrecht-table__cell">{t('assessment.modelVersion', { title: localized(a.definition.title, ctx), version: a.modelVersion })}</td>
                      <td class="utrecht-table__cell">{formatDate(a.startedAt, ctx.lang)}</td>
                      <td class="utrecht-table__cell">{t(a.status === 'open' ? 'assessment.status.open' : 'assessment.status.closed')}</td>
                      <td class="utrecht-table__cell">{formatScore(a.overallScore, ctx.lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2 class="utrecht-heading-2">{t('assessment.start.title')}</h2>
          <Form ctx={ctx} action="/assessment/start" submitLabel={t('assessment.start.submit')} errors={errors}>
            <SelectField name="entityId" label={t('assessment.entity')} values={values} errors={errors} options={[{ value: '', label: t('assessment.choose') }, ...entities.map((e) => ({ value: e.id, label: e.name }))]} />
            <SelectField
              name="modelId"
              label={t('assessment.model')}
              values={values ?? { modelId: models[0]?.id }}
              errors={errors}
              options={models.map((m) => ({ value: m.id, label: t('assessment.modelVersion', { title: localized(m.definition.title, ctx), version: m.version }) }))}
            />
          </Form>
        </>
      ) : null}
      {canManageModels ? (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href="/assessment/models">
            {t('assessment.models.title')}
          </a>
        </p>
      ) : null}
    </AssessmentFrame>
  );
}
