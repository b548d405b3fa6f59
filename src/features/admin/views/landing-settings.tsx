/** The reporting point's landing page as administrators set it: the text about external channels per language, and the external links. */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import { languageNames, languages } from '../../../platform/i18n/languages.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Fieldset, Form, TextAreaField, TextField } from '../../../ui/form.tsx';
import type { LandingSettings } from '../../reporting/service.ts';
import { maxExternalLinks } from '../form-schemas.ts';
import { AdminPage, type Flash } from './admin-page.tsx';

/** The stored settings as the form's values: one textarea per language, then label and address per link row. */
export function landingFormValues(landing: LandingSettings): FormValues {
  const values: FormValues = {};
  for (const language of languages) values[`channel_${language}`] = landing.externalChannels[language] ?? '';
  landing.externalLinks.slice(0, maxExternalLinks).forEach((link, index) => {
    values[`linkLabel${index}`] = link.label;
    values[`linkUrl${index}`] = link.url;
  });
  return values;
}

interface LandingSettingsProps {
  ctx: ViewContext;
  values: FormValues;
  errors?: FieldErrors | undefined;
  flash?: Flash | undefined;
}

export function LandingSettingsPage({ ctx, values, errors, flash }: LandingSettingsProps) {
  const { t } = ctx;
  const rows = Array.from({ length: maxExternalLinks }, (_, index) => index);
  return (
    <AdminPage ctx={ctx} section="landing" title={t('admin.landing.title')} intro={t('admin.landing.intro')} flash={flash}>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/report">
          {t('admin.landing.preview')}
        </a>
      </p>
      <Form ctx={ctx} action="/admin/reporting" submitLabel={t('form.save')} errors={errors}>
        <Fieldset legend={t('admin.landing.channels')}>
          <p class="utrecht-paragraph">{t('admin.landing.channelsHelp')}</p>
          {languages.map((language) => (
            <TextAreaField
              key={language}
              name={`channel_${language}`}
              label={t('admin.landing.channelIn', { language: languageNames[language] })}
              optionalLabel={t('form.optional')}
              values={values}
              errors={errors}
              rows={5}
              maxLength={2000}
            />
          ))}
        </Fieldset>
        <Fieldset legend={t('admin.landing.links')}>
          <p class="utrecht-paragraph">{t('admin.landing.linksHelp', { count: maxExternalLinks })}</p>
          {rows.map((index) => (
            <Fieldset key={index} legend={t('admin.landing.link', { number: index + 1 })}>
              <TextField name={`linkLabel${index}`} label={t('admin.landing.linkLabel')} values={values} errors={errors} maxLength={200} autocomplete="off" />
              <TextField
                name={`linkUrl${index}`}
                type="url"
                label={t('admin.landing.linkUrl')}
                description={t('admin.landing.linkUrlHelp')}
                values={values}
                errors={errors}
                maxLength={500}
                autocomplete="off"
              />
            </Fieldset>
          ))}
        </Fieldset>
      </Form>
    </AdminPage>
  );
}
