/** What the self-assessment and the risk analysis record in the audit trail. */
export const assessmentAuditActions = [
  'risk_analysis.started',
  'risk_analysis.completed',
  'risk_model.imported',
  'assessment.model_imported',
  'assessment.started',
  'assessment.participant_invited',
  'assessment.link_created',
  'assessment.consensus_recorded',
  'assessment.closed',
  'assessment.action_created',
  'assessment.action_updated',
] as const;
