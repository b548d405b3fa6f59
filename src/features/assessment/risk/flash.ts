/** Notices carried across a redirect as a name in the query, looked up in a fixed list (never text from the URL). */
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

export function noticeFrom(query: unknown): MessageKey | undefined {
  const { notice } = (query ?? {}) as Record<string, unknown>;
  return typeof notice === 'string' && Object.hasOwn(notices, notice) ? notices[notice as NoticeName] : undefined;
}
