/** The reporting point's theme taxonomy: a table of domains and themes, and the JSON to edit it. */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import { languageNames, languages } from '../../../platform/i18n/languages.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Form, TextAreaField } from '../../../ui/form.tsx';
import type { Taxonomy } from '../../case-record/service.ts';
import type { TaxonomyProblem } from '../taxonomy-document.ts';
import { AdminPage, type Flash } from './admin-page.tsx';

/** A problem in the submitted JSON in words, led by the path where it is. */
export function problemText(ctx: ViewContext, problem: TaxonomyProblem): string {
  const { t } = ctx;
  if (problem.kind === 'notJson') {
    return problem.line === undefined ? t('admin.taxonomy.notJson') : t('admin.taxonomy.notJsonAt', { line: problem.line, column: problem.column ?? 1 });
  }
  const detail = problem.detail;
  const reason = (() => {
    switch (problem.kind) {
      case 'required':
        return t('admin.taxonomy.problem.required');
      case 'wrongType':
        return t('admin.taxonomy.problem.wrongType', { detail });
      case 'tooShort':
        return t('admin.taxonomy.problem.tooShort', { detail });
      case 'tooLong':
        return t('admin.taxonomy.problem.tooLong', { detail });
      case 'count':
        return t('admin.taxonomy.problem.count', { detail });
      case 'codeFormat':
        return t('admin.taxonomy.problem.codeFormat');
      case 'notAllowed':
        return t('admin.taxonomy.problem.notAllowed', { detail });
      case 'duplicate':
        return t('admin.taxonomy.problem.duplicate');
      case 'unknownFields':
        return t('admin.taxonomy.problem.unknownFields', { detail });
      case 'emptyDomain':
        return t('admin.taxonomy.problem.emptyDomain', { detail });
      case 'invalid':
        return t('admin.taxonomy.problem.invalid');
    }
  })();
  return `${problem.path}: ${reason}`;
}

interface TaxonomyPageProps {
  ctx: ViewContext;
  taxonomy: Taxonomy;
  values: FormValues;
  errors?: FieldErrors | undefined;
  /** Every problem found, when there was more than the one the field shows. */
  problems?: string[] | undefined;
  flash?: Flash | undefined;
}

export function TaxonomyPage({ ctx, taxonomy, values, errors, problems, flash }: TaxonomyPageProps) {
  const { t } = ctx;
  return (
    <AdminPage ctx={ctx} section="taxonomy" title={t('admin.taxonomy.title')} intro={t('admin.taxonomy.intro')} flash={flash}>
      <div class="ib-table-wrap">
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">{t('admin.taxonomy.caption')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th scope="col" class="utrecht-table__header-cell">
                {t('admin.taxonomy.code')}
              </th>
              {languages.map((l) => (
                <th scope="col" class="utrecht-table__header-cell" key={l} lang={l}>
                  {languageNames[l]}
                </th>
              ))}
            </tr>
          </thead>
          {taxonomy.domains.map((domain) => (
            <tbody class="utrecht-table__body" key={domain.code}>
              <tr class="utrecht-table__row">
                <th scope="rowgroup" colSpan={languages.length + 1} class="utrecht-table__header-cell">
                  {domain.labels[ctx.lang]} (<code>{domain.code}</code>)
                </th>
              </tr>
              {taxonomy.themes
                .filter((theme) => theme.domain === domain.code)
                .map((theme) => (
                  <tr class="utrecht-table__row" key={theme.code}>
                    <th scope="row" class="utrecht-table__header-cell">
                      <code>{theme.code}</code>
                    </th>
                    {languages.map((l) => (
                      <td class="utrecht-table__cell" key={l} lang={l}>
                        {theme.labels[l]}
                      </td>
                    ))}
                  </tr>
                ))}
            </tbody>
          ))}
        </table>
      </div>
      <h2 class="utrecht-heading-2">{t('admin.taxonomy.edit')}</h2>
      <p class="utrecht-paragraph">{t('admin.taxonomy.editHelp')}</p>
      {problems && problems.length > 1 ? (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <p class="utrecht-paragraph">{t('admin.taxonomy.problems', { count: problems.length })}</p>
          <ul class="utrecht-unordered-list">
            {problems.map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form ctx={ctx} action="/admin/taxonomy" submitLabel={t('admin.taxonomy.save')} errors={errors}>
        <TextAreaField name="taxonomy" label={t('admin.taxonomy.json')} description={t('admin.taxonomy.jsonHelp')} values={values} errors={errors} rows={30} />
      </Form>
      <h2 class="utrecht-heading-2">{t('admin.taxonomy.reset')}</h2>
      <p class="utrecht-paragraph">{t('admin.taxonomy.resetHelp')}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/admin/taxonomy/reset">
          {t('admin.taxonomy.reset')}
        </a>
      </p>
    </AdminPage>
  );
}
