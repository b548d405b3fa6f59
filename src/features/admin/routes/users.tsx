/** Routes for users: list and search, create (temporary password shown once), edit, roles, and the account actions. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { viewContext } from '../../../platform/http/request-context.ts';
import type { Translate } from '../../../platform/i18n/translate.ts';
import { render } from '../../../ui/render.tsx';
import { grantForm, grantOf, grantsOfNewUser, newUserForm, profileForm } from '../form-schemas.ts';
import {
  createUser,
  disableUser,
  enableUser,
  entityOutline,
  getUser,
  grantRole,
  listHandlerFunctions,
  listUsers,
  resetPassword,
  resetTwoFactor,
  revokeRole,
  updateUser,
  userListLimit,
  type CreateUserResult,
  type GrantRoleResult,
} from '../service.ts';
import { ConfirmPage } from '../views/confirm.tsx';
import type { RoleChoices } from '../views/role-fields.tsx';
import { UserDetailPage } from '../views/user-detail.tsx';
import { NewUserPage, TemporaryPasswordPage } from '../views/user-new.tsx';
import { UsersPage } from '../views/users-list.tsx';
import { flashFrom, flashQuery, withNotice, withProblem } from './flash.ts';
import { actorOf, grantParams, idParams } from './params.ts';
import { actorOf as policyActor } from '../../../platform/auth/policy.ts';
import { accountActions, can } from '../policy.ts';
import { optionalText, type RoutedApp } from '../../../platform/http/route-schemas.ts';

type Refusal = Exclude<CreateUserResult, { ok: true }>['reason'] | Exclude<GrantRoleResult, { ok: true }>['reason'];

/** Which field a refused command's reason belongs beside, in words. */
function fieldErrorFor(reason: Refusal, t: Translate): FieldErrors {
  switch (reason) {
    case 'email_taken':
      return { email: t('admin.user.emailTaken') };
    case 'invalid_email':
      return { email: t('form.invalidEmail') };
    case 'no_roles':
      return { roles: t('admin.user.noRoles') };
    case 'unknown_handler_function':
      return { handlerFunction: t('form.invalidChoice') };
    case 'unknown_actor_function':
      return { actorFunction: t('form.invalidChoice') };
    case 'unknown_entity':
      return { entityId: t('form.invalidChoice') };
    case 'already_granted':
      return { role: t('admin.user.alreadyGranted') };
    case 'user_not_found':
      throw new HttpError(404);
  }
}

