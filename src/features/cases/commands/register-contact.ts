/**
 * Registering a contact that did not come through the web form (a phone call, an e-mail, a letter, a
 * conversation): the same case a web report makes — a fresh id and data key, the answers encrypted,
 * the starting procedure and deadline — sealed to the registering handler (and, if asked, to the
 * handlers the routing table names), optionally with a receipt code for the person, in one transaction
 * with its timeline event and audit row. A confidential person's identity is sealed apart (case-record/identity-seal.ts).
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newDataKey } from '../../../platform/crypto/envelope.ts';
import { deriveReceiptKeys, newReceiptCode } from '../../../platform/crypto/receipt.ts';
import type { Db } from '../../../platform/db/client.ts';
import { userKeys } from '../../../platform/db/schema.ts';
import { addDays, brusselsDay, brusselsTime, type IsoDate } from '../../../platform/time/calendar.ts';
import {
  caseEvents,
  checkContactDetails,
  initialCaseState,
  legalDatesOfNewReport,
  newReference,
  procedures,
  recipients,
  reportFields,
  storeNewCase,
  toReportInput,
  type ReportingSecrets,
  type ReportInput,
  type Taxonomy,
} from '../../case-record/service.ts';
import { canReceiveKey, type CaseActor } from '../policy.ts';

/** The channels a handler registers; web reports arrive by themselves. */
export const registeredChannels = ['phone', 'email', 'letter', 'in_person'] as const;
export type RegisteredChannel = (typeof registeredChannels)[number];

/** Channels where the handler writes the record of what was said, for the reporter to check (EU Directive art. 18). */
export const oralChannels: readonly RegisteredChannel[] = ['phone', 'in_person'];

/** How far back a contact may be registered: further is almost always a mistyped year. */
export const oldestReceivedYears = 5;

export interface RegistrationInput extends Omit<ReportInput, 'draft'> {
  channel: RegisteredChannel;
  receivedOn: IsoDate;
  /** Also seal the key to the handlers the routing table names for this theme and entity. */
  alsoRoute: boolean;
  /** Give the person a receipt code so they can follow up (and review the record) online. */
  giveReceipt: boolean;
}

export type RegistrationError = 'no_key' | 'may_not_receive' | 'received_in_future' | 'received_too_long_ago';

export type RegistrationOutcome =
  | { ok: true; caseId: string; reference: string; receiptCode: string | undefined; sealedTo: string[]; receivedOn: IsoDate }
  | { ok: false; error: RegistrationError };

/** Is a received-on day acceptable today? Pure, so the form and the command agree. */
export function checkReceivedOn(receivedOn: IsoDate, today: IsoDate): RegistrationError | undefined {
  if (receivedOn > today) return 'received_in_future';
  if (receivedOn < addDays(today, -366 * oldestReceivedYears)) return 'received_too_long_ago';
  return undefined;
}

/** A real calendar day written as YYYY-MM-DD (what a date input sends). */
function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The registration form: the web form's fields, worded for the handler, plus channel, day received and the two choices. */
export function registrationSchema(taxonomy: Taxonomy, entityIds: Set<string>, today: IsoDate) {
  return z
    .object({
      channel: z.enum(registeredChannels, 'form.invalidChoice'),
      receivedOn: z
        .string()
        .trim()
        .min(1, 'form.required')
        .refine(isCalendarDay, 'register.dateMalformed')
        .refine((day) => !isCalendarDay(day) || checkReceivedOn(day as IsoDate, today) !== 'received_in_future', 'register.dateInFuture')
        .refine((day) => !isCalendarDay(day) || checkReceivedOn(day as IsoDate, today) !== 'received_too_long_ago', 'register.dateTooOld'),
      ...reportFields(taxonomy, entityIds),
      alsoRoute: z.string().optional(),
      giveReceipt: z.string().optional(),
    })
    .superRefine((form, issues) => {
      checkContactDetails(form, issues, { name: 'register.nameRequired', email: 'register.emailRequired', phone: 'register.phoneRequired' });
      // Without a receipt code the person cannot read answers on the site: another way back is needed.
      if (form.identityChoice !== 'anonymous' && form.contactPreference === 'site_only' && form.giveReceipt !== 'yes') {
        issues.addIssue({ code: 'custom', path: ['contactPreference'], message: 'register.siteNeedsReceipt' });
      }
    });
}

