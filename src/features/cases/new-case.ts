/**
 * Stores a new case, whichever way it came in (a web report, or a contact a handler registers): the row,
 * the confidential identity under a key of its own, the data key sealed to each holder, to the receipt
 * key when the person has a receipt code, and to the operator's escrow key when one is configured.
 * Run inside the caller's transaction, so a case is stored whole or not at all.
 */
import type { DataKey } from '../../platform/crypto/envelope.ts';
import { encryptForCase, sealDataKey } from '../../platform/crypto/envelope.ts';
import type { Db } from '../../platform/db/client.ts';
import { caseKeySeals, cases } from '../reporting/schema.ts';
import type { ReportInput } from '../reporting/service.ts';
import { sealToEscrow } from './escrow.ts';
import { sealIdentityForNewCase } from './identity.ts';
import type { InitialCaseState, LegalDates } from './service.ts';

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
