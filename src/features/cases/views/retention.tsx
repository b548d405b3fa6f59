/** Retention periods (coordinator, administrator) and a case's legal hold (retention.ts; docs/law.md §1, Directive art. 18(1)). */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Fieldset, Form, PageHeading, TextAreaField, TextField } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';

export interface RetentionPageProps {
  ctx: ViewContext;
  themes: { code: string; label: string }[];
  values: FormValues;
  errors?: FieldErrors | undefined;
  saved?: boolean;
}

export function RetentionPage({ ctx, themes, values, errors, saved }: RetentionPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('handover.retention.title')}>
      <PageHeading title={t('handover.retention.title')} intro={t('handover.retention.intro')} />
      {saved ? (
        <div class="utrecht-alert utrecht-alert--info" role="status">
          <p class="utrecht-paragraph">{t('handover.retention.saved')}</p>
        </div>
      ) : null}
      <Form ctx={ctx} action="/cases/retention" submitLabel={t('handover.retention.submit')} errors={errors}>
        <TextField name="integrity" type="number" inputMode="numeric" label={t('handover.retention.integrity')} values={values} errors={errors} />
        <TextField
          name="psychosocial"
          type="number"
          inputMode="numeric"
          label={t('handover.retention.psychosocial')}
          description={t('handover.retention.psychosocialHelp')}
          values={values}
          errors={errors}
        />
        <TextField name="question" type="number" inputMode="numeric" label={t('handover.retention.question')} values={values} errors={errors} />
        <Fieldset legend={t('handover.retention.themes')}>
          {themes.map((theme) => (
            <TextField key={theme.code} name={`theme_${theme.code}`} type="number" inputMode="numeric" label={t('handover.retention.theme', { theme: theme.label })} values={values} errors={errors} />
          ))}
        </Fieldset>
      </Form>
    </Layout>
  );
}

export interface LegalHoldPageProps {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  legalHold: boolean;
  version: number;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}

export function LegalHoldPage({ ctx, caseId, reference, legalHold, version, values, errors, notice }: LegalHoldPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('handover.hold.title')}>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/cases/${caseId}`}>
          {t('handover.backToCase')} {reference}
        </a>
      </p>
      <PageHeading title={`${t('handover.hold.title')} — ${reference}`} intro={t('handover.hold.intro')} />
      {notice ? (
        <div class="utrecht-alert utrecht-alert--info" role="status">
          <p class="utrecht-paragraph">{notice}</p>
        </div>
      ) : null}
      <p class="utrecht-paragraph">
        <strong>{legalHold ? t('handover.hold.on') : t('handover.hold.off')}</strong>
      </p>
      <Form ctx={ctx} action={`/cases/${caseId}/legal-hold`} submitLabel={legalHold ? t('handover.hold.lift') : t('handover.hold.set')} errors={errors}>
        <input type="hidden" name="version" value={String(version)} />
        <input type="hidden" name="hold" value={legalHold ? 'off' : 'on'} />
        <TextAreaField name="reason" label={t('handover.hold.reason')} description={t('handover.hold.reasonHelp')} rows={3} values={values} errors={errors} />
      </Form>
    </Layout>
  );
}
