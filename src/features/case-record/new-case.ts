/**
 * Stores a new case, whichever way it came in (a web report, or a contact a handler registers): the row,
 * the confidential identity under a key of its own, the data key sealed to each holder, to the receipt
 * key when the person has a receipt code, and to the operator's escrow key when one is configured.
 * Run inside the caller's transaction, so a case is stored whole or not at all. Also what a new case is
 * made of: the report's input and answers, and its random reference.
 */
import crypto from 'node:crypto';
import { encryptForCase, sealDataKey, type DataKey } from '../../platform/crypto/envelope.ts';
import type { Db } from '../../platform/db/client.ts';
import { sealToEscrow } from './escrow-seal.ts';
import { sealIdentityForNewCase } from './identity-seal.ts';
import type { InitialCaseState, LegalDates } from './legal-dates.ts';
import { caseKeySeals, cases } from './schema.ts';

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

const referenceAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random reference for the proof of filing: it is not the receipt code and says nothing about order or volume. */
export function newReference(): string {
  const chars = Array.from({ length: 8 }, () => referenceAlphabet[crypto.randomInt(referenceAlphabet.length)]).join('');
  return `IB-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export interface NewCase {
  id: string;
  reference: string;
  dataKey: DataKey;
  input: ReportInput;
  channel?: 'web' | 'phone' | 'email' | 'letter' | 'in_person';
  dates: LegalDates;
  state: InitialCaseState;
  /** The key derived from the receipt code, when the person has one. */
  receipt?: { lookupHash: string; publicKey: Uint8Array } | undefined;
  holders: readonly { userId: string; publicKey: Uint8Array }[];
  registeredBy?: string;
}

export async function storeNewCase(tx: Db, c: NewCase): Promise<void> {
  const { input } = c;
  // A confidential person's name, e-mail and phone are sealed apart from the answers (docs/law.md §1, Directive art. 16).
  const confidential = input.identityChoice === 'confidential';
  const answers = confidential ? { ...input.answers, name: '', email: '', phone: '' } : input.answers;
  await tx.insert(cases).values({
    id: c.id,
    reference: c.reference,
    kind: input.kind,
    ...(c.channel ? { channel: c.channel } : {}),
    domain: input.domain,
    theme: input.theme,
    entityId: input.entityId,
    requesterRole: input.requesterRole,
    identityChoice: input.identityChoice,
    wantsMeeting: input.wantsMeeting,
    contactPreference: input.identityChoice === 'anonymous' ? 'site_only' : input.contactPreference,
    ...c.dates,
    ...c.state,
    receiptLookupHash: c.receipt?.lookupHash ?? null,
    content: encryptForCase(c.dataKey, c.id, 'report.answers', JSON.stringify(answers)),
    ...(c.registeredBy ? { registeredBy: c.registeredBy } : {}),
  });
  if (confidential) {
    const { name, email, phone } = input.answers;
    await sealIdentityForNewCase(tx, c.id, { name, email, phone }, c.holders);
  }
  await tx.insert(caseKeySeals).values([
    ...(c.receipt ? [{ caseId: c.id, userId: null, sealedKey: sealDataKey(c.dataKey, c.receipt.publicKey) }] : []),
    ...c.holders.map((h) => ({ caseId: c.id, userId: h.userId, sealedKey: sealDataKey(c.dataKey, h.publicKey) })),
  ]);
  // The operator's escrow key, when configured, so a case never depends on one handler alone.
  await sealToEscrow(tx, c.id, c.dataKey);
}