export type RegistrationForm = z.infer<ReturnType<typeof registrationSchema>>;

/** The parsed form as command input; an anonymous person's contact fields are dropped, whatever was typed. */
export function toRegistrationInput(form: RegistrationForm, taxonomy: Taxonomy): RegistrationInput {
  return {
    ...toReportInput(form, taxonomy),
    channel: form.channel,
    receivedOn: form.receivedOn as IsoDate,
    alsoRoute: form.alsoRoute === 'yes',
    giveReceipt: form.giveReceipt === 'yes',
  };
}

export async function registerContact(db: Db, secrets: ReportingSecrets, registrar: CaseActor, input: RegistrationInput, now = new Date()): Promise<RegistrationOutcome> {
  const dateError = checkReceivedOn(input.receivedOn, brusselsDay(now));
  if (dateError) return { ok: false, error: dateError };
  const state = initialCaseState(input.kind, input.domain, input.receivedOn);
  const [own] = await db.select({ publicKey: userKeys.publicKey }).from(userKeys).where(eq(userKeys.userId, registrar.userId));
  // docs/law.md §4: the coordinator never holds a psychosocial dossier, even one they took on the phone; it can only be routed.
  const registrarMay = canReceiveKey(registrar, { procedure: state.procedure, compartment: procedures[state.procedure].compartment, sealedTo: [], excluded: [] }).allowed;
  if (!own && !input.alsoRoute) return { ok: false, error: 'no_key' };
  if (!registrarMay && !input.alsoRoute) return { ok: false, error: 'may_not_receive' };
  const routed = input.alsoRoute ? await recipients(db, input.theme, input.entityId) : [];
  const holders = new Map<string, Uint8Array>();
  if (own && registrarMay) holders.set(registrar.userId, own.publicKey);
  for (const handler of routed) if (handler.userId !== registrar.userId) holders.set(handler.userId, handler.publicKey);
  if (holders.size === 0) return { ok: false, error: registrarMay ? 'no_key' : 'may_not_receive' };

  const caseId = crypto.randomUUID();
  const dataKey = newDataKey();
  const reference = newReference();
  // The deadlines count from the day the contact came in, not from the day it was typed in.
  const dates = legalDatesOfNewReport(brusselsTime(input.receivedOn, 12));
  const receiptCode = input.giveReceipt ? newReceiptCode() : undefined;
  const receipt = receiptCode ? await deriveReceiptKeys(receiptCode.replace(/ /g, ''), secrets.receiptSalt) : undefined;
  await db.transaction(async (tx) => {
    await storeNewCase(tx as unknown as Db, {
      id: caseId,
      reference,
      dataKey,
      input,
      channel: input.channel,
      dates,
      state,
      receipt,
      holders: [...holders].map(([userId, publicKey]) => ({ userId, publicKey })),
      registeredBy: registrar.userId,
    });
    const details = { channel: input.channel, procedure: state.procedure, routed: input.alsoRoute, receiptGiven: receipt !== undefined, holders: holders.size };
    await tx.insert(caseEvents).values({ caseId, kind: 'registered', actorId: registrar.userId, details });
    await recordAudit(tx as unknown as Db, { actorId: registrar.userId, action: 'case.registered', subjectType: 'case', subjectId: caseId, details });
  });
  return { ok: true, caseId, reference, receiptCode, sealedTo: [...holders.keys()], receivedOn: input.receivedOn };
}
