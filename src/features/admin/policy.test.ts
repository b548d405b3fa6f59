import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/policy.ts';
import type { RoleGrant } from '../../platform/auth/roles.ts';
import { accountActions, can, type AccountSubject, type AdminAction, type Why } from './policy.ts';

const grant = (role: RoleGrant['role']): RoleGrant => ({ role, handlerFunction: role === 'case_handler' ? 'confidential_counsellor' : null, actorFunction: null, entityId: null });
const actor = (userId: string, ...grants: RoleGrant[]): Actor => ({ userId, grants });

const administrator = actor('admin', grant('administrator'));
const adminWhoHandles = actor('admin-handler', grant('administrator'), grant('case_handler'));
const coordinator = actor('coordinator', grant('integrity_coordinator'));
const handler = actor('handler', grant('case_handler'));
const colleague: AccountSubject = { userId: 'someone-else' };
const self: AccountSubject = { userId: 'admin' };

type Row = [string, Actor | undefined, AdminAction, AccountSubject | undefined, boolean, Why];

describe('who may do what in the administrators’ back office', () => {
  it.each<Row>([
    ['an administrator opens the back office', administrator, 'administer', undefined, true, 'administrator'],
    ['an administrator who also handles cases opens it too', adminWhoHandles, 'administer', undefined, true, 'administrator'],
    ['the integrity coordinator does not administer the system', coordinator, 'administer', undefined, false, 'not_administrator'],
    ['a case handler does not', handler, 'administer', undefined, false, 'not_administrator'],
    ['nobody signed in does not', undefined, 'administer', undefined, false, 'not_signed_in'],
    ['an administrator disables a colleague’s account', administrator, 'disable_user', colleague, true, 'administrator'],
    ['an administrator never disables their own account (they would be locked out)', administrator, 'disable_user', self, false, 'own_account'],
    ['an administrator resets a colleague’s password', administrator, 'reset_password', colleague, true, 'administrator'],
    ['an administrator resets their own password on the account page, not here', administrator, 'reset_password', self, false, 'own_account'],
    ['an administrator resets a colleague’s second factor', administrator, 'reset_two_factor', colleague, true, 'administrator'],
    ['an administrator does not reset their own second factor here', administrator, 'reset_two_factor', self, false, 'own_account'],
    ['an administrator revokes a colleague’s administrator role', administrator, 'revoke_role', { userId: 'someone-else', role: 'administrator' }, true, 'administrator'],
    ['an administrator revokes another of their own roles', adminWhoHandles, 'revoke_role', { userId: 'admin-handler', role: 'case_handler' }, true, 'administrator'],
    ['an administrator never revokes their own administrator role', administrator, 'revoke_role', { userId: 'admin', role: 'administrator' }, false, 'own_administrator_role'],
    ['a coordinator revokes nobody’s role', coordinator, 'revoke_role', { userId: 'someone-else', role: 'case_handler' }, false, 'not_administrator'],
  ])('%s', (_name, who, action, subject, allowed, why) => {
    expect(can(who, action, subject)).toEqual({ allowed, why });
  });

  it('offers on a user’s page only what the policy allows', () => {
    const onOwnPage = accountActions(administrator, 'admin');
    expect([onOwnPage.disable, onOwnPage.resetPassword, onOwnPage.resetTwoFactor, onOwnPage.revoke('administrator'), onOwnPage.revoke('bureau_member')]).toEqual([false, false, false, false, true]);
    const onColleague = accountActions(administrator, 'someone-else');
    expect([onColleague.disable, onColleague.resetPassword, onColleague.resetTwoFactor, onColleague.revoke('administrator')]).toEqual([true, true, true, true]);
  });
});
