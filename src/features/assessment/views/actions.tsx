/** The action plan: the report's next steps turned into actions with an owner and a due date, their status, and the open actions of earlier assessments. */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Form, SelectField, TextAreaField, TextField } from '../../../ui/form.tsx';
import { actionStatuses } from '../commands/actions.ts';
import type { NextStep } from '../scoring.ts';
import type { MaturityModel } from '../model-definition.ts';
import { AssessmentFrame, formatDate, localized } from './frame.tsx';

interface ActionRow {
  id: string;
  dimensionCode: string;
  title: string;
  ownerName: string;
  dueOn: string;
  status: string;
}

interface ActionsPageProps {
  ctx: ViewContext;
  assessmentId: string;
  entityName: string;
  model: MaturityModel;
  nextSteps: NextStep[];
  actions: ActionRow[];
  earlier: Omit<ActionRow, 'dimensionCode'>[];
  owners: { id: string; displayName: string }[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  notice?: MessageKey | undefined;
}

export const statusKey = (status: string) => `assessment.actionStatus.${status}` as MessageKey;

function StatusForm({ ctx, assessmentId, action }: { ctx: ViewContext; assessmentId: string; action: ActionRow }) {
  const { t } = ctx;
  const name = `status-${action.id}`;
  return (
    <form method="post" action={`/assessment/${assessmentId}/actions/${action.id}`} class="ib-inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <label class="utrecht-form-label" for={name}>
        {t('assessment.actions.statusOf', { title: action.title })}
      </label>{' '}
      <select class="utrecht-select utrecht-select--html-select" id={name} name="status">
        {actionStatuses.map((s) => (
          <option key={s} value={s} selected={s === action.status}>
            {t(statusKey(s))}
          </option>
        ))}
      </select>{' '}
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        {t('assessment.actions.update')}
      </button>
    </form>
  );
}

export function ActionsPage({ ctx, assessmentId, entityName, model, nextSteps, actions, earlier, owners, values, errors, notice }: ActionsPageProps) {
  const { t } = ctx;
  const title = (code: string) => {
    const d = model.dimensions.find((x) => x.code === code);
    return d ? localized(d.title, ctx) : code;
  };
  return (
    <AssessmentFrame ctx={ctx} title={t('assessment.actions.title')} intro={t('assessment.actions.intro', { entity: entityName })} notice={notice}>
      {actions.length === 0 ? (
        <p class="utrecht-paragraph">{t('assessment.actions.none')}</p>
      ) : (
        <ul class="utrecht-unordered-list" id="actions">
          {actions.map((a) => (
            <li key={a.id}>
              <strong>{a.title}</strong> — {title(a.dimensionCode)} — {t('assessment.actions.ownerDue', { owner: a.ownerName, date: formatDate(a.dueOn, ctx.lang) })} — {t(statusKey(a.status))}
              <StatusForm ctx={ctx} assessmentId={assessmentId} action={a} />
            </li>
          ))}
        </ul>
      )}
      {earlier.length > 0 ? (
        <>
          <h2 class="utrecht-heading-2">{t('assessment.actions.earlier')}</h2>
          <ul class="utrecht-unordered-list">
            {earlier.map((a) => (
              <li key={a.id}>
                {a.title} — {t('assessment.actions.ownerDue', { owner: a.ownerName, date: formatDate(a.dueOn, ctx.lang) })} — {t(statusKey(a.status))}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 class="utrecht-heading-2">{t('assessment.actions.new')}</h2>
      <Form ctx={ctx} action={`/assessment/${assessmentId}/actions`} submitLabel={t('assessment.actions.submit')} errors={errors}>
        <SelectField
          name="dimensionCode"
          label={t('assessment.actions.step')}
          values={values}
          errors={errors}
          options={[{ value: '', label: t('assessment.choose') }, ...nextSteps.map((s) => ({ value: s.dimensionCode, label: `${title(s.dimensionCode)}: ${localized(s.recommendation, ctx)}` }))]}
        />
        <TextAreaField name="title" label={t('assessment.actions.what')} values={values} errors={errors} rows={2} maxLength={500} />
        <SelectField name="ownerId" label={t('assessment.actions.owner')} values={values} errors={errors} options={[{ value: '', label: t('assessment.choose') }, ...owners.map((o) => ({ value: o.id, label: o.displayName }))]} />
        <TextField name="dueOn" type="date" label={t('assessment.actions.due')} values={values} errors={errors} />
      </Form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/assessment/${assessmentId}`}>
          {t('assessment.backToAssessment')}
        </a>
      </p>
    </AssessmentFrame>
  );
}
