/**
 * Who may do what with an account's own settings: only its holder, signed in, and only what fits the
 * account's state — a password is changed where there is one (an OIDC-only account has none), the second
 * factor is enrolled once and its recovery codes renewed once it is on, and an unlock passphrase is
 * chosen only by an OIDC-only holder of a role that needs a key pair (docs/security.md).
 */
import { allow, refuse, type Actor, type Decision } from '../../platform/auth/policy.ts';

export const accountActions = ['view', 'change_password', 'enable_two_factor', 'renew_recovery_codes', 'sign_out_everywhere', 'set_unlock_passphrase'] as const;
export type AccountAction = (typeof accountActions)[number];

/** What the policy needs to know of the account. */
export interface AccountFacts {
  userId: string;
  hasPassword: boolean;
  totpEnabled: boolean;
  /** An OIDC-only account whose roles need a key pair and that has none yet. */
  needsUnlockPassphrase: boolean;
}

export type Why =
  // allowed
  | 'own_account'
  // refused
  | 'not_signed_in'
  | 'not_own_account'
  | 'no_password'
  | 'two_factor_already_on'
  | 'two_factor_off'
  | 'passphrase_not_needed';

/** May `actor` do `action` on the account described by `account`? */
export function can(actor: Actor | undefined, action: AccountAction, account: AccountFacts): Decision<Why> {
  if (!actor) return refuse('not_signed_in');
  // Administrators reset other people's secrets in the back office (admin/policy.ts), never here.
  if (actor.userId !== account.userId) return refuse('not_own_account');
  switch (action) {
    case 'view':
    case 'sign_out_everywhere':
      return allow('own_account');
    case 'change_password':
      return account.hasPassword ? allow('own_account') : refuse('no_password');
    case 'enable_two_factor':
      return account.totpEnabled ? refuse('two_factor_already_on') : allow('own_account');
    case 'renew_recovery_codes':
      return account.totpEnabled ? allow('own_account') : refuse('two_factor_off');
    case 'set_unlock_passphrase':
      return account.needsUnlockPassphrase ? allow('own_account') : refuse('passphrase_not_needed');
    default:
      return assertNever(action);
  }
}

/** What the account page may offer its holder. */
export interface AccountOffers {
  changePassword: boolean;
  enableTwoFactor: boolean;
  renewRecoveryCodes: boolean;
}

export function accountOffers(actor: Actor | undefined, account: AccountFacts): AccountOffers {
  return {
    changePassword: can(actor, 'change_password', account).allowed,
    enableTwoFactor: can(actor, 'enable_two_factor', account).allowed,
    renewRecoveryCodes: can(actor, 'renew_recovery_codes', account).allowed,
  };
}

function assertNever(value: never): never {
  throw new Error(`Unexpected account action: ${String(value)}`);
}
