/** The hand-over page: an administrator or the coordinator moves an absent handler's cases to another handler (reassign.ts). */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Form, PageHeading, SelectField } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ReassignSummary } from '../commands/reassign.ts';
import type { HandlerOption } from '../reassign.ts';

export interface ReassignPageProps {
  ctx: ViewContext;
  handlers: HandlerOption[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  summary?: ReassignSummary | undefined;
}

export function ReassignPage({ ctx, handlers, values, errors, summary }: ReassignPageProps) {
  const { t } = ctx;
  const options = [
    { value: '', label: '' },
    ...handlers.map((h) => ({ value: h.id, label: h.disabled ? t('handover.reassign.disabled', { name: h.displayName }) : h.displayName })),
  ];
  return (
    <Layout ctx={ctx} title={t('handover.reassign.title')}>
      <PageHeading title={t('handover.reassign.title')} intro={t('handover.reassign.intro')} />
      {summary ? (
        <div class={`utrecht-alert ${summary.onlyOldHandlerCanOpen > 0 ? 'utrecht-alert--warning' : 'utrecht-alert--info'}`} role="status">
          <p class="utrecht-paragraph">{t('handover.reassign.moved', { count: summary.moved })}</p>
          {summary.onlyOldHandlerCanOpen > 0 ? <p class="utrecht-paragraph">{t('handover.reassign.onlyOld', { count: summary.onlyOldHandlerCanOpen })}</p> : null}
          {summary.skipped > 0 ? <p class="utrecht-paragraph">{t('handover.reassign.skipped', { count: summary.skipped })}</p> : null}
        </div>
      ) : null}
      <Form ctx={ctx} action="/cases/reassign" submitLabel={t('handover.reassign.submit')} errors={errors}>
        <SelectField name="from" label={t('handover.reassign.from')} options={options} values={values} errors={errors} />
        <SelectField name="to" label={t('handover.reassign.to')} options={options.filter((o) => !handlers.find((h) => h.id === o.value)?.disabled)} values={values} errors={errors} />
      </Form>
    </Layout>
  );
}
