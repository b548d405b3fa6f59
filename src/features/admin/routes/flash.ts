/** Notices and refusals carried across a redirect as a name in the query, looked up in a fixed list (never text from the URL). */
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { Flash } from '../views/admin-page.tsx';

const notices = {
  userUpdated: 'admin.notice.userUpdated',
  roleGranted: 'admin.notice.roleGranted',
  roleRevoked: 'admin.notice.roleRevoked',
  userDisabled: 'admin.notice.userDisabled',
  userEnabled: 'admin.notice.userEnabled',
  twoFactorReset: 'admin.notice.twoFactorReset',
  entityCreated: 'admin.notice.entityCreated',
  entityUpdated: 'admin.notice.entityUpdated',
  entityMoved: 'admin.notice.entityMoved',
  entityDeleted: 'admin.notice.entityDeleted',
  handlerFunctionAdded: 'admin.notice.handlerFunctionAdded',
  ruleCreated: 'admin.notice.ruleCreated',
  ruleUpdated: 'admin.notice.ruleUpdated',
  ruleDeleted: 'admin.notice.ruleDeleted',
  landingSaved: 'admin.notice.landingSaved',
  taxonomySaved: 'admin.notice.taxonomySaved',
  taxonomyReset: 'admin.notice.taxonomyReset',
} as const satisfies Record<string, MessageKey>;

const problems = {
  selfDemotion: 'admin.problem.selfDemotion',
  selfDisable: 'admin.problem.selfDisable',
  selfReset: 'admin.problem.selfReset',
  roleGone: 'admin.problem.roleGone',
} as const satisfies Record<string, MessageKey>;

export type NoticeName = keyof typeof notices;
export type ProblemName = keyof typeof problems;

export function withNotice(path: string, name: NoticeName): string {
  return `${path}?notice=${name}`;
}

export function withProblem(path: string, name: ProblemName): string {
  return `${path}?problem=${name}`;
}

export function flashFrom(query: unknown): Flash | undefined {
  const { notice, problem } = (query ?? {}) as Record<string, unknown>;
  if (typeof problem === 'string' && Object.hasOwn(problems, problem)) return { kind: 'problem', messageKey: problems[problem as ProblemName] };
  if (typeof notice === 'string' && Object.hasOwn(notices, notice)) return { kind: 'notice', messageKey: notices[notice as NoticeName] };
  return undefined;
}
