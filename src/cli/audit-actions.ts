/** What the bureau command records in the audit trail itself (a restore, whose trail is the restored one). */
export const commandAuditActions = [
  'backup.restored',
] as const;
