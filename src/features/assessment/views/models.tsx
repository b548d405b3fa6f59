/** Administrators' pages for maturity models: the versions, importing a document (pasted or uploaded) and editing one into a new version. */
import type { ViewContext } from '../../../ui/context.ts';
import { ErrorSummary } from '../../../ui/form.tsx';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ModelProblem } from '../model-document.ts';
import { questionCount } from '../model-definition.ts';
import type { ModelVersion } from '../queries.ts';
import { AssessmentFrame, formatDate, localized } from './frame.tsx';

/** One translated sentence per problem, naming the line and the reason. */
export function problemMessage(ctx: Pick<ViewContext, 't'>, problem: ModelProblem): string {
  const key = `assessment.modelProblem.${problem.kind}` as MessageKey;
  return ctx.t(key, { line: problem.line, path: problem.path || '—', detail: problem.detail ?? '' });
}

function ModelForm({ ctx, action, source, problems, submitLabel }: { ctx: ViewContext; action: string; source: string; problems: ModelProblem[]; submitLabel: string }) {
  const { t } = ctx;
  const errors = problems.length > 0 ? { source: t('assessment.models.hasProblems', { count: problems.length }) } : undefined;
  return (
    <form method="post" action={action} class="ib-form" enctype="multipart/form-data" noValidate>
      <ErrorSummary ctx={ctx} errors={errors} />
      {problems.length > 0 ? (
        <ul class="utrecht-unordered-list" id="model-problems">
          {problems.map((p, i) => (
            <li key={i}>{problemMessage(ctx, p)}</li>
          ))}
        </ul>
      ) : null}
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <div class={`utrecht-form-field utrecht-form-field--text${errors ? ' utrecht-form-field--invalid' : ''}`}>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for="field-source">
            {t('assessment.models.source')}
          </label>
        </div>
        <div class="utrecht-form-field-description" id="field-source-description">
          {t('assessment.models.sourceHelp')}
        </div>
        <div class="utrecht-form-field__input">
          <textarea
            class={`utrecht-textarea utrecht-textarea--html-textarea${errors ? ' utrecht-textarea--invalid' : ''}`}
            id="field-source"
            name="source"
            rows={20}
            aria-describedby="field-source-description"
            aria-invalid={errors ? 'true' : undefined}
            value={source}
          />
        </div>
      </div>
      <div class="utrecht-form-field">
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for="field-file">
            {t('assessment.models.file')}
          </label>
        </div>
        <div class="utrecht-form-field__input">
          <input id="field-file" name="file" type="file" accept=".yaml,.yml,.json,application/json,text/yaml" />
        </div>
      </div>
      <div class="utrecht-button-group">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

export function ModelsPage({ ctx, models, source, problems, notice }: { ctx: ViewContext; models: ModelVersion[]; source: string; problems: ModelProblem[]; notice?: MessageKey | undefined }) {
  const { t } = ctx;
  return (
    <AssessmentFrame ctx={ctx} title={t('assessment.models.title')} intro={t('assessment.models.intro')} notice={notice}>
      <div class="ib-table-wrap">
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">{t('assessment.models.title')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th scope="col" class="utrecht-table__header-cell">{t('assessment.model')}</th>
              <th scope="col" class="utrecht-table__header-cell">{t('assessment.models.version')}</th>
              <th scope="col" class="utrecht-table__header-cell">{t('assessment.models.size')}</th>
              <th scope="col" class="utrecht-table__header-cell">{t('assessment.models.importedAt')}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {models.map((m) => (
              <tr key={m.id} class="utrecht-table__row">
                <td class="utrecht-table__cell">
                  <a class="utrecht-link" href={`/assessment/models/${m.id}`}>
                    {localized(m.definition.title, ctx)}
                  </a>{' '}
                  <code>{m.code}</code>
                </td>
                <td class="utrecht-table__cell">{m.version}</td>
                <td class="utrecht-table__cell">{t('assessment.models.counts', { dimensions: m.definition.dimensions.length, questions: questionCount(m.definition) })}</td>
                <td class="utrecht-table__cell">{formatDate(m.createdAt, ctx.lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="utrecht-heading-2">{t('assessment.models.import')}</h2>
      <ModelForm ctx={ctx} action="/assessment/models" source={source} problems={problems} submitLabel={t('assessment.models.importSubmit')} />
    </AssessmentFrame>
  );
}

export function ModelDetailPage({ ctx, model, source, problems }: { ctx: ViewContext; model: ModelVersion; source: string; problems: ModelProblem[] }) {
  const { t } = ctx;
  return (
    <AssessmentFrame ctx={ctx} title={t('assessment.modelVersion', { title: localized(model.definition.title, ctx), version: model.version })} intro={localized(model.definition.description, ctx)}>
      <h2 class="utrecht-heading-2">{t('assessment.models.dimensions')}</h2>
      <ul class="utrecht-unordered-list">
        {model.definition.dimensions.map((d) => (
          <li key={d.code}>{t('assessment.models.dimensionLine', { title: localized(d.title, ctx), weight: d.weight, questions: d.questions.length })}</li>
        ))}
      </ul>
      <h2 class="utrecht-heading-2">{t('assessment.models.edit')}</h2>
      <p class="utrecht-paragraph">{t('assessment.models.editHelp')}</p>
      <ModelForm ctx={ctx} action={`/assessment/models/${model.id}`} source={source} problems={problems} submitLabel={t('assessment.models.editSubmit')} />
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/assessment/models">
          {t('assessment.models.back')}
        </a>
      </p>
    </AssessmentFrame>
  );
}
