/** The page where a handler masks passages of a case's text (redaction.ts; docs/law.md §1, Directive art. 17). */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { CheckboxField, Form, PageHeading, SelectField, TextAreaField } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { CaseView } from '../../case-record/service.ts';
import { answerFields, applyRedactions, targetText, type RedactionTarget, type Redactions } from '../redaction.ts';

export interface RedactionPageProps {
  ctx: ViewContext;
  view: CaseView;
  redactions: Redactions;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}

const answerLabel = { description: 'handling.description', when: 'handling.when', where: 'handling.where', involved: 'handling.involved' } as const;

/** Every text of the case a handler can mask, with a label. */
export function redactionTargets(ctx: ViewContext, view: CaseView): { value: RedactionTarget; label: string }[] {
  const { t } = ctx;
  const targets: { value: RedactionTarget; label: string }[] = answerFields
    .filter((field) => view.answers[field])
    .map((field) => ({ value: `answers.${field}` as const, label: t(answerLabel[field]) }));
  for (const message of view.messages) targets.push({ value: `message:${message.id}`, label: t('handover.redact.targetMessage', { date: message.sentOn }) });
  for (const file of [...view.files, ...view.messages.flatMap((m) => m.files)]) targets.push({ value: `file-name:${file.id}`, label: t('handover.redact.targetFile', { name: file.name }) });
  return targets;
}

export function RedactionPage({ ctx, view, redactions, values, errors, notice }: RedactionPageProps) {
  const { t } = ctx;
  const targets = redactionTargets(ctx, view);
  return (
    <Layout ctx={ctx} title={t('handover.redact.title')}>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/cases/${view.id}`}>
          {t('handover.backToCase')} {view.reference}
        </a>
      </p>
      <PageHeading title={`${t('handover.redact.title')} — ${view.reference}`} intro={t('handover.redact.intro')} />
      {notice ? (
        <div class="utrecht-alert utrecht-alert--info" role="status">
          <p class="utrecht-paragraph">{notice}</p>
        </div>
      ) : null}
      <Form ctx={ctx} action={`/cases/${view.id}/redactions`} submitLabel={t('handover.redact.submit')} errors={errors}>
        <SelectField name="target" label={t('handover.redact.target')} options={targets} values={values} errors={errors} />
        <TextAreaField name="passage" label={t('handover.redact.passage')} description={t('handover.redact.passageHelp')} rows={3} values={values} errors={errors} />
        <CheckboxField name="permanent" label={t('handover.redact.permanent')} description={t('handover.redact.permanentHelp')} values={values} />
        <TextAreaField name="reason" label={t('handover.redact.reason')} description={t('handover.redact.reasonHelp')} rows={2} values={values} errors={errors} />
      </Form>
      <h2 class="utrecht-heading-2">{t('handover.redact.preview')}</h2>
      <dl class="ib-facts">
        {targets.map((target) => {
          const text = targetText(view, target.value) ?? '';
          const ranges = redactions.get(target.value);
          return [<dt key={`${target.value}-t`}>{target.label}</dt>, <dd key={`${target.value}-d`} class="ib-pre">{ranges ? applyRedactions(text, ranges) : text}</dd>];
        })}
      </dl>
    </Layout>
  );
}
