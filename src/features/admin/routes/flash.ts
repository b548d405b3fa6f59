/** Notices and refusals carried across a redirect as a name in the query, looked up in a fixed list (never text from the URL). */
import { noticeName, query } from '../../../platform/http/route-schemas.ts';
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

const noticeNames = Object.keys(notices) as [NoticeName, ...NoticeName[]];
const problemNames = Object.keys(problems) as [ProblemName, ...ProblemName[]];

/** The query of a back-office page that may show a flash after a redirect; unknown names are ignored. */
export const flashQuery = query({ notice: noticeName(noticeNames), problem: noticeName(problemNames) });

/** The flash a page's query asks for; the admin plugin checks every query against flashQuery before the handler. */
export function flashFrom(checkedQuery: unknown): Flash | undefined {
  const asked = flashQuery.parse(checkedQuery);
  if (asked.problem) return { kind: 'problem', messageKey: problems[asked.problem] };
  if (asked.notice) return { kind: 'notice', messageKey: notices[asked.notice] };
  return undefined;
}
