/**
 * Receiving a report: a fresh case id and data key, the answers encrypted, the key sealed to the
 * routed handlers and to the reporter's receipt-derived key, held uploads moved in — one transaction.
 */
import crypto from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { entities, userKeys, userRoles, users } from '../../platform/db/schema.ts';
import { newDataKey, type DataKey } from '../../platform/crypto/envelope.ts';
import { deriveReceiptKeys, newReceiptCode } from '../../platform/crypto/receipt.ts';
import { initialCaseState, legalDatesOfNewReport, storeNewCase, type LegalDates } from '../cases/service.ts';
import { routeReport } from './routing.ts';
import { routingRuleHandlers, routingRules } from './schema.ts';
import { moveDraftFilesToCase } from './attachments/store.ts';
import type { ReportingSecrets } from './secrets.ts';

export const requesterRoles = ['staff', 'manager', 'confidential_person', 'integrity_contact', 'hr', 'other'] as const;
export const identityChoices = ['anonymous', 'confidential', 'named'] as const;
export const contactPreferences = ['site_only', 'email', 'phone'] as const;

/** What the reporter wrote; stored only encrypted. */
export interface ReportAnswers {
  description: string;
  when: string;
  where: string;
  involved: string;
  name: string;
  email: string;
  phone: string;
}

export interface ReportInput {
  kind: 'question' | 'report';
  domain: 'wellbeing' | 'integrity';
  theme: string;
  entityId: string | null;
  requesterRole: (typeof requesterRoles)[number];
  identityChoice: (typeof identityChoices)[number];
  wantsMeeting: boolean;
  contactPreference: (typeof contactPreferences)[number];
  answers: ReportAnswers;
  /** Files uploaded with an earlier, corrected attempt of the same form. */
  draft?: { id: string; key: DataKey } | undefined;
}

export interface SubmittedReport extends LegalDates {
  caseId: string;
  reference: string;
  receiptCode: string;
  theme: string;
  /** Handlers to notify (by e-mail, without content). */
  handlerIds: string[];
}

const referenceAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random reference for the proof of filing: it is not the receipt code and says nothing about order or volume. */
export function newReference(): string {
  const chars = Array.from({ length: 8 }, () => referenceAlphabet[crypto.randomInt(referenceAlphabet.length)]).join('');
  return `IB-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

function entityPath(all: { id: string; parentId: string | null }[], entityId: string | null): string[] {
  const byId = new Map(all.map((e) => [e.id, e]));
  const path: string[] = [];
  for (let id = entityId; id && !path.includes(id); id = byId.get(id)?.parentId ?? null) path.push(id);
  return path;
}

/** The routed handlers who can receive a sealed key; without any, the integrity coordinators, so nothing is lost. */
export async function recipients(db: Db, theme: string, entityId: string | null): Promise<{ userId: string; publicKey: Uint8Array }[]> {
  const [rules, links, tree] = await Promise.all([
    db.select().from(routingRules),
    db.select().from(routingRuleHandlers),
    db.select({ id: entities.id, parentId: entities.parentId }).from(entities),
  ]);
  const rule = routeReport(
    rules.map((r) => ({ theme: r.theme, entityId: r.entityId, handlerIds: links.filter((l) => l.ruleId === r.id).map((l) => l.userId) })),
    theme,
    entityPath(tree, entityId),
  );
  const withKeys = (ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .select({ userId: userKeys.userId, publicKey: userKeys.publicKey })
          .from(userKeys)
          .innerJoin(users, eq(users.id, userKeys.userId))
          .where(and(inArray(userKeys.userId, ids), isNull(users.disabledAt)));
  const routed = await withKeys(rule?.handlerIds ?? []);
  if (routed.length > 0) return routed;
  const coordinators = await db.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'integrity_coordinator'));
  return withKeys(coordinators.map((c) => c.userId));
}

export async function submitReport(db: Db, secrets: ReportingSecrets, input: ReportInput, now = new Date()): Promise<SubmittedReport> {
  const caseId = crypto.randomUUID();
  const dataKey = newDataKey();
  const receiptCode = newReceiptCode();
  const receipt = await deriveReceiptKeys(receiptCode.replace(/ /g, ''), secrets.receiptSalt);
  const dates = legalDatesOfNewReport(now);
  const handlers = await recipients(db, input.theme, input.entityId);
  const reference = newReference();
  await db.transaction(async (tx) => {
    await storeNewCase(tx, { id: caseId, reference, dataKey, input, dates, state: initialCaseState(input.kind, input.domain, dates.receivedOn), receipt, holders: handlers });
    // No audit row here: its time and its place in the chain would tell when the report arrived.
    if (input.draft) await moveDraftFilesToCase(tx, { draftId: input.draft.id, draftKey: input.draft.key, caseId, dataKey });
  });
  return { caseId, reference, receiptCode, theme: input.theme, ...dates, handlerIds: handlers.map((h) => h.userId) };
}
