/** What the figures' back office records in the audit trail. */
export const figuresAuditActions = [
  'figures.settings_updated',
  'figures.publication_created',
  'figures.commentary_saved',
  'figures.published',
  'figures.corrected',
  'figures.unpublished',
] as const;
