/** A participant's own answers: per question a level, a comment and a link to evidence; saved as a draft or submitted, without JavaScript. */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { ErrorSummary, RadioGroup, TextAreaField, TextField } from '../../../ui/form.tsx';
import { answerLevelField, commentField, evidenceField, maxCommentLength, maxEvidenceLength } from '../answer-form.ts';
import { levels, type MaturityModel } from '../model-definition.ts';
import { AssessmentFrame, localized } from './frame.tsx';

interface AnswerPageProps {
  ctx: ViewContext;
  model: MaturityModel;
  entityName: string;
  action: string;
  values: FormValues;
  errors?: FieldErrors | undefined;
  notice?: MessageKey | undefined;
  submitted: boolean;
}

export function AnswerPage({ ctx, model, entityName, action, values, errors, notice, submitted }: AnswerPageProps) {
  const { t } = ctx;
  const title = t('assessment.answer.title', { entity: entityName });
  if (submitted) {
    return (
      <AssessmentFrame ctx={ctx} title={title} notice={notice}>
        <p class="utrecht-paragraph">{t('assessment.answer.thanks')}</p>
      </AssessmentFrame>
    );
  }
  const levelOptions = (descriptors: MaturityModel['dimensions'][number]['levels']) =>
    levels.map((level) => ({
      value: String(level),
      label: t('assessment.levelLabel', { level, name: localized(model.levelNames[level - 1]!, ctx) }),
      description: localized(descriptors[level - 1]!, ctx),
    }));
  return (
    <AssessmentFrame ctx={ctx} title={title} intro={t('assessment.answer.intro')} notice={notice}>
      <details class="ib-details">
        <summary>{t('assessment.answer.aboutModel', { model: localized(model.title, ctx) })}</summary>
        <p class="utrecht-paragraph">{localized(model.description, ctx)}</p>
      </details>
      <form method="post" action={action} class="ib-form" noValidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        {model.dimensions.map((dimension) => (
          <section key={dimension.code} aria-labelledby={`dimension-${dimension.code}`}>
            <h2 class="utrecht-heading-2" id={`dimension-${dimension.code}`}>
              {localized(dimension.title, ctx)}
            </h2>
            {dimension.questions.map((question) => (
              <div key={question.code} class="ib-question">
                <RadioGroup name={answerLevelField(question.code)} legend={localized(question.text, ctx)} options={levelOptions(dimension.levels)} values={values} errors={errors} />
                <TextAreaField name={commentField(question.code)} label={t('assessment.answer.comment')} optionalLabel={t('form.optional')} values={values} errors={errors} rows={2} maxLength={maxCommentLength} />
                <TextField name={evidenceField(question.code)} type="url" label={t('assessment.answer.evidence')} optionalLabel={t('form.optional')} description={t('assessment.answer.evidenceHelp')} values={values} errors={errors} maxLength={maxEvidenceLength} />
              </div>
            ))}
          </section>
        ))}
        <div class="utrecht-button-group">
          <button type="submit" name="intent" value="save" class="utrecht-button utrecht-button--secondary-action">
            {t('assessment.answer.save')}
          </button>
          <button type="submit" name="intent" value="submit" class="utrecht-button utrecht-button--primary-action">
            {t('assessment.answer.submit')}
          </button>
        </div>
      </form>
    </AssessmentFrame>
  );
}

/** The page a one-time link shows when it was already used to submit, has expired, or never existed. */
export function LinkGonePage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <AssessmentFrame ctx={ctx} title={t('assessment.link.goneTitle')}>
      <p class="utrecht-paragraph">{t('assessment.link.goneBody')}</p>
    </AssessmentFrame>
  );
}
