/** The fields of a report and their validation, shared by the reporter's web form and the back office's registration of other channels. */
import { z } from 'zod';
import { contactPreferences, identityChoices, requesterRoles, type ReportAnswers, type ReportInput } from './new-case.ts';
import type { Taxonomy } from './taxonomy.ts';

const text = (max: number) => z.string().trim().max(max, 'form.tooLong').default('');

/** The fields of a report, shared by the web form and the back office's registration of other channels. */
export function reportFields(taxonomy: Taxonomy, entityIds: Set<string>) {
  return {
    kind: z.enum(['question', 'report'], 'form.invalidChoice'),
    theme: z.string().refine((code) => taxonomy.themes.some((theme) => theme.code === code), 'form.invalidChoice'),
    entityId: z
      .string()
      .default('')
      .refine((id) => id === '' || entityIds.has(id), 'form.invalidChoice'),
    requesterRole: z.enum(requesterRoles, 'form.invalidChoice'),
    identityChoice: z.enum(identityChoices, 'form.invalidChoice'),
    contactPreference: z.enum(contactPreferences, 'form.invalidChoice').default('site_only'),
    wantsMeeting: z.string().optional(),
    description: z.string().trim().min(1, 'form.required').max(20_000, 'form.tooLong'),
    when: text(2_000),
    where: text(2_000),
    involved: text(5_000),
    name: text(200),
    email: z.string().trim().max(320, 'form.tooLong').default(''),
    phone: text(50),
  };
}

type ContactFields = Pick<ReportForm, 'identityChoice' | 'contactPreference' | 'name' | 'email' | 'phone'>;

/**
 * Contact details matter only when the reporter is not anonymous: a name for a named report, and the
 * address or number the chosen way back needs. `messages` words the missing ones for whoever fills the form in.
 */
export function checkContactDetails(form: ContactFields, issues: z.RefinementCtx, messages: { name: string; email: string; phone: string }): void {
  if (form.identityChoice === 'anonymous') return;
  if (form.identityChoice === 'named' && !form.name) issues.addIssue({ code: 'custom', path: ['name'], message: messages.name });
  if (form.contactPreference === 'email' && !form.email) issues.addIssue({ code: 'custom', path: ['email'], message: messages.email });
  if (form.email && !z.email().safeParse(form.email).success) issues.addIssue({ code: 'custom', path: ['email'], message: 'form.invalidEmail' });
  if (form.contactPreference === 'phone' && !form.phone) issues.addIssue({ code: 'custom', path: ['phone'], message: messages.phone });
}

export type ReportForm = z.infer<z.ZodObject<ReturnType<typeof reportFields>>>;

/** The parsed form as intake input; an anonymous reporter's contact fields are dropped, whatever they typed. */
export function toReportInput(form: ReportForm, taxonomy: Taxonomy): Omit<ReportInput, 'draft'> {
  const anonymous = form.identityChoice === 'anonymous';
  const answers: ReportAnswers = {
    description: form.description,
    when: form.when,
    where: form.where,
    involved: form.involved,
    name: anonymous ? '' : form.name,
    email: anonymous ? '' : form.email,
    phone: anonymous ? '' : form.phone,
  };
  return {
    kind: form.kind,
    domain: taxonomy.themes.find((theme) => theme.code === form.theme)!.domain,
    theme: form.theme,
    entityId: form.entityId || null,
    requesterRole: form.requesterRole,
    identityChoice: form.identityChoice,
    wantsMeeting: form.wantsMeeting === 'yes',
    contactPreference: anonymous ? 'site_only' : form.contactPreference,
    answers,
  };
}
