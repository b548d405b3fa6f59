/** The risk model page for the coordinator: the current model, its download, and importing a new version with every problem on its line. */
import type { FieldErrors, FormValues } from '../../../../platform/http/forms.ts';
import type { MessageKey } from '../../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../../ui/context.ts';
import { Form, TextAreaField } from '../../../../ui/form.tsx';
import type { VersionProblem } from '../commands/import-model.ts';
import type { ModelProblem, RiskModel } from '../model.ts';
import { local, RiskPage } from './risk-page.tsx';

interface ModelPageProps {
  ctx: ViewContext;
  model: RiskModel;
  builtIn: boolean;
  notice?: MessageKey | undefined;
  problems?: (ModelProblem | VersionProblem)[] | undefined;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

function problemText(ctx: ViewContext, problem: ModelProblem | VersionProblem): string {
  if (problem.kind === 'versionExists') return ctx.t('risk.modelProblem.versionExists', { line: problem.line, version: problem.version, code: problem.code });
  if (problem.kind === 'syntax') return ctx.t('risk.modelProblem.syntax', { line: problem.line, detail: problem.detail ?? '' });
  return ctx.t(`risk.modelProblem.${problem.kind}`, { line: problem.line, path: problem.path || '/' });
}

export function ModelPage({ ctx, model, builtIn, notice, problems, values, errors }: ModelPageProps) {
  const { t, lang } = ctx;
  return (
    <RiskPage ctx={ctx} title={t('risk.modelPage.title')} intro={t('risk.modelPage.intro')} notice={notice} back={{ href: '/risk-analysis', label: t('risk.analysis.backToList') }}>
      <p class="utrecht-paragraph">{t('risk.modelPage.current', { title: local(model.title, lang), code: model.code, version: model.version })}</p>
      {builtIn ? <p class="utrecht-paragraph">{t('risk.modelPage.builtIn')}</p> : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/risk-analysis/model.yaml">
          {t('risk.modelPage.download')}
        </a>
      </p>
      <h2 class="utrecht-heading-2">{t('risk.modelPage.importHeading')}</h2>
      {problems && problems.length > 0 ? (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <p class="utrecht-paragraph">{t('risk.modelPage.problems', { count: problems.length })}</p>
          <ul class="utrecht-unordered-list">
            {problems.map((problem, index) => (
              <li key={index}>{problemText(ctx, problem)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form ctx={ctx} action="/risk-analysis/model" submitLabel={t('risk.modelPage.submit')} errors={errors}>
        <TextAreaField name="source" label={t('risk.modelPage.source')} description={t('risk.modelPage.sourceHint')} values={values} errors={errors} rows={20} />
      </Form>
    </RiskPage>
  );
}
