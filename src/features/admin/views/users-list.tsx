/** The list of users: a search by name or e-mail, and a table with their roles and status. */
import type { ViewContext } from '../../../ui/context.ts';
import type { HandlerFunctionSummary, UserSummary } from '../queries.ts';
import { AdminPage, type Flash } from './admin-page.tsx';
import { roleLabel } from './role-label.ts';

interface UsersPageProps {
  ctx: ViewContext;
  users: UserSummary[];
  search: string;
  limit: number;
  handlerFunctions: HandlerFunctionSummary[];
  flash?: Flash | undefined;
}

export function UsersPage({ ctx, users, search, limit, handlerFunctions, flash }: UsersPageProps) {
  const { t } = ctx;
  return (
    <AdminPage ctx={ctx} section="users" title={t('admin.users.title')} intro={t('admin.users.intro')} flash={flash}>
      <p class="utrecht-paragraph">
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/admin/users/new">
          {t('admin.users.new')}
        </a>
      </p>
      <form method="get" action="/admin/users" class="ib-form" role="search">
        <div class="utrecht-form-field utrecht-form-field--text">
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label" for="field-q">
              {t('admin.users.search')}
            </label>
          </div>
          <div class="utrecht-form-field__input">
            <input class="utrecht-textbox utrecht-textbox--html-input" id="field-q" name="q" type="search" value={search} maxLength={200} />
          </div>
        </div>
        <div class="utrecht-button-group">
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('admin.users.searchSubmit')}
          </button>
        </div>
      </form>
      {users.length === 0 ? (
        <p class="utrecht-paragraph">{t('admin.users.none')}</p>
      ) : (
        <div class="ib-table-wrap">
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">{search ? t('admin.users.captionSearch', { search }) : t('admin.users.caption')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.user.displayName')}
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.user.email')}
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.user.roles')}
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.user.status')}
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {users.map((user) => (
                <tr class="utrecht-table__row" key={user.id}>
                  <th scope="row" class="utrecht-table__header-cell">
                    <a class="utrecht-link" href={`/admin/users/${user.id}`}>
                      {user.displayName}
                    </a>
                  </th>
                  <td class="utrecht-table__cell">{user.email}</td>
                  <td class="utrecht-table__cell">
                    {user.roles.length === 0 ? (
                      t('admin.user.noRoles')
                    ) : (
                      <ul class="utrecht-unordered-list">
                        {user.roles.map((grant) => (
                          <li key={grant.grantId}>{roleLabel(ctx, grant, handlerFunctions)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td class="utrecht-table__cell">{statusText(ctx, user)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {users.length >= limit ? <p class="utrecht-paragraph">{t('admin.users.limited', { count: limit })}</p> : null}
    </AdminPage>
  );
}

export function statusText(ctx: ViewContext, user: UserSummary): string {
  const { t } = ctx;
  const parts = [user.disabled ? t('admin.user.statusDisabled') : t('admin.user.statusActive')];
  if (user.mustChangePassword) parts.push(t('admin.user.statusMustChange'));
  if (user.twoFactorEnabled) parts.push(t('admin.user.statusTwoFactor'));
  return parts.join(' · ');
}
