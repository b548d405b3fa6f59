import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/policy.ts';
import { accountOffers, can, type AccountAction, type AccountFacts, type Why } from './policy.ts';

const an: Actor = { userId: 'an', grants: [{ role: 'bureau_member', handlerFunction: null, actorFunction: null, entityId: null }] };
const administrator: Actor = { userId: 'admin', grants: [{ role: 'administrator', handlerFunction: null, actorFunction: null, entityId: null }] };

/** An's account: with a password and no second factor unless told otherwise. */
const account = (facts: Partial<AccountFacts> = {}): AccountFacts => ({ userId: 'an', hasPassword: true, totpEnabled: false, needsUnlockPassphrase: false, ...facts });

type Row = [string, Actor | undefined, AccountAction, AccountFacts, boolean, Why];

describe('who may do what with an account', () => {
  it.each<Row>([
    ['the holder opens their account page', an, 'view', account(), true, 'own_account'],
    ['nobody signed in opens no account page', undefined, 'view', account(), false, 'not_signed_in'],
    ['an administrator does not open someone else’s account page', administrator, 'view', account(), false, 'not_own_account'],
    ['the holder changes their password', an, 'change_password', account(), true, 'own_account'],
    ['an OIDC-only holder has no password to change', an, 'change_password', account({ hasPassword: false }), false, 'no_password'],
    ['an administrator never changes someone’s password here (the back office resets it)', administrator, 'change_password', account(), false, 'not_own_account'],
    ['the holder turns on the second factor', an, 'enable_two_factor', account(), true, 'own_account'],
    ['the second factor is turned on once', an, 'enable_two_factor', account({ totpEnabled: true }), false, 'two_factor_already_on'],
    ['the holder renews the recovery codes of their second factor', an, 'renew_recovery_codes', account({ totpEnabled: true }), true, 'own_account'],
    ['there are no recovery codes to renew without a second factor', an, 'renew_recovery_codes', account(), false, 'two_factor_off'],
    ['the holder signs out everywhere', an, 'sign_out_everywhere', account(), true, 'own_account'],
    ['nobody signs someone else out everywhere', administrator, 'sign_out_everywhere', account(), false, 'not_own_account'],
    ['an OIDC-only holder whose role needs a key chooses an unlock passphrase', an, 'set_unlock_passphrase', account({ hasPassword: false, needsUnlockPassphrase: true }), true, 'own_account'],
    ['the unlock passphrase is chosen once only', an, 'set_unlock_passphrase', account({ hasPassword: false }), false, 'passphrase_not_needed'],
    ['a holder with a password needs no unlock passphrase', an, 'set_unlock_passphrase', account(), false, 'passphrase_not_needed'],
  ])('%s', (_name, who, action, facts, allowed, why) => {
    expect(can(who, action, facts)).toEqual({ allowed, why });
  });

  it('offers on the account page only what the policy allows', () => {
    expect(accountOffers(an, account())).toEqual({ changePassword: true, enableTwoFactor: true, renewRecoveryCodes: false });
    expect(accountOffers(an, account({ totpEnabled: true, hasPassword: false }))).toEqual({ changePassword: false, enableTwoFactor: false, renewRecoveryCodes: true });
  });
});
