/**
 * The pages of a case's actions, one form each so they work without JavaScript and stay readable:
 * a lifecycle step, triage, classification, referral and exclusion. Every form carries the version of
 * the case it was read at, so a change by someone else in between is caught, not overwritten.
 */
import type { ComponentChildren } from 'preact';
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { CheckboxField, Form, PageHeading, RadioGroup, SelectField, TextAreaField, TextField } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { CaseFile } from '../case-file.ts';
import { measures, outcomes } from '../commands/classify.ts';
import { exclusionReasons } from '../commands/exclude.ts';
import { acknowledgementWaivers, needsMessageToReporter } from '../commands/transition.ts';
import { priorities, retaliationRisks } from '../commands/triage.ts';
import { findTransition, type CaseStatus } from '../lifecycle.ts';
import type { ProcedureCode } from '../../case-record/service.ts';
import { label } from './case-parts.tsx';

export interface StepFormState {
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

function StepLayout({ ctx, file, title, children }: { ctx: ViewContext; file: CaseFile; title: string; children: ComponentChildren }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={`${title} — ${file.row.reference}`}>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/cases/${file.row.id}`}>
          {t('case.title', { reference: file.row.reference })}
        </a>
      </p>
      <PageHeading title={title} />
      {children}
    </Layout>
  );
}

const Version = ({ file }: { file: CaseFile }) => <input type="hidden" name="version" value={String(file.row.version)} />;

export function StatusStepPage({ ctx, file, to, values, errors }: { ctx: ViewContext; file: CaseFile; to: CaseStatus } & StepFormState) {
  const { t } = ctx;
  const procedure = file.procedure as ProcedureCode;
  const step = findTransition(procedure, file.row.status as CaseStatus, to);
  const defaults: FormValues = to === 'acknowledged' ? { message: t('case.acknowledgementText') } : {};
  const shown = values ?? defaults;
  return (
    <StepLayout ctx={ctx} file={file} title={t('case.moveTo', { status: label(t, 'case.status.', to) })}>
      <Form ctx={ctx} action={`/cases/${file.row.id}/status/${to}`} submitLabel={t('case.moveTo', { status: label(t, 'case.status.', to) })} errors={errors}>
        <Version file={file} />
        {step?.milestone === 'acknowledgement_waived' ? (
          <RadioGroup
            name="waiver"
            legend={t('case.waiver')}
            options={acknowledgementWaivers.map((w) => ({ value: w, label: t(`case.waiver.${w}`) }))}
            values={shown}
            errors={errors}
          />
        ) : null}
        {step?.automatic ? null : <TextAreaField name="reason" label={t('case.reason')} description={t('case.reasonHint')} values={shown} errors={errors} rows={4} />}
        {needsMessageToReporter(procedure, to) ? (
          <TextAreaField name="message" label={t('case.messageToReporter')} description={t('case.messageToReporterHint')} values={shown} errors={errors} />
        ) : null}
        {to === 'forwarded' ? <CheckboxField name="consent" label={t('case.consent')} values={shown} /> : null}
        {to === 'closed' && procedure !== 'question' ? (
          <TextField name="check_in" label={t('case.checkIn')} description={t('case.dateHint')} values={shown} errors={errors} inputMode="numeric" />
        ) : null}
      </Form>
    </StepLayout>
  );
}

export function TriagePage({ ctx, file, values, errors }: { ctx: ViewContext; file: CaseFile } & StepFormState) {
  const { t } = ctx;
  const shown: FormValues = values ?? { procedure: file.procedure, priority: file.row.priority, risk: file.row.retaliationRisk ?? 'none' };
  return (
    <StepLayout ctx={ctx} file={file} title={t('case.triage')}>
      <p class="utrecht-paragraph">{t('case.triageIntro')}</p>
      <Form ctx={ctx} action={`/cases/${file.row.id}/triage`} submitLabel={t('case.saveTriage')} errors={errors}>
        <Version file={file} />
        <RadioGroup
          name="procedure"
          legend={t('case.procedure')}
          options={(['integrity', 'psychosocial', 'question'] as const).map((p) => ({ value: p, label: t(`case.procedure.${p}`) }))}
          values={shown}
          errors={errors}
        />
        <TextAreaField name="reason" label={t('case.procedureReason')} values={shown} errors={errors} rows={3} />
        <SelectField name="priority" label={t('case.priority')} options={priorities.map((p) => ({ value: p, label: t(`case.priority.${p}`) }))} values={shown} errors={errors} />
        <RadioGroup name="risk" legend={t('case.retaliationRisk')} options={retaliationRisks.map((r) => ({ value: r, label: t(`case.risk.${r}`) }))} values={shown} errors={errors} />
        <TextAreaField name="measures" label={t('case.protectionMeasures')} values={shown} errors={errors} rows={4} />
      </Form>
    </StepLayout>
  );
}

export function ClassificationPage({ ctx, file, themes, values, errors }: { ctx: ViewContext; file: CaseFile; themes: { value: string; label: string }[] } & StepFormState) {
  const { t } = ctx;
  const shown: FormValues = values ?? {
    theme: file.row.theme,
    outcome: file.row.outcome ?? '',
    ...Object.fromEntries(file.row.measures.map((m) => [`measure_${m}`, 'on'])),
  };
  return (
    <StepLayout ctx={ctx} file={file} title={t('case.classification')}>
      <Form ctx={ctx} action={`/cases/${file.row.id}/classification`} submitLabel={t('case.saveClassification')} errors={errors}>
        <Version file={file} />
        <SelectField name="theme" label={t('case.theme')} options={themes} values={shown} errors={errors} />
        <SelectField
          name="outcome"
          label={t('case.outcome')}
          options={[{ value: '', label: t('case.outcome.none') }, ...outcomes.map((o) => ({ value: o, label: t(`case.outcome.${o}`) }))]}
          values={shown}
          errors={errors}
        />
        <fieldset class="utrecht-form-fieldset ib-fieldset" aria-describedby={errors?.measures ? 'field-measures-error' : undefined}>
          <legend class="utrecht-form-fieldset__legend">{t('case.measures')}</legend>
          {errors?.measures ? (
            <p id="field-measures-error" class="utrecht-form-field-error-message">
              {errors.measures}
            </p>
          ) : null}
          <span id="field-measures" />
          {measures.map((m) => (
            <CheckboxField key={m} name={`measure_${m}`} label={t(`case.measure.${m}`)} values={shown} />
          ))}
        </fieldset>
      </Form>
    </StepLayout>
  );
}

export function ReferralPage({ ctx, file, values, errors }: { ctx: ViewContext; file: CaseFile } & StepFormState) {
  const { t } = ctx;
  const shown: FormValues = values ?? { keep: 'on' };
  return (
    <StepLayout ctx={ctx} file={file} title={t('case.refer')}>
      {file.referralCandidates.length === 0 ? (
        <p class="utrecht-paragraph">{t('case.noReferralCandidates')}</p>
      ) : (
        <Form ctx={ctx} action={`/cases/${file.row.id}/referral`} submitLabel={t('case.referButton')} errors={errors}>
          <Version file={file} />
          <SelectField
            name="to"
            label={t('case.referTo')}
            options={file.referralCandidates.map((c) => ({ value: c.id, label: `${c.name} (${c.functions.map((f) => f.replaceAll('_', ' ')).join(', ')})` }))}
            values={shown}
            errors={errors}
          />
          <TextAreaField name="reason" label={t('case.reason')} description={t('case.reasonHint')} values={shown} errors={errors} rows={4} />
          <CheckboxField name="keep" label={t('case.keepAccess')} values={shown} />
          <CheckboxField name="redacted" label={t('case.seesRedacted')} values={shown} />
        </Form>
      )}
    </StepLayout>
  );
}

export function ExclusionPage({ ctx, file, values, errors }: { ctx: ViewContext; file: CaseFile } & StepFormState) {
  const { t } = ctx;
  return (
    <StepLayout ctx={ctx} file={file} title={t('case.exclude')}>
      <p class="utrecht-paragraph">{t('case.excludeIntro')}</p>
      <Form ctx={ctx} action={`/cases/${file.row.id}/exclusion`} submitLabel={t('case.excludeButton')} errors={errors} danger>
        <SelectField name="user" label={t('case.excludePerson')} options={file.exclusionCandidates.map((c) => ({ value: c.id, label: c.name }))} values={values} errors={errors} />
        <RadioGroup
          name="reason"
          legend={t('case.excludeReason')}
          options={exclusionReasons.map((r) => ({ value: r, label: t(`case.exclusion.${r}`) }))}
          values={values}
          errors={errors}
        />
      </Form>
    </StepLayout>
  );
}
