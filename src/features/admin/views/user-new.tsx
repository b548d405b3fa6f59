/** Creating a user (profile and one or more roles), and the page that shows a temporary password exactly once. */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import { languageNames, languages } from '../../../platform/i18n/languages.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { CheckboxField, Fieldset, Form, SelectField, TextField } from '../../../ui/form.tsx';
import { AdminPage, BackLink, OneTimeSecret } from './admin-page.tsx';
import { EntityActorFields, HandlerFunctionField, type RoleChoices } from './role-fields.tsx';

interface FormProps {
  ctx: ViewContext;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

/** Name, e-mail and language: shared by the new-user form and the edit form. */
export function ProfileFields({ ctx, values, errors }: FormProps) {
  const { t } = ctx;
  return (
    <>
      <TextField name="displayName" label={t('admin.user.displayName')} values={values} errors={errors} autocomplete="off" maxLength={200} />
      <TextField name="email" type="email" label={t('admin.user.email')} values={values} errors={errors} autocomplete="off" maxLength={320} />
      <SelectField
        name="language"
        label={t('admin.user.language')}
        values={values}
        errors={errors}
        options={languages.map((l) => ({ value: l, label: languageNames[l] }))}
      />
    </>
  );
}

export function NewUserPage({ ctx, values, errors, choices }: FormProps & { choices: RoleChoices }) {
  const { t } = ctx;
  return (
    <AdminPage ctx={ctx} section="users" title={t('admin.userNew.title')} intro={t('admin.userNew.intro')}>
      <Form ctx={ctx} action="/admin/users" submitLabel={t('admin.userNew.submit')} errors={errors}>
        <ProfileFields ctx={ctx} values={values ?? { language: ctx.lang }} errors={errors} />
        <Fieldset legend={t('admin.user.roles')} name="roles" errors={errors} description={t('admin.user.rolesHelp')}>
          <CheckboxField name="role_administrator" label={t('role.administrator')} values={values} />
          <CheckboxField name="role_integrity_coordinator" label={t('role.integrity_coordinator')} values={values} />
          <CheckboxField name="role_bureau_member" label={t('role.bureau_member')} values={values} />
          <Fieldset legend={t('role.case_handler')}>
            <CheckboxField name="role_case_handler" label={t('admin.userNew.asCaseHandler')} values={values} />
            <HandlerFunctionField ctx={ctx} choices={choices} values={values} errors={errors} />
          </Fieldset>
          <Fieldset legend={t('role.entity_actor')}>
            <CheckboxField name="role_entity_actor" label={t('admin.userNew.asEntityActor')} values={values} />
            <EntityActorFields ctx={ctx} choices={choices} values={values} errors={errors} />
          </Fieldset>
        </Fieldset>
      </Form>
      <BackLink href="/admin/users" label={t('form.cancel')} />
    </AdminPage>
  );
}

interface TemporaryPasswordProps {
  ctx: ViewContext;
  title: string;
  intro: string;
  userId: string;
  password: string;
}

/** Rendered as the answer to the POST itself (never after a redirect), so the password is on no URL and in no log. */
export function TemporaryPasswordPage({ ctx, title, intro, userId, password }: TemporaryPasswordProps) {
  const { t } = ctx;
  return (
    <AdminPage ctx={ctx} section="users" title={title}>
      <p class="utrecht-paragraph">{intro}</p>
      <OneTimeSecret label={t('admin.temporaryPassword.label')} value={password} />
      <p class="utrecht-paragraph">{t('admin.temporaryPassword.once')}</p>
      <ul class="utrecht-unordered-list">
        <li>
          <a class="utrecht-link" href={`/admin/users/${userId}`}>
            {t('admin.temporaryPassword.toUser')}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href="/admin/users/new">
            {t('admin.temporaryPassword.another')}
          </a>
        </li>
      </ul>
    </AdminPage>
  );
}
