/**
 * The one form for a question or a report. Plain HTML, posted as multipart so files travel with it;
 * when it comes back with a mistake, everything typed and every file is still there.
 */
import { ErrorSummary, CheckboxField, RadioGroup, SelectField, TextAreaField, TextField } from '../../../ui/form.tsx';
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import { contactPreferences, identityChoices, requesterRoles, themesOf, type Taxonomy } from '../../case-record/service.ts';
import type { EntityOption } from '../../case-record/service.ts';
import type { ReportFormModel, ReporterContext } from '../view-models.ts';
import { AttachmentsField, DraftFields } from './attachments-field.tsx';
import { ReporterLayout } from './layout.tsx';

/** Indents an entity under its parent with non-breaking spaces and a dash: a select cannot be styled. */
function entityLabel(entity: EntityOption): string {
  return entity.depth === 0 ? entity.name : `${'\u00a0\u00a0\u00a0'.repeat(entity.depth)}— ${entity.name}`;
}

interface ThemeSelectProps {
  ctx: ReporterContext;
  taxonomy: Taxonomy;
  values: FormValues;
  errors: FieldErrors;
}

/** The theme list, grouped by domain; it needs optgroups, which SelectField does not draw. */
function ThemeSelect({ ctx, taxonomy, values, errors }: ThemeSelectProps) {
  const { t, lang } = ctx;
  const error = errors.theme;
  const describedBy = ['field-theme-description', error ? 'field-theme-error' : ''].filter(Boolean).join(' ');
  return (
    <div class={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for="field-theme">
          {t('report.form.theme')}
        </label>
      </div>
      <div class="utrecht-form-field-description" id="field-theme-description">
        {t('report.form.themeHint')}
      </div>
      {error ? (
        <div class="utrecht-form-field-error-message" id="field-theme-error">
          {error}
        </div>
      ) : null}
      <div class="utrecht-form-field__input">
        <select
          class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
          id="field-theme"
          name="theme"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        >
          <option value="" selected={!values.theme}>
            {t('report.form.themeChoose')}
          </option>
          {taxonomy.domains.map((domain) => (
            <optgroup key={domain.code} label={domain.labels[lang]}>
              {themesOf(taxonomy, domain.code).map((theme) => (
                <option key={theme.code} value={theme.code} selected={values.theme === theme.code}>
                  {theme.labels[lang]}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </div>
  );
}

export function ReportFormPage(model: ReportFormModel) {
  const { ctx, values, errors, taxonomy, entities } = model;
  const { t } = ctx;
  const optional = t('form.optional');
  return (
    <ReporterLayout ctx={ctx} title={t('report.form.title')}>
      <h1 class="utrecht-heading-1">{t('report.form.title')}</h1>
      <p class="utrecht-paragraph ib-lead">{t('report.form.intro')}</p>
      {/* The duty to speak up is said before anyone writes, here as well as on the landing page. */}
      <div class="utrecht-alert utrecht-alert--info">
        <p class="utrecht-paragraph">
          {t('report.form.dutyNote')}{' '}
          <a class="utrecht-link" href={`${ctx.url('/report')}#duty`}>
            {t('report.form.dutyLink')}
          </a>
        </p>
      </div>
      <form
        id="field-form"
        class="ib-form"
        method="post"
        action={ctx.url('/report/new')}
        enctype="multipart/form-data"
        autocomplete="off"
        noValidate
      >
        <ErrorSummary ctx={ctx} errors={errors} />
        {/* The token and the draft come first: the server reads them before it accepts any file. */}
        <input type="hidden" name="formToken" value={model.formToken} />
        <DraftFields draft={model.draft} />

        <h2 class="utrecht-heading-2">{t('report.form.sectionMatter')}</h2>
        <RadioGroup
          name="kind"
          legend={t('report.form.kindLegend')}
          values={values}
          errors={errors}
          options={[
            { value: 'question', label: t('report.form.kindQuestion'), description: t('report.form.kindQuestionHint') },
            { value: 'report', label: t('report.form.kindReport'), description: t('report.form.kindReportHint') },
          ]}
        />
        <ThemeSelect ctx={ctx} taxonomy={taxonomy} values={values} errors={errors} />
        <SelectField
          name="entityId"
          label={t('report.form.entity')}
          description={t('report.form.entityHint')}
          values={{ ...values, entityId: values.entityId ?? '' }}
          errors={errors}
          options={[{ value: '', label: t('report.form.entityNone') }, ...entities.map((entity) => ({ value: entity.id, label: entityLabel(entity) }))]}
        />
        <TextAreaField name="description" label={t('report.form.description')} description={t('report.form.descriptionHint')} values={values} errors={errors} rows={10} maxLength={20_000} />
        <TextAreaField name="when" label={t('report.form.when')} description={t('report.form.whenHint')} optionalLabel={optional} values={values} errors={errors} rows={2} maxLength={2_000} />
        <TextAreaField name="where" label={t('report.form.where')} description={t('report.form.whereHint')} optionalLabel={optional} values={values} errors={errors} rows={2} maxLength={2_000} />
        <TextAreaField name="involved" label={t('report.form.involved')} description={t('report.form.involvedHint')} optionalLabel={optional} values={values} errors={errors} rows={4} maxLength={5_000} />

        <h2 class="utrecht-heading-2">{t('report.form.sectionYou')}</h2>
        <RadioGroup
          name="requesterRole"
          legend={t('report.form.roleLegend')}
          description={t('report.form.roleHint')}
          values={values}
          errors={errors}
          options={requesterRoles.map((role) => ({ value: role, label: t(`report.role.${role}`) }))}
        />
        <RadioGroup
          name="identityChoice"
          legend={t('report.form.identityLegend')}
          values={values}
          errors={errors}
          options={identityChoices.map((choice) => ({ value: choice, label: t(`report.identity.${choice}`), description: t(`report.identity.${choice}Hint`) }))}
        />
        <p class="utrecht-paragraph">{t('report.form.contactDetailsHint')}</p>
        <TextField name="name" label={t('report.form.name')} optionalLabel={optional} values={values} errors={errors} maxLength={200} />
        <TextField name="email" type="email" label={t('report.form.email')} optionalLabel={optional} values={values} errors={errors} maxLength={320} />
        <TextField name="phone" label={t('report.form.phone')} optionalLabel={optional} values={values} errors={errors} maxLength={50} />
        <RadioGroup
          name="contactPreference"
          legend={t('report.form.contactLegend')}
          description={t('report.form.contactHint')}
          values={values}
          errors={errors}
          options={contactPreferences.map((preference) => ({ value: preference, label: t(`report.contact.${preference}`) }))}
        />
        <CheckboxField name="wantsMeeting" value="yes" label={t('report.form.wantsMeeting')} description={t('report.form.wantsMeetingHint')} values={values} />

        <h2 class="utrecht-heading-2">{t('report.form.sectionFiles')}</h2>
        <AttachmentsField ctx={ctx} errors={errors} heldFiles={model.heldFiles} limits={model.limits} />

        <p class="utrecht-paragraph ib-before-submit">{t('report.form.beforeSubmit')}</p>
        <div class="utrecht-button-group">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t('report.form.submit')}
          </button>
        </div>
      </form>
    </ReporterLayout>
  );
}
