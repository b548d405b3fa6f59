/**
 * The registry of audit actions: each feature lists the actions it records (its audit-actions.ts), and they
 * are assembled here, so the audit trail (src/platform/audit/audit.ts) type-checks every recorded action
 * without naming a feature. A new action is added to its feature's list; nothing in platform/ changes.
 */
import { commandAuditActions } from './cli/audit-actions.ts';
import { accountAuditActions } from './features/account/audit-actions.ts';
import { adminAuditActions } from './features/admin/audit-actions.ts';
import { assessmentAuditActions } from './features/assessment/audit-actions.ts';
import { caseAuditActions } from './features/cases/audit-actions.ts';
import { figuresAuditActions } from './features/figures/audit-actions.ts';
import { setupAuditActions } from './features/setup/audit-actions.ts';

/** Every action the audit trail may hold, by the feature that records it. */
export const auditActionsByFeature = {
  setup: setupAuditActions,
  account: accountAuditActions,
  admin: adminAuditActions,
  cases: caseAuditActions,
  assessment: assessmentAuditActions,
  figures: figuresAuditActions,
  command: commandAuditActions,
} as const;

type RegisteredAuditAction = (typeof auditActionsByFeature)[keyof typeof auditActionsByFeature][number];

declare module './platform/audit/audit.ts' {
  interface AuditActionRegistry {
    action: RegisteredAuditAction;
  }
}

export const auditActions: readonly RegisteredAuditAction[] = Object.values(auditActionsByFeature).flat();
