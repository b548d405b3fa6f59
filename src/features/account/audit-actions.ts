/** What signing in and a person's own account record in the audit trail. */
export const accountAuditActions = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.second_factor_failed',
  'auth.locked',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  'auth.two_factor_enabled',
  'auth.recovery_code_used',
  'auth.recovery_codes_renewed',
  'auth.password_changed',
  'auth.unlock_passphrase_set',
] as const;
