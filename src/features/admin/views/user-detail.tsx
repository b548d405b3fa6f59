/** One user: edit their profile, grant and revoke roles, and the account actions (disable, reset password, reset two-factor). */
import { roles } from '../../../platform/auth/roles.ts';
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Form, SelectField } from '../../../ui/form.tsx';
import type { UserSummary } from '../queries.ts';
import { AdminPage, type Flash } from './admin-page.tsx';
import { EntityActorFields, HandlerFunctionField, type RoleChoices } from './role-fields.tsx';
import { roleLabel } from './role-label.ts';
import { ProfileFields } from './user-new.tsx';
import { statusText } from './users-list.tsx';
import type { AccountActions } from '../policy.ts';

interface UserDetailProps {
  ctx: ViewContext;
  user: UserSummary;
  /** What the policy lets the administrator do to this account (policy.ts accountActions). */
  may: AccountActions;
  choices: RoleChoices;
  flash?: Flash | undefined;
  /** Typed values and errors of whichever form was sent back: 'profile' or 'grant'. */
  form?: { name: 'profile' | 'grant'; values: FormValues; errors: FieldErrors } | undefined;
}

export function UserDetailPage({ ctx, user, may, choices, flash, form }: UserDetailProps) {
  const { t } = ctx;
  const base = `/admin/users/${user.id}`;
  const profileValues = form?.name === 'profile' ? form.values : { displayName: user.displayName, email: user.email, language: user.language };
  const grant = form?.name === 'grant' ? form : undefined;
  return (
    <AdminPage ctx={ctx} section="users" title={user.displayName} intro={`${user.email} · ${statusText(ctx, user)}`} flash={flash}>
      <section aria-labelledby="profile-heading">
        <h2 class="utrecht-heading-2" id="profile-heading">
          {t('admin.userDetail.profile')}
        </h2>
        <Form ctx={ctx} action={base} submitLabel={t('form.save')} errors={form?.name === 'profile' ? form.errors : undefined}>
          <ProfileFields ctx={ctx} values={profileValues} errors={form?.name === 'profile' ? form.errors : undefined} />
        </Form>
      </section>

      <section aria-labelledby="roles-heading">
        <h2 class="utrecht-heading-2" id="roles-heading">
          {t('admin.user.roles')}
        </h2>
        {user.roles.length === 0 ? (
          <p class="utrecht-paragraph">{t('admin.user.noRoles')}</p>
        ) : (
          <div class="ib-table-wrap">
            <table class="utrecht-table ib-table-form">
              <caption class="utrecht-table__caption">{t('admin.userDetail.rolesCaption', { name: user.displayName })}</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th scope="col" class="utrecht-table__header-cell">
                    {t('admin.userDetail.role')}
                  </th>
                  <th scope="col" class="utrecht-table__header-cell">
                    {t('admin.userDetail.action')}
                  </th>
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {user.roles.map((held) => (
                  <tr class="utrecht-table__row" key={held.grantId}>
                    <th scope="row" class="utrecht-table__header-cell">
                      {roleLabel(ctx, held, choices.handlerFunctions)}
                    </th>
                    <td class="utrecht-table__cell">
                      {!may.revoke(held.role) ? (
                        t('admin.userDetail.ownAdministratorRole')
                      ) : (
                        <Form ctx={ctx} action={`${base}/roles/${held.grantId}/revoke`} submitLabel={t('admin.userDetail.revoke')}>
                          {null}
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3 class="utrecht-heading-3">{t('admin.userDetail.grant')}</h3>
        <Form ctx={ctx} action={`${base}/roles`} submitLabel={t('admin.userDetail.grantSubmit')} errors={grant?.errors}>
          <SelectField
            name="role"
            label={t('admin.userDetail.role')}
            values={grant?.values}
            errors={grant?.errors}
            options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          />
          <p class="utrecht-paragraph">{t('admin.userDetail.grantHelp')}</p>
          <HandlerFunctionField ctx={ctx} choices={choices} values={grant?.values} errors={grant?.errors} />
          <EntityActorFields ctx={ctx} choices={choices} values={grant?.values} errors={grant?.errors} />
        </Form>
      </section>

      <section aria-labelledby="account-heading">
        <h2 class="utrecht-heading-2" id="account-heading">
          {t('admin.userDetail.account')}
        </h2>
        <p class="utrecht-paragraph">{user.twoFactorEnabled ? t('admin.userDetail.twoFactorOn') : t('admin.userDetail.twoFactorOff')}</p>
        {!may.disable && !may.resetPassword && !may.resetTwoFactor ? (
          <p class="utrecht-paragraph">{t('admin.userDetail.self')}</p>
        ) : (
          <ul class="utrecht-unordered-list">
            {user.disabled || !may.disable ? null : (
              <li>
                <a class="utrecht-link" href={`${base}/disable`}>
                  {t('admin.userDetail.disable')}
                </a>
              </li>
            )}
            {may.resetPassword ? (
              <li>
                <a class="utrecht-link" href={`${base}/reset-password`}>
                  {t('admin.userDetail.resetPassword')}
                </a>
              </li>
            ) : null}
            {user.twoFactorEnabled && may.resetTwoFactor ? (
              <li>
                <a class="utrecht-link" href={`${base}/reset-two-factor`}>
                  {t('admin.userDetail.resetTwoFactor')}
                </a>
              </li>
            ) : null}
          </ul>
        )}
        {user.disabled ? (
          <Form ctx={ctx} action={`${base}/enable`} submitLabel={t('admin.userDetail.enable')}>
            <p class="utrecht-paragraph">{t('admin.userDetail.disabled')}</p>
          </Form>
        ) : null}
      </section>
    </AdminPage>
  );
}
