/** The configurable list of case-handler functions, with a form to add one. */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import { languageNames, languages } from '../../../platform/i18n/languages.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Form, TextField } from '../../../ui/form.tsx';
import type { HandlerFunctionSummary } from '../queries.ts';
import { AdminPage, type Flash } from './admin-page.tsx';

interface HandlerFunctionsProps {
  ctx: ViewContext;
  functions: HandlerFunctionSummary[];
  flash?: Flash | undefined;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

export function HandlerFunctionsPage({ ctx, functions, flash, values, errors }: HandlerFunctionsProps) {
  const { t } = ctx;
  return (
    <AdminPage ctx={ctx} section="handlerFunctions" title={t('admin.handlerFunctions.title')} intro={t('admin.handlerFunctions.intro')} flash={flash}>
      <div class="ib-table-wrap">
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">{t('admin.handlerFunctions.caption')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th scope="col" class="utrecht-table__header-cell">
                {t('admin.handlerFunctions.code')}
              </th>
              {languages.map((l) => (
                <th scope="col" class="utrecht-table__header-cell" key={l} lang={l}>
                  {languageNames[l]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {functions.map((f) => (
              <tr class="utrecht-table__row" key={f.code}>
                <th scope="row" class="utrecht-table__header-cell">
                  <code>{f.code}</code>
                </th>
                {languages.map((l) => (
                  <td class="utrecht-table__cell" key={l} lang={l}>
                    {f.labels[l] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="utrecht-heading-2">{t('admin.handlerFunctions.add')}</h2>
      <Form ctx={ctx} action="/admin/handler-functions" submitLabel={t('admin.handlerFunctions.add')} errors={errors}>
        <TextField name="code" label={t('admin.handlerFunctions.code')} description={t('admin.handlerFunctions.codeHelp')} values={values} errors={errors} maxLength={63} autocomplete="off" />
        <TextField name="label_nl" label={t('admin.handlerFunctions.labelNl')} values={values} errors={errors} maxLength={200} />
        <TextField name="label_fr" label={t('admin.handlerFunctions.labelFr')} values={values} errors={errors} maxLength={200} />
        <TextField name="label_en" label={t('admin.handlerFunctions.labelEn')} values={values} errors={errors} maxLength={200} />
        <TextField name="label_de" label={t('admin.handlerFunctions.labelDe')} values={values} errors={errors} maxLength={200} />
      </Form>
    </AdminPage>
  );
}
