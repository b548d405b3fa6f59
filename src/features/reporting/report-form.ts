/** The report form's validation: one zod schema built from the taxonomy and entity list, with translated errors. */
import { z } from 'zod';
import type { Taxonomy } from './taxonomy.ts';
import { contactPreferences, identityChoices, requesterRoles, type ReportAnswers, type ReportInput } from './intake.ts';

const text = (max: number) => z.string().trim().max(max, 'form.tooLong').default('');

export function reportSchema(taxonomy: Taxonomy, entityIds: Set<string>) {
  return z
    .object({
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
    })
    .superRefine((form, issues) => {
      // Contact details matter only when the reporter is not anonymous.
      if (form.identityChoice === 'anonymous') return;
      if (form.identityChoice === 'named' && !form.name) issues.addIssue({ code: 'custom', path: ['name'], message: 'intake.nameRequired' });
      if (form.contactPreference === 'email' && !form.email) issues.addIssue({ code: 'custom', path: ['email'], message: 'intake.emailRequired' });
      if (form.email && !z.email().safeParse(form.email).success) issues.addIssue({ code: 'custom', path: ['email'], message: 'form.invalidEmail' });
      if (form.contactPreference === 'phone' && !form.phone) issues.addIssue({ code: 'custom', path: ['phone'], message: 'intake.phoneRequired' });
    });
}

export type ReportForm = z.infer<ReturnType<typeof reportSchema>>;

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
