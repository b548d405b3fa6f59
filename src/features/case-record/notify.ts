/**
 * E-mail telling a case's handlers that something arrived: a report or a registration routed to them, a
 * reporter's message, or the reporter's answer to the record of a conversation. In each handler's own
 * language, with the reference only, never content (a mailbox is not the place for it). Sent after the
 * response, so a slow or failing mail server never delays or fails the request that caused it.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { users } from '../../platform/db/schema.ts';
import { isLanguage } from '../../platform/i18n/languages.ts';
import { translator } from '../../platform/i18n/translate.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { cases } from './schema.ts';

export type CaseNotice = 'routed' | 'reporterMessage' | 'recordAnswered';

const texts = {
  routed: ['intake.mailSubject', 'intake.mailBody'],
  reporterMessage: ['intake.replyMailSubject', 'intake.replyMailBody'],
  recordAnswered: ['intake.recordMailSubject', 'intake.recordMailBody'],
} as const;

export interface NotifyParts {
  db: Db;
  mailer: Mailer;
  log: { error(details: object, message: string): void };
}

/** Mails the given handlers about the case with this reference; a disabled account gets nothing. */
export function notifyHandlers(parts: NotifyParts, userIds: readonly string[], reference: string, notice: CaseNotice): void {
  if (userIds.length === 0) return;
  const [subject, body] = texts[notice];
  void (async () => {
    const recipients = await parts.db.select({ email: users.email, language: users.language }).from(users).where(and(inArray(users.id, [...userIds]), isNull(users.disabledAt)));
    for (const recipient of recipients) {
      const t = translator(isLanguage(recipient.language) ? recipient.language : 'nl');
      await parts.mailer.send({ to: recipient.email, subject: t(subject), text: t(body, { reference }) });
    }
  })().catch((error: unknown) => parts.log.error({ err: error }, 'handler notification failed'));
}

/** Mails everyone who holds the case's key (the reporter's own seal aside, as `cases.key_holders` leaves it out). */
export async function notifyKeyHolders(parts: NotifyParts, caseId: string, notice: CaseNotice): Promise<void> {
  const [found] = await parts.db.select({ reference: cases.reference, holders: cases.keyHolders }).from(cases).where(eq(cases.id, caseId));
  if (found) notifyHandlers(parts, found.holders, found.reference, notice);
}
