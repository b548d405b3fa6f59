/**
 * The handler's form for a contact by phone, e-mail, letter or in person: the web form's fields, the
 * channel and day received, and whether to route it and give the person a receipt code.
 */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { CheckboxField, Fieldset, Form, PageHeading, RadioGroup, SelectField, TextAreaField, TextField } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { contactPreferences, identityChoices, requesterRoles, type EntityOption, type Taxonomy } from '../../case-record/service.ts';
import { registeredChannels } from '../commands/register-contact.ts';

export interface RegisterFormModel {
  ctx: ViewContext;
  values: FormValues;
  errors: FieldErrors;
  taxonomy: Taxonomy;
  entities: EntityOption[];
}

function entityLabel(entity: EntityOption): string {
  return entity.depth === 0 ? entity.name : `${'\u00a0\u00a0\u00a0'.repeat(entity.depth)}— ${entity.name}`;
}

/** Themes grouped by domain: it needs optgroups, which SelectField does not draw. */
function ThemeSelect({ ctx, taxonomy, values, errors }: { ctx: ViewContext; taxonomy: Taxonomy; values: FormValues; errors: FieldErrors }) {
  const { t, lang } = ctx;
  const error = errors.theme;
  return (
    <div class={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for="field-theme">
          {t('register.theme')}
        </label>
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
          aria-describedby={error ? 'field-theme-error' : undefined}
        >
          <option value="" selected={!values.theme}>
            {t('register.themeChoose')}
          </option>
          {taxonomy.domains.map((domain) => (
            <optgroup key={domain.code} label={domain.labels[lang]}>
              {taxonomy.themes
                .filter((theme) => theme.domain === domain.code)
                .map((theme) => (
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

export function RegisterFormPage({ ctx, values, errors, taxonomy, entities }: RegisterFormModel) {
  const { t } = ctx;
  const optional = t('form.optional');
  return (
    <Layout ctx={ctx} title={t('register.title')}>
      <PageHeading title={t('register.title')} intro={t('register.intro')} />
      <Form ctx={ctx} action="/cases/new" submitLabel={t('register.submit')} errors={errors}>
        <h2 class="utrecht-heading-2">{t('register.sectionContact')}</h2>
        <RadioGroup
          name="channel"
          legend={t('register.channel')}
          values={values}
          errors={errors}
          options={registeredChannels.map((channel) => ({ value: channel, label: t(`register.channel.${channel}`) }))}
        />
        <TextField name="receivedOn" type="date" label={t('register.receivedOn')} description={t('register.receivedOnHint')} values={values} errors={errors} maxLength={10} />

        <h2 class="utrecht-heading-2">{t('register.sectionMatter')}</h2>
        <RadioGroup
          name="kind"
          legend={t('register.kind')}
          values={values}
          errors={errors}
          options={(['question', 'report'] as const).map((kind) => ({ value: kind, label: t(`report.kind.${kind}`) }))}
        />
        <ThemeSelect ctx={ctx} taxonomy={taxonomy} values={values} errors={errors} />
        <SelectField
          name="entityId"
          label={t('register.entity')}
          values={{ ...values, entityId: values.entityId ?? '' }}
          errors={errors}
          options={[{ value: '', label: t('register.entityNone') }, ...entities.map((entity) => ({ value: entity.id, label: entityLabel(entity) }))]}
        />
        <TextAreaField name="description" label={t('register.description')} description={t('register.descriptionHint')} values={values} errors={errors} rows={8} maxLength={20_000} />
        <TextAreaField name="when" label={t('report.answer.when')} optionalLabel={optional} values={values} errors={errors} rows={2} maxLength={2_000} />
        <TextAreaField name="where" label={t('report.answer.where')} optionalLabel={optional} values={values} errors={errors} rows={2} maxLength={2_000} />
        <TextAreaField name="involved" label={t('report.answer.involved')} optionalLabel={optional} values={values} errors={errors} rows={3} maxLength={5_000} />

        <h2 class="utrecht-heading-2">{t('register.sectionPerson')}</h2>
        <RadioGroup
          name="requesterRole"
          legend={t('register.role')}
          values={values}
          errors={errors}
          options={requesterRoles.map((role) => ({ value: role, label: t(`report.role.${role}`) }))}
        />
        <RadioGroup
          name="identityChoice"
          legend={t('register.identity')}
          description={t('register.identityConfidentialNote')}
          values={values}
          errors={errors}
          options={identityChoices.map((choice) => ({ value: choice, label: t(`report.identity.${choice}`) }))}
        />
        <p class="utrecht-paragraph">{t('register.contactDetailsHint')}</p>
        <TextField name="name" label={t('report.answer.name')} optionalLabel={optional} values={values} errors={errors} maxLength={200} />
        <TextField name="email" type="email" label={t('report.answer.email')} optionalLabel={optional} values={values} errors={errors} maxLength={320} />
        <TextField name="phone" label={t('report.answer.phone')} optionalLabel={optional} values={values} errors={errors} maxLength={50} />
        <RadioGroup
          name="contactPreference"
          legend={t('register.contact')}
          values={values}
          errors={errors}
          options={contactPreferences.map((preference) => ({ value: preference, label: t(`register.contact.${preference}`) }))}
        />
        <CheckboxField name="wantsMeeting" value="yes" label={t('register.wantsMeeting')} values={values} />

        <Fieldset legend={t('register.sectionHandling')}>
          <CheckboxField name="giveReceipt" value="yes" label={t('register.giveReceipt')} description={t('register.giveReceiptHint')} values={values} />
          <CheckboxField name="alsoRoute" value="yes" label={t('register.alsoRoute')} description={t('register.alsoRouteHint')} values={values} />
        </Fieldset>
      </Form>
    </Layout>
  );
}
