/**
 * The registry of what a signed-in person's navigation offers, asked of each feature's policy.ts so a page
 * never links to what its policy refuses; app.ts hands it to platform/http/request-context.ts.
 */
import type { Actor } from './platform/auth/policy.ts';
import { can as adminCan } from './features/admin/policy.ts';
import { can as assessmentCan } from './features/assessment/policy.ts';
import { caseNavigation, type CaseNavigation } from './features/cases/policy.ts';
import { figuresAccess } from './features/figures/policy.ts';

interface BackOfficeNavigation extends CaseNavigation {
  isAdministrator: boolean;
  /** The figures' back office: publications, policy indicators or an entity's feedback. */
  seesFigures: boolean;
  /** The integrity instruments: the risk analysis and the self-assessment. */
  runsRiskAnalysis: boolean;
}

declare module './platform/http/request-context.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the fields
  interface Navigation extends BackOfficeNavigation {}
}

export function navigationOf(actor: Actor): BackOfficeNavigation {
  const figures = figuresAccess(actor);
  return {
    ...caseNavigation(actor),
    isAdministrator: adminCan(actor, 'administer').allowed,
    seesFigures: figures.managesPublications || figures.readsPolicyIndicators || figures.readsFeedback,
    runsRiskAnalysis: assessmentCan(actor, 'use_instruments').allowed,
  };
}
