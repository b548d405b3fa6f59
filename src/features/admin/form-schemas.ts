/** One zod schema per back-office form, and the conversion of a parsed form into the command's input. */
import { z } from 'zod';
import { actorFunctions, roles } from '../../platform/auth/roles.ts';
import { languages } from '../../platform/i18n/languages.ts';
import { entityKinds } from './entity-tree.ts';
import { handlerFunctionCodePattern } from './commands/handler-functions.ts';
import type { RoleGrantInput } from './commands/roles.ts';
import { id } from '../../platform/http/route-schemas.ts';

const requiredText = (max: number) => z.string().trim().min(1, 'form.required').max(max, 'form.tooLong');
const email = z.string().trim().min(1, 'form.required').max(320, 'form.tooLong').pipe(z.email('form.invalidEmail'));
/** A select left at "— choose —" submits an empty string, which means "nothing chosen". */
const optionalChoice = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined));
const ticked = z
  .string()
  .optional()
  .transform((value) => value === 'on');
const uuidOrNone = z.union([z.literal('').transform(() => null), z.uuid('form.invalidChoice')]).optional().transform((v) => v ?? null);

export const profileFields = {
  displayName: requiredText(200),
  email,
  language: z.enum(languages, 'form.invalidChoice'),
};

export const profileForm = z.object(profileFields);

/** The role part of a grant: a case handler needs a function, an entity actor a function and an entity. */
const grantFields = {
  handlerFunction: optionalChoice,
  actorFunction: optionalChoice.pipe(z.enum(actorFunctions, 'form.invalidChoice').optional()),
  entityId: optionalChoice.pipe(z.uuid('form.invalidChoice').optional()),
};

type GrantFields = { handlerFunction?: string | undefined; actorFunction?: (typeof actorFunctions)[number] | undefined; entityId?: string | undefined };

function requireFunctionsFor(role: 'case_handler' | 'entity_actor', form: GrantFields, ctx: z.RefinementCtx): void {
  if (role === 'case_handler' && !form.handlerFunction) ctx.addIssue({ code: 'custom', path: ['handlerFunction'], message: 'admin.user.handlerFunctionRequired' });
  if (role === 'entity_actor') {
    if (!form.actorFunction) ctx.addIssue({ code: 'custom', path: ['actorFunction'], message: 'admin.user.actorFunctionRequired' });
    if (!form.entityId) ctx.addIssue({ code: 'custom', path: ['entityId'], message: 'admin.user.entityRequired' });
  }
}

export const newUserForm = z
  .object({
    ...profileFields,
    role_administrator: ticked,
    role_integrity_coordinator: ticked,
    role_bureau_member: ticked,
    role_case_handler: ticked,
    role_entity_actor: ticked,
    ...grantFields,
  })
  .superRefine((form, ctx) => {
    const any = form.role_administrator || form.role_integrity_coordinator || form.role_bureau_member || form.role_case_handler || form.role_entity_actor;
    if (!any) ctx.addIssue({ code: 'custom', path: ['roles'], message: 'admin.user.noRoles' });
    if (form.role_case_handler) requireFunctionsFor('case_handler', form, ctx);
    if (form.role_entity_actor) requireFunctionsFor('entity_actor', form, ctx);
  });

export function grantsOfNewUser(form: z.infer<typeof newUserForm>): RoleGrantInput[] {
  const grants: RoleGrantInput[] = [];
  if (form.role_administrator) grants.push({ role: 'administrator' });
  if (form.role_integrity_coordinator) grants.push({ role: 'integrity_coordinator' });
  if (form.role_bureau_member) grants.push({ role: 'bureau_member' });
  if (form.role_case_handler && form.handlerFunction) grants.push({ role: 'case_handler', handlerFunction: form.handlerFunction });
  if (form.role_entity_actor && form.actorFunction && form.entityId) grants.push({ role: 'entity_actor', actorFunction: form.actorFunction, entityId: form.entityId });
  return grants;
}

export const grantForm = z
  .object({ role: z.enum(roles, 'form.invalidChoice'), ...grantFields })
  .superRefine((form, ctx) => {
    if (form.role === 'case_handler' || form.role === 'entity_actor') requireFunctionsFor(form.role, form, ctx);
  });

export function grantOf(form: z.infer<typeof grantForm>): RoleGrantInput {
  switch (form.role) {
    case 'case_handler':
      return { role: 'case_handler', handlerFunction: form.handlerFunction! };
    case 'entity_actor':
      return { role: 'entity_actor', actorFunction: form.actorFunction!, entityId: form.entityId! };
    case 'administrator':
    case 'integrity_coordinator':
    case 'bureau_member':
      return { role: form.role };
  }
}

