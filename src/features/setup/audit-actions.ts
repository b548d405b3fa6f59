/** What the first-run setup records in the audit trail. */
export const setupAuditActions = [
  'installation.setup',
] as const;
