/** Notices carried across a redirect as a name in the query, looked up in a fixed list (never text from the URL). */
import { noticeName, query } from '../../../platform/http/route-schemas.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';

const notices = {
  started: 'risk.notice.started',
  processAdded: 'risk.notice.processAdded',
  processUpdated: 'risk.notice.processUpdated',
  processRemoved: 'risk.notice.processRemoved',
  ratingsSaved: 'risk.notice.ratingsSaved',
  completed: 'risk.notice.completed',
  modelImported: 'risk.notice.modelImported',
} as const satisfies Record<string, MessageKey>;

export type NoticeName = keyof typeof notices;

export const withNotice = (path: string, name: NoticeName) => `${path}?notice=${name}`;

/** The query of a risk-analysis page: a notice after a redirect, or nothing; unknown names are ignored. */
export const noticeQuery = query({ notice: noticeName(Object.keys(notices) as [NoticeName, ...NoticeName[]]) });

/** The notice a page's query asks for; the plugin checks every query against noticeQuery before the handler. */
export function noticeFrom(checkedQuery: unknown): MessageKey | undefined {
  const { notice } = noticeQuery.parse(checkedQuery);
  return notice ? notices[notice] : undefined;
}