export async function userRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  async function roleChoices(): Promise<RoleChoices> {
    return { handlerFunctions: await listHandlerFunctions(db), entities: await entityOutline(db) };
  }

  async function detailPage(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    form?: { name: 'profile' | 'grant'; values: FormValues; errors: FieldErrors },
    status = 200,
  ) {
    const user = await getUser(db, userId);
    if (!user) throw new HttpError(404);
    const ctx = viewContext(request, reply);
    const page = <UserDetailPage ctx={ctx} user={user} may={accountActions(policyActor(request), user.id)} choices={await roleChoices()} flash={flashFrom(request.query)} form={form} />;
    return render(reply, page, status);
  }

  async function userOr404(userId: string) {
    const user = await getUser(db, userId);
    if (!user) throw new HttpError(404);
    return user;
  }

  app.get('/users', { schema: { querystring: flashQuery.extend({ q: optionalText }) } }, async (request, reply) => {
    const search = (request.query.q ?? '').trim().slice(0, 200);
    const users = await listUsers(db, { search });
    const ctx = viewContext(request, reply);
    const functions = await listHandlerFunctions(db);
    return render(reply, <UsersPage ctx={ctx} users={users} search={search} limit={userListLimit} handlerFunctions={functions} flash={flashFrom(request.query)} />);
  });

  app.get('/users/new', async (request, reply) => render(reply, <NewUserPage ctx={viewContext(request, reply)} choices={await roleChoices()} />));

  app.post('/users', async (request, reply) => {
    const ctx = viewContext(request, reply);
    const form = parseForm(newUserForm, request.body, request.t);
    if (!form.ok) return render(reply, <NewUserPage ctx={ctx} values={form.values} errors={form.errors} choices={await roleChoices()} />, 400);
    const { displayName, email, language } = form.data;
    const result = await createUser(db, actorOf(request), { displayName, email, language, roles: grantsOfNewUser(form.data) });
    if (!result.ok) {
      const status = result.reason === 'email_taken' ? 409 : 400;
      return render(reply, <NewUserPage ctx={ctx} values={form.values} errors={fieldErrorFor(result.reason, request.t)} choices={await roleChoices()} />, status);
    }
    const page = (
      <TemporaryPasswordPage
        ctx={ctx}
        title={request.t('admin.userCreated.title')}
        intro={request.t('admin.userCreated.intro', { name: displayName, email: email.toLowerCase() })}
        userId={result.userId}
        password={result.temporaryPassword}
      />
    );
    return render(reply, page, 201);
  });

  app.get('/users/:id', { schema: { params: idParams } }, async (request, reply) => detailPage(request, reply, request.params.id));

  app.post('/users/:id', { schema: { params: idParams } }, async (request, reply) => {
    const userId = request.params.id;
    const form = parseForm(profileForm, request.body, request.t);
    if (!form.ok) return detailPage(request, reply, userId, { name: 'profile', values: form.values, errors: form.errors }, 400);
    const result = await updateUser(db, actorOf(request), userId, form.data);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new HttpError(404);
      const errors = result.reason === 'email_taken' ? { email: request.t('admin.user.emailTaken') } : { email: request.t('form.invalidEmail') };
      return detailPage(request, reply, userId, { name: 'profile', values: form.values, errors }, result.reason === 'email_taken' ? 409 : 400);
    }
    return reply.redirect(withNotice(`/admin/users/${userId}`, 'userUpdated'), 303);
  });

  app.post('/users/:id/roles', { schema: { params: idParams } }, async (request, reply) => {
    const userId = request.params.id;
    const form = parseForm(grantForm, request.body, request.t);
    if (!form.ok) return detailPage(request, reply, userId, { name: 'grant', values: form.values, errors: form.errors }, 400);
    const result = await grantRole(db, actorOf(request), userId, grantOf(form.data));
    if (!result.ok) return detailPage(request, reply, userId, { name: 'grant', values: form.values, errors: fieldErrorFor(result.reason, request.t) }, 400);
    return reply.redirect(withNotice(`/admin/users/${userId}`, 'roleGranted'), 303);
  });

  app.post('/users/:id/roles/:grantId/revoke', { schema: { params: grantParams } }, async (request, reply) => {
    const { id: userId, grantId } = request.params;
    await userOr404(userId);
    const result = await revokeRole(db, actorOf(request), userId, grantId);
    const back = `/admin/users/${userId}`;
    if (!result.ok) return reply.redirect(withProblem(back, result.reason === 'self_demotion' ? 'selfDemotion' : 'roleGone'), 303);
    return reply.redirect(withNotice(back, 'roleRevoked'), 303);
  });

  // Disabling, resetting a password and resetting two-factor each ask "are you sure?" first.

  app.get('/users/:id/disable', { schema: { params: idParams } }, async (request, reply) => {
    const user = await userOr404(request.params.id);
    if (!can(policyActor(request), 'disable_user', { userId: user.id }).allowed) return reply.redirect(withProblem(`/admin/users/${user.id}`, 'selfDisable'), 303);
    const { t } = request;
    return render(
      reply,
      <ConfirmPage
        ctx={viewContext(request, reply)}
        section="users"
        title={t('admin.confirmDisable.title', { name: user.displayName })}
        body={t('admin.confirmDisable.body', { name: user.displayName })}
        action={`/admin/users/${user.id}/disable`}
        submitLabel={t('admin.confirmDisable.submit')}
        cancelHref={`/admin/users/${user.id}`}
      />,
    );
  });

  app.post('/users/:id/disable', { schema: { params: idParams } }, async (request, reply) => {
    const userId = request.params.id;
    if (!can(policyActor(request), 'disable_user', { userId }).allowed) return reply.redirect(withProblem(`/admin/users/${userId}`, 'selfDisable'), 303);
    const result = await disableUser(db, actorOf(request), userId);
    if (!result.ok && result.reason === 'not_found') throw new HttpError(404);
    if (!result.ok) return reply.redirect(withProblem(`/admin/users/${userId}`, 'selfDisable'), 303);
    return reply.redirect(withNotice(`/admin/users/${userId}`, 'userDisabled'), 303);
  });

  app.post('/users/:id/enable', { schema: { params: idParams } }, async (request, reply) => {
    const userId = request.params.id;
    const result = await enableUser(db, actorOf(request), userId);
    if (!result.ok) throw new HttpError(404);
    return reply.redirect(withNotice(`/admin/users/${userId}`, 'userEnabled'), 303);
  });

  app.get('/users/:id/reset-password', { schema: { params: idParams } }, async (request, reply) => {
    const user = await userOr404(request.params.id);
    if (!can(policyActor(request), 'reset_password', { userId: user.id }).allowed) return reply.redirect(withProblem(`/admin/users/${user.id}`, 'selfReset'), 303);
    const { t } = request;
    return render(
      reply,
      <ConfirmPage
        ctx={viewContext(request, reply)}
        section="users"
        title={t('admin.confirmResetPassword.title', { name: user.displayName })}
        body={t('admin.confirmResetPassword.body', { name: user.displayName })}
        action={`/admin/users/${user.id}/reset-password`}
        submitLabel={t('admin.confirmResetPassword.submit')}
        cancelHref={`/admin/users/${user.id}`}
      />,
    );
  });

  app.post('/users/:id/reset-password', { schema: { params: idParams } }, async (request, reply) => {
    const user = await userOr404(request.params.id);
    if (!can(policyActor(request), 'reset_password', { userId: user.id }).allowed) return reply.redirect(withProblem(`/admin/users/${user.id}`, 'selfReset'), 303);
    const result = await resetPassword(db, actorOf(request), user.id);
    if (!result.ok) return reply.redirect(withProblem(`/admin/users/${user.id}`, 'selfReset'), 303);
    const { t } = request;
    return render(
      reply,
      <TemporaryPasswordPage
        ctx={viewContext(request, reply)}
        title={t('admin.passwordReset.title')}
        intro={t('admin.passwordReset.intro', { name: user.displayName })}
        userId={user.id}
        password={result.temporaryPassword}
      />,
    );
  });

  app.get('/users/:id/reset-two-factor', { schema: { params: idParams } }, async (request, reply) => {
    const user = await userOr404(request.params.id);
    if (!can(policyActor(request), 'reset_two_factor', { userId: user.id }).allowed) return reply.redirect(withProblem(`/admin/users/${user.id}`, 'selfReset'), 303);
    const { t } = request;
    return render(
      reply,
      <ConfirmPage
        ctx={viewContext(request, reply)}
        section="users"
        title={t('admin.confirmResetTwoFactor.title', { name: user.displayName })}
        body={t('admin.confirmResetTwoFactor.body', { name: user.displayName })}
        action={`/admin/users/${user.id}/reset-two-factor`}
        submitLabel={t('admin.confirmResetTwoFactor.submit')}
        cancelHref={`/admin/users/${user.id}`}
      />,
    );
  });

  app.post('/users/:id/reset-two-factor', { schema: { params: idParams } }, async (request, reply) => {
    const userId = request.params.id;
    if (!can(policyActor(request), 'reset_two_factor', { userId }).allowed) return reply.redirect(withProblem(`/admin/users/${userId}`, 'selfReset'), 303);
    const result = await resetTwoFactor(db, actorOf(request), userId);
    if (!result.ok && result.reason === 'not_found') throw new HttpError(404);
    if (!result.ok) return reply.redirect(withProblem(`/admin/users/${userId}`, 'selfReset'), 303);
    return reply.redirect(withNotice(`/admin/users/${userId}`, 'twoFactorReset'), 303);
  });
}