/** Empty means unknown; otherwise a whole number of staff. */
const headcount = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    if (!/^\d{1,8}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'admin.entity.headcountInvalid' });
      return z.NEVER;
    }
    return Number(value);
  });

export const entityFieldsForm = z.object({
  name: requiredText(200),
  kind: z.enum(entityKinds, 'form.invalidChoice'),
  headcount,
});

export const newEntityForm = entityFieldsForm.extend({ parentId: uuidOrNone });

export const moveEntityForm = z.object({ parentId: uuidOrNone });

export const handlerFunctionForm = z.object({
  code: z.string().trim().min(1, 'form.required').max(63, 'form.tooLong').regex(handlerFunctionCodePattern, 'admin.handlerFunctions.codeInvalid'),
  label_nl: requiredText(200),
  label_fr: requiredText(200),
  label_en: requiredText(200),
  label_de: requiredText(200),
});

const day = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'admin.audit.dateInvalid')]).optional();

/** The audit filter arrives in the query string (a GET form), so a filtered page can be bookmarked. */
export const auditFilterQuery = z.object({
  action: z.string().max(100).optional(),
  actor: z.string().trim().max(320).optional(),
  from: day,
  until: day,
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

/** Handler checkboxes are named `handler_<user id>` (see views/routing.tsx); the ticked ones are the rule's handlers. */
function tickedHandlers(form: Record<string, unknown>): string[] {
  return Object.entries(form).flatMap(([name, value]) => {
    const handler = name.startsWith('handler_') ? id.safeParse(name.slice('handler_'.length)) : undefined;
    return handler?.success && value === 'on' ? [handler.data] : [];
  });
}

export const ruleHandlersForm = z.looseObject({}).transform((form, ctx) => {
  const handlerIds = tickedHandlers(form);
  if (handlerIds.length === 0) ctx.addIssue({ code: 'custom', path: ['handlers'], message: 'admin.routing.noHandlers' });
  return handlerIds;
});

/** An empty theme or entity means "any". */
export const routingRuleForm = z
  .looseObject({
    theme: z.string().max(40, 'form.invalidChoice').optional().transform((value) => value || null),
    entityId: uuidOrNone,
  })
  .transform((form, ctx) => {
    const handlerIds = tickedHandlers(form);
    if (handlerIds.length === 0) ctx.addIssue({ code: 'custom', path: ['handlers'], message: 'admin.routing.noHandlers' });
    return { theme: form.theme, entityId: form.entityId, handlerIds };
  });

/** How many external links the landing page offers; the form shows this many rows. */
export const maxExternalLinks = 6;

/** Only web addresses: the link is shown to reporters and must go where it says. */
export function isWebAddress(text: string): boolean {
  return /^https?:\/\/[^\s"<>]+$/i.test(text) && URL.canParse(text) && new URL(text).hostname !== '';
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'form.tooLong')
    .optional()
    .transform((value) => value ?? '');

export const landingForm = z
  .looseObject({
    channel_nl: optionalText(2000),
    channel_fr: optionalText(2000),
    channel_en: optionalText(2000),
    channel_de: optionalText(2000),
  })
  .transform((form, ctx) => {
    const externalLinks: { label: string; url: string }[] = [];
    for (let index = 0; index < maxExternalLinks; index += 1) {
      const text = (name: string) => (typeof form[name] === 'string' ? form[name].trim() : '');
      const label = text(`linkLabel${index}`);
      const url = text(`linkUrl${index}`);
      if (!label && !url) continue;
      if (!label) ctx.addIssue({ code: 'custom', path: [`linkLabel${index}`], message: 'admin.landing.labelRequired' });
      else if (label.length > 200) ctx.addIssue({ code: 'custom', path: [`linkLabel${index}`], message: 'admin.landing.labelTooLong' });
      if (!url) ctx.addIssue({ code: 'custom', path: [`linkUrl${index}`], message: 'admin.landing.urlRequired' });
      else if (url.length > 500 || !isWebAddress(url)) ctx.addIssue({ code: 'custom', path: [`linkUrl${index}`], message: 'admin.landing.urlInvalid' });
      externalLinks.push({ label, url });
    }
    return { externalChannels: { nl: form.channel_nl, fr: form.channel_fr, en: form.channel_en, de: form.channel_de }, externalLinks };
  });

export const taxonomyForm = z.object({ taxonomy: z.string().trim().min(1, 'form.required').max(200_000, 'form.tooLong') });

