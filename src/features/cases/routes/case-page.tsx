/**
 * Routes of one case: the page (full for key holders, metadata for the coordinator's overview), files,
 * and the actions — messages, notes, tasks, links, lifecycle steps, triage, classification, referral
 * and exclusion. Routes parse, call a command, render; the commands audit. A case the user may not see
 * answers 404 (access.ts), so its existence does not leak.
 */
import { Readable } from 'node:stream';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { formValues, parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { id, query, type RoutedApp, type SchemaRequest } from '../../../platform/http/route-schemas.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { isoDate, type IsoDate } from '../../../platform/time/calendar.ts';
import { render } from '../../../ui/render.tsx';
import { addMessage, loadTaxonomy, readCaseFile, sniffAttachmentType, storeCaseFile, themeLabel } from '../../case-record/service.ts';
import { auditCaseAccess, openCase, unlockPath, type OpenedCase } from '../keys.ts';
import { loadAccessFacts, authorizeCase, caseActorOf } from '../access.ts';
import { loadCaseFile, loadCaseMetadata, loadGrants, type CaseFile } from '../case-file.ts';
import { classifyCase, measures, outcomes } from '../commands/classify.ts';
import { excludeFromCase, exclusionReasons } from '../commands/exclude.ts';
import { linkCases } from '../commands/link-cases.ts';
import { addNote } from '../commands/notes.ts';
import { referCase } from '../commands/refer.ts';
import { addTask, completeTask } from '../commands/tasks.ts';
import { acknowledgementWaivers, transitionCase } from '../commands/transition.ts';
import { priorities, retaliationRisks, triageCase } from '../commands/triage.ts';
import { loadIdentity } from '../identity.ts';
import { resealPending } from '../commands/reseal-pending.ts';
import { caseStatuses } from '../lifecycle.ts';
import { can } from '../policy.ts';
import { CaseMetadataPage, CasePage, type FailedForm } from '../views/case-page.tsx';
import { ClassificationPage, ExclusionPage, ReferralPage, StatusStepPage, TriagePage } from '../views/case-steps.tsx';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';


const longText = z.string().max(20_000, 'form.tooLong');
const optionalDay = z
  .string()
  .trim()
  .max(10)
  .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'case.error.invalid_date');
const version = z.coerce.number().int().positive();

const messageForm = z.object({ message_body: longText.trim().min(1, 'form.required') });
const noteForm = z.object({ note_body: longText.trim().min(1, 'form.required') });
const taskForm = z.object({ task_title: z.string().trim().min(1, 'form.required').max(500, 'form.tooLong'), task_assignee: z.string().max(40), task_due: optionalDay });
const linkForm = z.object({ link_reference: z.string().trim().min(1, 'form.required').max(20, 'form.tooLong') });
const statusForm = z.object({
  version,
  reason: longText.default(''),
  message: longText.default(''),
  waiver: z.enum(acknowledgementWaivers).optional(),
  consent: z.literal('on').optional(),
  check_in: optionalDay.default(''),
});
const triageForm = z.object({
  version,
  procedure: z.enum(['integrity', 'psychosocial', 'question']),
  reason: longText.default(''),
  priority: z.enum(priorities),
  risk: z.enum(retaliationRisks),
  measures: longText.default(''),
});
const classificationForm = z.object({ version, theme: z.string().min(1, 'form.required').max(100), outcome: z.union([z.literal(''), z.enum(outcomes)]) });
const referralForm = z.object({ version, to: z.string().uuid('form.invalidChoice'), reason: longText, keep: z.literal('on').optional(), redacted: z.literal('on').optional() });
const exclusionForm = z.object({ user: z.string().uuid('form.invalidChoice'), reason: z.enum(exclusionReasons) });

const errorKey = (error: string) => `case.error.${error}` as MessageKey;

/** Files a handler attaches to a message, read whole (bounded by the attachment limits) before anything is stored. */
const uploadsOf = new WeakMap<FastifyRequest, { filename: string; bytes: Buffer }[]>();

