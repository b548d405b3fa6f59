/** The rating page of one process: inherent factors, enhancing factors and existing controls (each with a comment). */
import type { FieldErrors, FormValues } from '../../../../platform/http/forms.ts';
import type { ViewContext } from '../../../../ui/context.ts';
import { Form, RadioGroup, TextAreaField } from '../../../../ui/form.tsx';
import type { RiskModel } from '../model.ts';
import { commentField, commentMaxLength } from '../rating-form.ts';
import { controlLevels, presenceLevels } from '../score.ts';
import { local, RiskPage } from './risk-page.tsx';

interface RatingPageProps {
  ctx: ViewContext;
  analysisId: string;
  model: RiskModel;
  process: { id: string; name: string; description: string };
  values: FormValues;
  errors?: FieldErrors | undefined;
  /** Set when the ratings were saved but some questions are still open. */
  stillMissing?: number | undefined;
}

export function RatingPage({ ctx, analysisId, model, process, values, errors, stillMissing }: RatingPageProps) {
  const { t, lang } = ctx;
  const base = `/risk-analysis/${analysisId}`;
  const presence = presenceLevels.map((level) => ({ value: String(level), label: t(`risk.presence.${level}`) }));
  const control = controlLevels.map((level) => ({ value: String(level), label: t(`risk.controlLevel.${level}`) }));
  return (
    <RiskPage
      ctx={ctx}
      title={t('risk.rate.title', { name: process.name })}
      intro={t('risk.rate.intro')}
      warning={stillMissing ? t('risk.rate.savedIncomplete', { count: stillMissing }) : undefined}
      back={{ href: base, label: t('risk.analysis.back') }}
    >
      {process.description ? <p class="utrecht-paragraph">{process.description}</p> : null}
      <Form ctx={ctx} action={`${base}/processes/${process.id}/rate`} submitLabel={t('risk.rate.submit')} errors={errors}>
        <h2 class="utrecht-heading-2">{t('risk.rate.inherent')}</h2>
        <p class="utrecht-paragraph">{t('risk.rate.inherentIntro')}</p>
        {model.inherentFactors.map((factor) => (
          <RadioGroup
            key={factor.code}
            name={`inherent-${factor.code}`}
            legend={local(factor.label, lang)}
            description={local(factor.description, lang)}
            options={presence}
            values={values}
            errors={errors}
          />
        ))}
        <h2 class="utrecht-heading-2">{t('risk.rate.enhancing')}</h2>
        <p class="utrecht-paragraph">{t('risk.rate.enhancingIntro')}</p>
        {model.enhancingFactors.map((factor) => (
          <RadioGroup
            key={factor.code}
            name={`enhancing-${factor.code}`}
            legend={local(factor.label, lang)}
            description={local(factor.description, lang)}
            options={presence}
            values={values}
            errors={errors}
          />
        ))}
        <h2 class="utrecht-heading-2">{t('risk.rate.controls')}</h2>
        <p class="utrecht-paragraph">{t('risk.rate.controlsIntro')}</p>
        {model.controls.map((item) => (
          <div key={item.code}>
            <RadioGroup
              name={`control-${item.code}`}
              legend={local(item.label, lang)}
              description={local(item.description, lang)}
              options={control}
              values={values}
              errors={errors}
            />
            <TextAreaField
              name={commentField(item.code)}
              label={t('risk.rate.comment', { control: local(item.label, lang) })}
              optionalLabel={t('form.optional')}
              values={values}
              errors={errors}
              rows={2}
              maxLength={commentMaxLength}
            />
          </div>
        ))}
      </Form>
    </RiskPage>
  );
}
