/** The list of risk analyses the user may see, and the form to start a new one. */
import type { FieldErrors, FormValues } from '../../../../platform/http/forms.ts';
import type { MessageKey } from '../../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../../ui/context.ts';
import { Form, SelectField, TextField } from '../../../../ui/form.tsx';
import type { AnalysisSummary } from '../queries.ts';
import { formatDate, RiskPage } from './risk-page.tsx';

interface AnalysesPageProps {
  ctx: ViewContext;
  analyses: AnalysisSummary[];
  entities: { id: string; name: string }[];
  mayManageModel: boolean;
  notice?: MessageKey | undefined;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

export function AnalysesPage({ ctx, analyses, entities, mayManageModel, notice, values, errors }: AnalysesPageProps) {
  const { t, lang } = ctx;
  return (
    <RiskPage ctx={ctx} title={t('risk.title')} intro={t('risk.intro')} notice={notice}>
      {mayManageModel ? (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href="/risk-analysis/model">
            {t('risk.model.link')}
          </a>
        </p>
      ) : null}
      {analyses.length === 0 ? (
        <p class="utrecht-paragraph">{t('risk.list.none')}</p>
      ) : (
        <div class="ib-table-wrap">
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">{t('risk.list.caption')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">{t('risk.list.analysis')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('risk.list.entity')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('risk.list.status')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('risk.list.started')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {analyses.map((analysis) => (
                <tr class="utrecht-table__row" key={analysis.id}>
                  <th scope="row" class="utrecht-table__header-cell">
                    <a class="utrecht-link" href={`/risk-analysis/${analysis.id}`}>
                      {analysis.title}
                    </a>
                  </th>
                  <td class="utrecht-table__cell">{analysis.entityName}</td>
                  <td class="utrecht-table__cell">{t(`risk.status.${analysis.status}`)}</td>
                  <td class="utrecht-table__cell">{formatDate(analysis.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 class="utrecht-heading-2">{t('risk.start.heading')}</h2>
      {entities.length === 0 ? (
        <p class="utrecht-paragraph">{t('risk.start.noEntity')}</p>
      ) : (
        <Form ctx={ctx} action="/risk-analysis" submitLabel={t('risk.start.submit')} errors={errors}>
          <SelectField
            name="entityId"
            label={t('risk.start.entity')}
            values={values ?? { entityId: entities[0]!.id }}
            errors={errors}
            options={entities.map((entity) => ({ value: entity.id, label: entity.name }))}
          />
          <TextField name="title" label={t('risk.start.name')} description={t('risk.start.nameHint')} values={values} errors={errors} maxLength={200} />
        </Form>
      )}
    </RiskPage>
  );
}