/** The case's addresses: the case, one of its files or tasks, a lifecycle step; an id that does not fit is a 404. */
const caseParams = z.object({ caseId: id });
const caseFileParams = z.object({ caseId: id, fileId: id });
const caseTaskParams = z.object({ caseId: id, taskId: id });
const stepParams = z.object({ caseId: id, to: z.enum(caseStatuses) });
/** A notice after a redirect: shown only when it is one of ours (views/case-page.tsx), ignored otherwise. */
const noticeQuery = query({ notice: z.string().optional().catch(undefined) });
type CaseRequest = SchemaRequest<{ params: typeof caseParams }>;

export async function casePageRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;
  const limits = app.parts.config.attachments;
  // Multipart for the message form only: fields land on the body (so the CSRF check sees its token), files in uploadsOf.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: 10, fieldSize: 100_000 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const bytes = await part.toBuffer();
      if (part.filename) uploadsOf.set(this, [...(uploadsOf.get(this) ?? []), { filename: part.filename.slice(0, 200), bytes }]);
      (part as unknown as { value: undefined }).value = undefined;
    },
  });

  /** The case opened for acting on it, or undefined after redirecting to the unlock page. */
  async function opened(request: CaseRequest, reply: FastifyReply, action: 'read_content' | 'act' = 'act'): Promise<OpenedCase | undefined> {
    const result = await openCase(db, request, request.params.caseId, action);
    if (result === 'locked') {
      reply.redirect(request.method === 'GET' ? unlockPath(request) : `/cases/unlock?next=${encodeURIComponent(`/cases/${request.params.caseId}`)}`, 303);
      return undefined;
    }
    return result;
  }

  async function fileFor(open: OpenedCase, caseId: string): Promise<CaseFile> {
    const file = await loadCaseFile(db, open.actor, caseId, open.dataKey);
    if (!file) throw new HttpError(404);
    return file;
  }

  async function renderCase(request: CaseRequest, reply: FastifyReply, open: OpenedCase, failed?: FailedForm, notice?: string) {
    const ctx = viewContext(request, reply);
    const file = await fileFor(open, request.params.caseId);
    // Which records (kind and id, never their content) did not decrypt: the page shows a marker in their place.
    if (file.undecryptable.length > 0) request.log.warn({ caseId: file.row.id, records: file.undecryptable }, 'case records could not be decrypted');
    const identity = await loadIdentity(db, file.row.id, open.keys);
    if (identity?.undecryptable) request.log.warn({ caseId: file.row.id, records: ['identity'] }, 'case records could not be decrypted');
    if (identity) await recordAudit(db, { actorId: open.actor.userId, action: 'case.identity_read', subjectType: 'case', subjectId: file.row.id });
    const themeName = themeLabel(await loadTaxonomy(db), file.row.theme, ctx.lang);
    const names = new Map([...file.holders, ...file.referralCandidates, ...file.exclusionCandidates].map((p) => [p.id, p.name]));
    await auditCaseAccess(db, open.actor.userId, file.row.id, 'case.read');
    // Read again rather than open.facts: opening the case may just have sealed it to someone (reseal-pending),
    // and a form's change may have excluded someone, so what the page offers follows who holds the key now.
    const facts = await loadAccessFacts(db, request.params.caseId);
    const may = { act: facts ? can(open.actor, 'act', facts).allowed : false, legalHold: facts ? can(open.actor, 'legal_hold', facts).allowed : false };
    return render(reply, <CasePage ctx={ctx} file={file} identity={identity} themeName={themeName} names={names} failed={failed} notice={notice} may={may} />, failed ? 400 : 200);
  }

  const done = (reply: FastifyReply, caseId: string) => reply.redirect(`/cases/${caseId}?notice=saved`, 303);

  app.get('/:caseId', { schema: { params: caseParams, querystring: noticeQuery } }, async (request, reply) => {
    const { caseId } = request.params;
    const actor = caseActorOf(request);
    const facts = await loadAccessFacts(db, caseId);
    if (!facts) throw new HttpError(404);
    if (can(actor, 'read_content', facts).allowed) {
      const open = await opened(request, reply, 'read_content');
      if (!open) return reply;
      // Only a key holder has the case's key open, so opening the case is when whoever was reassigned it
      // meanwhile gets sealed (reassign.ts): a command, with its audit row in the same transaction.
      await resealPending(db, caseId, open.dataKey, open.actor.userId);
      const { notice } = request.query;
      return renderCase(request, reply, open, undefined, notice);
    }
    await authorizeCase(db, actor, caseId, 'read_metadata');
    const meta = await loadCaseMetadata(db, caseId);
    if (!meta) throw new HttpError(404);
    const ctx = viewContext(request, reply);
    const names = new Map([...meta.holders, ...meta.pending].map((p) => [p.id, p.name]));
    const themeName = themeLabel(await loadTaxonomy(db), meta.row.theme, ctx.lang);
    return render(reply, <CaseMetadataPage ctx={ctx} meta={meta} themeName={themeName} names={names} />);
  });

  app.get('/:caseId/files/:fileId', { schema: { params: caseFileParams } }, async (request, reply) => {
    const open = await opened(request, reply, 'read_content');
    if (!open) return reply;
    const file = await readCaseFile(db, { caseId: request.params.caseId, fileId: request.params.fileId, dataKey: open.dataKey });
    if (!file) throw new HttpError(404);
    await auditCaseAccess(db, open.actor.userId, request.params.caseId, 'case.file_downloaded', request.params.fileId);
    reply.type(file.mediaType).header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`).header('Content-Length', String(file.size));
    return reply.send(file.stream);
  });

  /** Parses one of the page's own forms; on errors re-renders the page with the typed text kept. */
  async function pageForm<S extends z.ZodType>(request: CaseRequest, reply: FastifyReply, open: OpenedCase, form: FailedForm['form'], schema: S) {
    const parsed = parseForm(schema, request.body, request.t);
    if (parsed.ok) return parsed.data as z.infer<S>;
    await renderCase(request, reply, open, { form, values: parsed.values, errors: parsed.errors });
    return undefined;
  }

  async function pageError(request: CaseRequest, reply: FastifyReply, open: OpenedCase, form: FailedForm['form'], field: string, error: string, text?: string) {
    const values = formValues(request.body);
    return renderCase(request, reply, open, { form, values, errors: { [field]: text ?? request.t(errorKey(error)) } });
  }

  app.post('/:caseId/messages', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    const data = await pageForm(request, reply, open, 'reply', messageForm);
    if (!data) return reply;
    const files = uploadsOf.get(request) ?? [];
    // Every file is checked before anything is stored, so a refused file leaves no half-sent message.
    for (const file of files) {
      const refusal = file.bytes.length === 0 ? 'intake.fileEmpty' : (await sniffAttachmentType(file.bytes.subarray(0, 4100), file.bytes.length <= 4100)) ? undefined : 'intake.fileType';
      if (refusal) return pageError(request, reply, open, 'reply', 'message_body', '', request.t(refusal, { name: file.filename, max: Math.round(limits.maxBytes / 1048576) }));
    }
    const messageId = await addMessage(db, { caseId: request.params.caseId, dataKey: open.dataKey, author: 'handler', authorUserId: open.actor.userId, body: data.message_body });
    for (const file of files) {
      const stored = await storeCaseFile(db, { caseId: request.params.caseId, dataKey: open.dataKey, messageId, filename: file.filename, source: Readable.from([file.bytes]), limits: { maxBytes: limits.maxBytes } });
      if (!stored.ok) return pageError(request, reply, open, 'reply', 'message_body', '', request.t('intake.fileUnreadable', { name: file.filename }));
    }
    return done(reply, request.params.caseId);
  });

  app.post('/:caseId/notes', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    const data = await pageForm(request, reply, open, 'note', noteForm);
    if (!data) return reply;
    await addNote(db, open.actor.userId, open.dataKey, { caseId: request.params.caseId, body: data.note_body });
    return done(reply, request.params.caseId);
  });

  app.post('/:caseId/tasks', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    const data = await pageForm(request, reply, open, 'task', taskForm);
    if (!data) return reply;
    const task = { caseId: request.params.caseId, title: data.task_title, assigneeId: data.task_assignee || null, dueOn: data.task_due ? isoDate(data.task_due) : null };
    const result = await addTask(db, open.actor.userId, open.dataKey, task, open.facts.sealedTo);
    if (!result.ok) return pageError(request, reply, open, 'task', result.error === 'due_in_past' ? 'task_due' : 'task_assignee', result.error);
    return done(reply, request.params.caseId);
  });

  app.post('/:caseId/tasks/:taskId/done', { schema: { params: caseTaskParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    const result = await completeTask(db, open.actor.userId, open.dataKey, { caseId: request.params.caseId, taskId: request.params.taskId });
    if (!result.ok) throw new HttpError(404);
    return done(reply, request.params.caseId);
  });

  app.post('/:caseId/links', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    const data = await pageForm(request, reply, open, 'link', linkForm);
    if (!data) return reply;
    const mayLink = async (otherId: string) => {
      const facts = await loadAccessFacts(db, otherId);
      return facts !== undefined && can(open.actor, 'read_metadata', facts).allowed;
    };
    const result = await linkCases(db, open.actor.userId, open.dataKey, { caseId: request.params.caseId, otherReference: data.link_reference }, mayLink);
    if (!result.ok) return pageError(request, reply, open, 'link', 'link_reference', result.error === 'not_found' ? 'link_not_found' : result.error);
    return done(reply, request.params.caseId);
  });

  // One page per lifecycle step, so each can explain what it needs (a reason, a message, a waiver, consent).
  app.get('/:caseId/status/:to', { schema: { params: stepParams } }, async (request, reply) => {
    const { to } = request.params;
    const open = await opened(request, reply);
    if (!open) return reply;
    const file = await fileFor(open, request.params.caseId);
    if (!file.nextStatuses.includes(to)) throw new HttpError(404);
    return render(reply, <StatusStepPage ctx={viewContext(request, reply)} file={file} to={to} />);
  });

  app.post('/:caseId/status/:to', { schema: { params: stepParams } }, async (request, reply) => {
    const { to } = request.params;
    const open = await opened(request, reply);
    if (!open) return reply;
    const ctx = viewContext(request, reply);
    const again = async (values: FormValues, errors: FieldErrors) => {
      const file = await fileFor(open, request.params.caseId);
      return render(reply, <StatusStepPage ctx={ctx} file={file} to={to} values={values} errors={errors} />, 400);
    };
    const form = parseForm(statusForm, request.body, request.t);
    if (!form.ok) return again(form.values, form.errors);
    const result = await transitionCase(db, open.actor.userId, open.dataKey, {
      caseId: request.params.caseId,
      version: form.data.version,
      to,
      reason: form.data.reason,
      messageToReporter: form.data.message,
      waiver: form.data.waiver,
      reporterConsented: form.data.consent === 'on',
      protectionCheckInOn: form.data.check_in ? (form.data.check_in as IsoDate) : undefined,
    });
    if (!result.ok) {
      const field = { message_required: 'message', waiver_required: 'waiver', consent_required: 'consent' }[result.error as string] ?? 'reason';
      return again(form.values, { [field]: request.t(errorKey(result.error)) });
    }
    return done(reply, request.params.caseId);
  });

  app.get('/:caseId/triage', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    return render(reply, <TriagePage ctx={viewContext(request, reply)} file={await fileFor(open, request.params.caseId)} />);
  });

  app.post('/:caseId/triage', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    const ctx = viewContext(request, reply);
    const again = async (values: FormValues, errors: FieldErrors) =>
      render(reply, <TriagePage ctx={ctx} file={await fileFor(open, request.params.caseId)} values={values} errors={errors} />, 400);
    const form = parseForm(triageForm, request.body, request.t);
    if (!form.ok) return again(form.values, form.errors);
    const d = form.data;
    const result = await triageCase(db, open.actor.userId, open.dataKey, {
      caseId: request.params.caseId,
      version: d.version,
      procedure: d.procedure,
      priority: d.priority,
      retaliationRisk: d.risk,
      protectionMeasures: d.measures,
      reason: d.reason,
    });
    if (!result.ok) return again(form.values, { [result.error === 'measures_required' ? 'measures' : 'reason']: request.t(errorKey(result.error)) });
    return done(reply, request.params.caseId);
  });

  async function themeOptions(lang: Parameters<typeof themeLabel>[2]) {
    const taxonomy = await loadTaxonomy(db);
    return { taxonomy, options: taxonomy.themes.map((theme) => ({ value: theme.code, label: themeLabel(taxonomy, theme.code, lang) })) };
  }

  app.get('/:caseId/classification', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    const ctx = viewContext(request, reply);
    const { options } = await themeOptions(ctx.lang);
    return render(reply, <ClassificationPage ctx={ctx} file={await fileFor(open, request.params.caseId)} themes={options} />);
  });

  app.post('/:caseId/classification', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    const ctx = viewContext(request, reply);
    const { taxonomy, options } = await themeOptions(ctx.lang);
    const again = async (values: FormValues, errors: FieldErrors) =>
      render(reply, <ClassificationPage ctx={ctx} file={await fileFor(open, request.params.caseId)} themes={options} values={values} errors={errors} />, 400);
    const form = parseForm(classificationForm, request.body, request.t);
    if (!form.ok) return again(form.values, form.errors);
    const chosen = measures.filter((m) => form.values[`measure_${m}`] === 'on');
    const result = await classifyCase(db, open.actor.userId, open.dataKey, taxonomy, {
      caseId: request.params.caseId,
      version: form.data.version,
      theme: form.data.theme,
      outcome: form.data.outcome || null,
      measures: chosen,
    });
    if (!result.ok) return again(form.values, { [result.error === 'none_with_others' ? 'measures' : 'theme']: request.t(errorKey(result.error)) });
    return done(reply, request.params.caseId);
  });

  app.get('/:caseId/referral', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    return render(reply, <ReferralPage ctx={viewContext(request, reply)} file={await fileFor(open, request.params.caseId)} />);
  });

  app.post('/:caseId/referral', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    const ctx = viewContext(request, reply);
    const file = await fileFor(open, request.params.caseId);
    const again = (values: FormValues, errors: FieldErrors) => render(reply, <ReferralPage ctx={ctx} file={file} values={values} errors={errors} />, 400);
    const form = parseForm(referralForm, request.body, request.t);
    if (!form.ok) return again(form.values, form.errors);
    const candidate = file.referralCandidates.find((c) => c.id === form.data.to);
    if (!candidate) return again(form.values, { to: request.t('case.error.cannot_receive') });
    const to = { userId: candidate.id, grants: await loadGrants(db, candidate.id) };
    const result = await referCase(db, open.actor.userId, open.dataKey, open.facts, {
      caseId: request.params.caseId,
      version: form.data.version,
      to,
      keepAccess: form.data.keep === 'on',
      seesRedacted: form.data.redacted === 'on',
      reason: form.data.reason,
    });
    if (!result.ok) return again(form.values, { [result.error === 'reason_required' ? 'reason' : 'to']: request.t(errorKey(result.error)) });
    // Without access kept, the referring handler can no longer open the case: back to their list.
    return form.data.keep === 'on' ? done(reply, request.params.caseId) : reply.redirect('/cases?notice=referred', 303);
  });

  app.get('/:caseId/exclusion', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    return render(reply, <ExclusionPage ctx={viewContext(request, reply)} file={await fileFor(open, request.params.caseId)} />);
  });

  app.post('/:caseId/exclusion', { schema: { params: caseParams } }, async (request, reply) => {
    const open = await opened(request, reply);
    if (!open) return reply;
    const ctx = viewContext(request, reply);
    const file = await fileFor(open, request.params.caseId);
    const again = (values: FormValues, errors: FieldErrors) => render(reply, <ExclusionPage ctx={ctx} file={file} values={values} errors={errors} />, 400);
    const form = parseForm(exclusionForm, request.body, request.t);
    if (!form.ok) return again(form.values, form.errors);
    if (!file.exclusionCandidates.some((c) => c.id === form.data.user)) return again(form.values, { user: request.t('form.invalidChoice') });
    const result = await excludeFromCase(db, open.actor.userId, open.dataKey, { caseId: request.params.caseId, userId: form.data.user, reason: form.data.reason });
    if (!result.ok) return again(form.values, { user: request.t(errorKey(result.error)) });
    return form.data.user === open.actor.userId ? reply.redirect('/cases?notice=excluded', 303) : done(reply, request.params.caseId);
  });
}
