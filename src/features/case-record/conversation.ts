/** The two-way conversation of a case, as the reporter and the handler see it: answers, messages, files. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { encryptForCase, tryDecryptTextForCase, type DataKey } from '../../platform/crypto/envelope.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { brusselsDay } from '../../platform/time/calendar.ts';
import type { ReportAnswers } from './new-case.ts';
import { caseMessages, cases } from './schema.ts';
import { listCaseFiles, moveDraftFilesToCase, type CaseFile } from './attachments/store.ts';

export interface CaseView {
  id: string;
  reference: string;
  kind: string;
  domain: string;
  theme: string;
  entityId: string | null;
  requesterRole: string;
  identityChoice: string;
  wantsMeeting: boolean;
  contactPreference: string;
  status: string;
  receivedOn: string;
  acknowledgementDueOn: string;
  feedbackDueOn: string;
  answers: ReportAnswers;
  /** The report's answers did not decrypt: `answers` is empty and the page says so in their place. */
  answersUndecryptable?: boolean;
  files: CaseFile[];
  /** A message whose body does not decrypt has an empty body and `undecryptable`; the page says so in its place. */
  messages: { id: string; author: 'reporter' | 'handler'; sentOn: string; body: string; undecryptable?: boolean; files: CaseFile[] }[];
  /** The encryption purposes (record kind and id, no content) of the records that did not decrypt, for the log. */
  undecryptable?: string[];
}

const noAnswers: ReportAnswers = { description: '', when: '', where: '', involved: '', name: '', email: '', phone: '' };

export async function loadCaseView(db: Db, caseId: string, dataKey: DataKey): Promise<CaseView | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) return undefined;
  // One record that does not open (damaged, or written under another purpose) must not hide the rest of the case.
  const undecryptable: string[] = [];
  const open = (purpose: string, sealed: Uint8Array): string | null => {
    const text = tryDecryptTextForCase(dataKey, caseId, purpose, sealed);
    if (text === undefined) undecryptable.push(purpose);
    return text ?? null;
  };
  const answersText = open('report.answers', row.content);
  const answers = answersText === null ? noAnswers : ({ ...noAnswers, ...(JSON.parse(answersText) as Partial<ReportAnswers>) } as ReportAnswers);
  const messageRows = await db.select().from(caseMessages).where(eq(caseMessages.caseId, caseId)).orderBy(asc(caseMessages.position));
  const allFiles = await listCaseFiles(db, { caseId, dataKey });
  undecryptable.push(...allFiles.filter((f) => f.undecryptable).map((f) => `file.${f.id}`));
  const messages = messageRows.map((m) => {
    const body = open(`message.${m.id}`, m.body);
    return {
      id: m.id,
      author: m.author as 'reporter' | 'handler',
      sentOn: m.sentOn,
      body: body ?? '',
      undecryptable: body === null,
      files: allFiles.filter((f) => f.messageId === m.id),
    };
  });
  const { content: _content, receiptLookupHash: _hash, channel: _channel, ...metadata } = row;
  return { ...metadata, answers, answersUndecryptable: answersText === null, files: allFiles.filter((f) => !f.messageId), messages, undecryptable };
}

export interface NewMessage {
  caseId: string;
  dataKey: DataKey;
  author: 'reporter' | 'handler';
  authorUserId: string | null;
  body: string;
  draft?: { id: string; key: DataKey } | undefined;
}

export async function addMessage(db: Db, message: NewMessage): Promise<string> {
  const id = crypto.randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(caseMessages).values({
      id,
      caseId: message.caseId,
      author: message.author,
      authorUserId: message.authorUserId,
      // The day only, as for the report itself.
      sentOn: brusselsDay(new Date()),
      body: encryptForCase(message.dataKey, message.caseId, `message.${id}`, message.body),
    });
    if (message.draft) {
      await moveDraftFilesToCase(tx, { draftId: message.draft.id, draftKey: message.draft.key, caseId: message.caseId, dataKey: message.dataKey, messageId: id });
    }
    // Handlers' actions are audited; a reporter's are not, since the audit row would date their message.
    if (message.author === 'handler') {
      await recordAudit(tx, { actorId: message.authorUserId, action: 'case.message_sent', subjectType: 'case', subjectId: message.caseId });
    }
  });
  return id;
}
