/** The facilitator's consensus page: the spread of the participants' answers per question (counts only, from 3 submissions), and the agreed levels and remarks. */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField } from '../../../ui/form.tsx';
import { completeField, dimensionRemarkField, levelField, maxRemarkLength, remarkField } from '../consensus-form.ts';
import { levels, type Dimension, type MaturityModel } from '../model-definition.ts';
import { minimumParticipantsForSpread, type AnswerNote, type Spread } from '../spread.ts';
import { AssessmentFrame, localized } from './frame.tsx';

interface ConsensusPageProps {
  ctx: ViewContext;
  assessmentId: string;
  entityName: string;
  model: MaturityModel;
  spread: Spread;
  values: FormValues;
  errors?: FieldErrors | undefined;
  notice?: MessageKey | undefined;
  open: boolean;
}

/** The participants' comments and evidence links on one question, without who wrote them. */
function AnswerNotes({ ctx, question, notes }: { ctx: ViewContext; question: Dimension['questions'][number]; notes: AnswerNote[] | undefined }) {
  if (!notes || notes.length === 0) return null;
  return (
    <div class="ib-answer-notes">
      <p class="utrecht-paragraph">{ctx.t('assessment.spread.notes', { question: localized(question.text, ctx) })}</p>
      <ul class="utrecht-unordered-list">
        {notes.map((note, i) => (
          <li key={i}>
            {note.comment}
            {note.comment && note.evidenceUrl ? ' — ' : ''}
            {note.evidenceUrl ? (
              <a class="utrecht-link" href={note.evidenceUrl} rel="noopener noreferrer nofollow">
                {note.evidenceUrl}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SpreadTable({ ctx, dimension, counts }: { ctx: ViewContext; dimension: Dimension; counts: Map<string, number[]> }) {
  const { t } = ctx;
  return (
    <div class="ib-table-wrap">
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{t('assessment.spread.caption', { dimension: localized(dimension.title, ctx) })}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th scope="col" class="utrecht-table__header-cell">{t('assessment.spread.question')}</th>
            {levels.map((level) => (
              <th key={level} scope="col" class="utrecht-table__header-cell">
                {t('assessment.spread.level', { level })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {dimension.questions.map((q) => (
            <tr key={q.code} class="utrecht-table__row">
              <th scope="row" class="utrecht-table__header-cell">
                {localized(q.text, ctx)}
              </th>
              {(counts.get(q.code) ?? [0, 0, 0, 0, 0]).map((n, i) => (
                <td key={i} class="utrecht-table__cell">
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ConsensusPage({ ctx, assessmentId, entityName, model, spread, values, errors, notice, open }: ConsensusPageProps) {
  const { t } = ctx;
  const levelOptions = [{ value: '', label: t('assessment.consensus.noLevel') }, ...levels.map((level) => ({ value: String(level), label: t('assessment.levelLabel', { level, name: localized(model.levelNames[level - 1]!, ctx) }) }))];
  return (
    <AssessmentFrame ctx={ctx} title={t('assessment.consensus.title')} intro={t('assessment.consensus.intro', { entity: entityName })} notice={notice}>
      {spread.visible ? (
        <p class="utrecht-paragraph">{t('assessment.spread.shown', { submitted: spread.submitted })}</p>
      ) : (
        <div class="utrecht-alert utrecht-alert--info" role="status">
          <p class="utrecht-paragraph">{t('assessment.spread.hidden', { submitted: spread.submitted, minimum: minimumParticipantsForSpread })}</p>
        </div>
      )}
      <form method="post" action={`/assessment/${assessmentId}/consensus`} class="ib-form" noValidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        {model.dimensions.map((dimension) => (
          <section key={dimension.code} aria-labelledby={`dimension-${dimension.code}`}>
            <h2 class="utrecht-heading-2" id={`dimension-${dimension.code}`}>
              {localized(dimension.title, ctx)}
            </h2>
            {spread.visible ? <SpreadTable ctx={ctx} dimension={dimension} counts={spread.counts} /> : null}
            {dimension.questions.map((q) => (
              <div key={q.code} class="ib-question">
                {spread.visible ? <AnswerNotes ctx={ctx} question={q} notes={spread.notes.get(q.code)} /> : null}
                <SelectField name={levelField(q.code)} label={localized(q.text, ctx)} options={levelOptions} values={values} errors={errors} />
                <TextField name={remarkField(q.code)} label={t('assessment.consensus.remark')} optionalLabel={t('form.optional')} values={values} errors={errors} maxLength={maxRemarkLength} />
              </div>
            ))}
            <TextAreaField name={dimensionRemarkField(dimension.code)} label={t('assessment.consensus.dimensionRemark')} optionalLabel={t('form.optional')} values={values} errors={errors} rows={2} maxLength={maxRemarkLength} />
            {errors?.[completeField(dimension.code)] ? (
              <div class="utrecht-form-field-error-message" id={`field-${completeField(dimension.code)}-error`}>
                {errors[completeField(dimension.code)]}
              </div>
            ) : null}
            <CheckboxField name={completeField(dimension.code)} label={t('assessment.consensus.complete', { dimension: localized(dimension.title, ctx) })} values={values} />
          </section>
        ))}
        {open ? (
          <div class="utrecht-button-group">
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              {t('assessment.consensus.submit')}
            </button>
          </div>
        ) : null}
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/assessment/${assessmentId}`}>
          {t('assessment.backToAssessment')}
        </a>
      </p>
    </AssessmentFrame>
  );
}
