/** Adding or editing a process, and the confirmation before removing one. */
import type { FieldErrors, FormValues } from '../../../../platform/http/forms.ts';
import type { ViewContext } from '../../../../ui/context.ts';
import { Form, TextAreaField, TextField } from '../../../../ui/form.tsx';
import { RiskPage } from './risk-page.tsx';

interface ProcessFormPageProps {
  ctx: ViewContext;
  analysisId: string;
  /** Absent for a new process. */
  process?: { id: string; name: string } | undefined;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

export function ProcessFormPage({ ctx, analysisId, process, values, errors }: ProcessFormPageProps) {
  const { t } = ctx;
  const base = `/risk-analysis/${analysisId}`;
  const title = process ? t('risk.process.editTitle', { name: process.name }) : t('risk.process.newTitle');
  return (
    <RiskPage ctx={ctx} title={title} back={{ href: base, label: t('risk.analysis.back') }}>
      <Form ctx={ctx} action={process ? `${base}/processes/${process.id}` : `${base}/processes`} submitLabel={t('risk.process.submit')} errors={errors}>
        <TextField name="name" label={t('risk.process.name')} values={values} errors={errors} maxLength={200} />
        <TextAreaField
          name="description"
          label={t('risk.process.description')}
          description={t('risk.process.descriptionHint')}
          optionalLabel={t('form.optional')}
          values={values}
          errors={errors}
          rows={4}
          maxLength={4000}
        />
      </Form>
    </RiskPage>
  );
}

export function RemoveProcessPage({ ctx, analysisId, process }: { ctx: ViewContext; analysisId: string; process: { id: string; name: string } }) {
  const { t } = ctx;
  const base = `/risk-analysis/${analysisId}`;
  return (
    <RiskPage ctx={ctx} title={t('risk.process.removeTitle', { name: process.name })}>
      <p class="utrecht-paragraph">{t('risk.process.removeBody')}</p>
      <Form ctx={ctx} action={`${base}/processes/${process.id}/remove`} submitLabel={t('risk.process.removeSubmit')} danger>
        {null}
      </Form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={base}>
          {t('form.cancel')}
        </a>
      </p>
    </RiskPage>
  );
}
