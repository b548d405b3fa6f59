/**
 * The reporting point: the only code a reporter reaches. Plain HTML, no JavaScript, no external
 * resource, no cookie before a receipt sign-in, no IP address or user agent stored or logged.
 */
import crypto from 'node:crypto';
import multipart from '@fastify/multipart';
import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../../platform/http/errors.tsx';
import { id, noticeName, query, type RoutedApp } from '../../platform/http/route-schemas.ts';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/http/forms.ts';
import { render } from '../../ui/render.tsx';
import {
  addMessage,
  answerRecord,
  cases,
  correctionsMaxLength,
  loadCaseView,
  loadEntityOptions,
  loadTaxonomy,
  notifyHandlers,
  notifyKeyHolders,
  readCaseFile,
  reportingSecrets,
  themeLabel,
  toReportInput,
  type ReportingSecrets,
} from '../case-record/service.ts';
import { checkFormToken, consumeFormToken, issueFormToken } from './form-tokens.ts';
import { submitReport } from './intake.ts';
import { closeReceiptSession, loadReceiptSession, openReceiptSession, receiptCookie, receiptSessionIdleMs, type ReceiptSession } from './receipt-sessions.ts';
import { reportSchema } from './report-form.ts';
import { loadLandingSettings, reporterContext } from './settings.ts';
import { encodeDraft, readUploadForm } from './upload-form.ts';
import type { AttachmentLimits, InboxModel, ReportFormModel } from './view-models.ts';
import { ConfirmationPage, FollowUpSignInPage, InboxPage, LandingPage, ProofPage, ReportFormPage } from './views/index.ts';
import { loadRecordReview, recordReviewState } from './record-review.ts';
import { RecordReviewPage, type RecordReviewModel } from './views/record-review.tsx';

/** No script at all, nothing from elsewhere, and forms only to ourselves. */
const reporterPolicy = "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Generous per network address (a whole office may share one), counted for all processes under a keyed,
 * rotating hash of the address (platform/http/address-limits.ts); the address is never stored or logged.
 * Strict per receipt session, so one reporter's session cannot flood a handler.
 */
const perAddress = (max: number) => ({ rateLimit: { max, timeWindow: '10 minutes' } });
const perReceiptSession = {
  rateLimit: {
    max: 20,
    timeWindow: '10 minutes',
    keyGenerator: (request: FastifyRequest) => crypto.createHash('sha256').update(request.cookies[receiptCookie] ?? 'none').digest('hex'),
  },
};

/** The reporter's addresses and queries: a proof's reference, an attachment's id, a notice after a redirect. */
const proofParams = z.object({ reference: z.string() });
const fileParams = z.object({ fileId: id });
const inboxQuery = query({ notice: noticeName(['sent']) });
const recordQuery = query({ notice: noticeName(['confirmed', 'corrections']) });

export async function reporting(app: RoutedApp): Promise<void> {
  const { database, config, mailer } = app.parts;
  const db = database.db;
  const notifyParts = { db, mailer, log: app.log };
  const limits: AttachmentLimits = config.attachments;
  let secrets: ReportingSecrets | undefined;
  const getSecrets = async () => (secrets ??= await reportingSecrets(db));

  await app.register(multipart, { throwFileSizeLimit: false });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Content-Security-Policy', reporterPolicy);
    reply.header('Cache-Control', 'no-store');
    if (config.onionLocation) reply.header('Onion-Location', `${config.onionLocation.replace(/\/$/, '')}${request.url}`);
    // Whatever else ran, the only cookie the reporting point may set is the receipt session's.
    const cookies = reply.getHeader('set-cookie');
    if (cookies !== undefined) {
      const kept = ([] as string[]).concat(cookies as string | string[]).filter((line) => line.startsWith(`${receiptCookie}=`));
      if (kept.length) reply.header('set-cookie', kept);
      else reply.removeHeader('set-cookie');
    }
    return payload;
  });

  async function formModel(request: FastifyRequest, values: FormValues = {}, errors: FieldErrors = {}, upload?: Awaited<ReturnType<typeof readUploadForm>>): Promise<ReportFormModel> {
    const [taxonomy, entities] = await Promise.all([loadTaxonomy(db), loadEntityOptions(db)]);
    return {
      ctx: reporterContext(request),
      formToken: issueFormToken((await getSecrets()).formKey, 'report'),
      values,
      errors,
      heldFiles: upload?.heldFiles.map(({ id, name, size }) => ({ id, name, size })) ?? [],
      draft: encodeDraft(upload?.draft),
      taxonomy,
      entities,
      limits,
    };
  }

  app.get('/', async (request, reply) => render(reply, <LandingPage ctx={reporterContext(request)} landing={await loadLandingSettings(db)} />));

  app.get('/new', async (request, reply) => render(reply, <ReportFormPage {...await formModel(request, { kind: 'report', requesterRole: 'staff', identityChoice: 'anonymous', contactPreference: 'site_only' })} />));

  app.post('/new', { config: perAddress(config.rateLimits.reportsPerAddress) }, async (request, reply) => {
    if (!request.isMultipart()) throw new HttpError(400);
    const { formKey } = await getSecrets();
    const upload = await readUploadForm(request, { db, t: request.t, limits, tokenIsGenuine: (token) => checkFormToken(formKey, 'report', token) !== 'invalid' });
    if (upload.refused) throw new HttpError(403);
    // Broken off before the form's token arrived: nothing of the form to show again.
    if (upload.fields.formToken === undefined) throw upload.broken ? new HttpError(400, 'error.brokenBody') : new HttpError(403);
    const [taxonomy, entityOptions] = await Promise.all([loadTaxonomy(db), loadEntityOptions(db)]);
    const form = parseForm(reportSchema(taxonomy, new Set(entityOptions.map((e) => e.id))), upload.fields, request.t);
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (upload.fileErrors.length) errors.files = upload.fileErrors.join(' ');
    const token = await consumeFormToken(db, formKey, 'report', upload.fields.formToken);
    if (token === 'replayed') return render(reply, <FollowUpSignInPage ctx={reporterContext(request)} formToken={issueFormToken(formKey, 'follow-up')} errors={{ receiptCode: request.t('intake.formReplayed') }} />, 409);
    if (token === 'expired') errors.form = request.t('intake.formExpired');
    // What arrived before the break is shown again; a half-arrived report is never stored.
    if (upload.broken) errors.form = request.t('intake.formBroken');
    if (!form.ok || Object.keys(errors).length > 0) return render(reply, <ReportFormPage {...await formModel(request, form.values, errors, upload)} />, 400);

    const submitted = await submitReport(db, await getSecrets(), { ...toReportInput(form.data, taxonomy), draft: upload.draft });
    notifyHandlers(notifyParts, submitted.handlerIds, submitted.reference, 'routed');
    const ctx = reporterContext(request);
    return render(
      reply,
      <ConfirmationPage
        ctx={ctx}
        receiptCode={submitted.receiptCode}
        reference={submitted.reference}
        receivedOn={submitted.receivedOn}
        acknowledgementDueOn={submitted.acknowledgementDueOn}
        feedbackDueOn={submitted.feedbackDueOn}
        themeLabel={themeLabel(taxonomy, submitted.theme, ctx.lang)}
      />,
    );
  });

  app.get('/proof/:reference', { schema: { params: proofParams } }, async (request, reply) => {
    const [found] = await db.select({ kind: cases.kind, theme: cases.theme, receivedOn: cases.receivedOn }).from(cases).where(eq(cases.reference, request.params.reference.slice(0, 20)));
    if (!found) throw new HttpError(404);
    const ctx = reporterContext(request);
    const taxonomy = await loadTaxonomy(db);
    return render(reply, <ProofPage ctx={ctx} reference={request.params.reference} receivedOn={found.receivedOn} themeLabel={themeLabel(taxonomy, found.theme, ctx.lang)} kind={found.kind as 'question' | 'report'} />);
  });

  app.get('/follow-up', async (request, reply) =>
    render(reply, <FollowUpSignInPage ctx={reporterContext(request)} formToken={issueFormToken((await getSecrets()).formKey, 'follow-up')} errors={{}} />),
  );

  // Guessing receipt codes: a few tries per address and minute, on top of the deliberately slow hash.
  app.post('/follow-up', { config: { rateLimit: { max: config.rateLimits.receiptAttemptsPerAddress, timeWindow: '1 minute' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { formKey } = await getSecrets();
    const token = await consumeFormToken(db, formKey, 'follow-up', body.formToken);
    const ctx = reporterContext(request);
    const again = (status: number, message: string) => render(reply, <FollowUpSignInPage ctx={ctx} formToken={issueFormToken(formKey, 'follow-up')} errors={{ receiptCode: message }} />, status);
    if (token === 'invalid') throw new HttpError(403);
    if (token !== 'ok') return again(400, request.t('intake.formExpired'));
    const cookie = await openReceiptSession(db, await getSecrets(), typeof body.receiptCode === 'string' ? body.receiptCode : '');
    if (!cookie) return again(401, request.t('intake.receiptWrong'));
    reply.setCookie(receiptCookie, cookie, { path: '/report', httpOnly: true, secure: config.cookieSecure, sameSite: 'strict', maxAge: Math.floor((receiptSessionIdleMs * 3) / 1000) });
    return reply.redirect(ctx.url('/report/inbox'), 303);
  });

  async function requireReceipt(request: FastifyRequest, reply: FastifyReply): Promise<ReceiptSession | undefined> {
    const session = await loadReceiptSession(db, request.cookies[receiptCookie]);
    if (!session) {
      const { formKey } = await getSecrets();
      render(reply, <FollowUpSignInPage ctx={reporterContext(request)} formToken={issueFormToken(formKey, 'follow-up')} errors={{ receiptCode: request.t('intake.notSignedIn') }} />, 401);
    }
    return session;
  }

  async function inboxModel(request: FastifyRequest, session: ReceiptSession, extra: Partial<InboxModel> = {}): Promise<InboxModel> {
    const ctx = reporterContext(request);
    const [view, taxonomy, entities] = await Promise.all([loadCaseView(db, session.caseId, session.dataKey), loadTaxonomy(db), loadEntityOptions(db)]);
    if (!view) throw new HttpError(404);
    const { formKey } = await getSecrets();
    return {
      ctx,
      view,
      themeLabel: themeLabel(taxonomy, view.theme, ctx.lang),
      entityName: entities.find((e) => e.id === view.entityId)?.name,
      formToken: issueFormToken(formKey, 'reply'),
      signOutToken: issueFormToken(formKey, 'sign-out'),
      values: {},
      errors: {},
      heldFiles: [],
      draft: undefined,
      limits,
      notice: undefined,
      ...extra,
    };
  }

  app.get('/inbox', { schema: { querystring: inboxQuery } }, async (request, reply) => {
    const session = await requireReceipt(request, reply);
    if (!session) return reply;
    const { notice } = request.query;
    return render(reply, <InboxPage {...await inboxModel(request, session, { notice })} recordReview={await recordReviewState(db, session.caseId)} />);
  });

  // The record of an oral report: the reporter checks it, corrects it or confirms it (EU Directive art. 18).
  async function recordReviewPage(request: FastifyRequest, reply: FastifyReply, session: ReceiptSession, form: Pick<RecordReviewModel, 'values' | 'errors' | 'notice'>, status = 200) {
    const { formKey } = await getSecrets();
    const review = await loadRecordReview(db, session);
    return render(reply, <RecordReviewPage ctx={reporterContext(request)} review={review} formToken={issueFormToken(formKey, 'record')} {...form} />, status);
  }

  app.get('/inbox/record', { schema: { querystring: recordQuery } }, async (request, reply) => {
    const session = await requireReceipt(request, reply);
    if (!session) return reply;
    const { notice } = request.query;
    return recordReviewPage(request, reply, session, { values: {}, errors: {}, notice });
  });

  app.post('/inbox/record', { config: perReceiptSession }, async (request, reply) => {
    const session = await requireReceipt(request, reply);
    if (!session) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = await consumeFormToken(db, (await getSecrets()).formKey, 'record', body.formToken);
    if (token === 'invalid') throw new HttpError(403);
    if (token === 'replayed') return reply.redirect(reporterContext(request).url('/report/inbox/record'), 303);
    const corrections = typeof body.corrections === 'string' ? body.corrections : '';
    const values = { corrections };
    const answer = body.answer === 'confirmed' || body.answer === 'corrections' ? body.answer : undefined;
    const version = Number(body.version);
    const errors: FieldErrors = {};
    if (token === 'expired') errors.form = request.t('intake.formExpired');
    if (!answer || !Number.isInteger(version)) errors.form = request.t('form.invalidChoice');
    if (answer === 'corrections' && corrections.trim() === '') errors.corrections = request.t('report.record.correctionsRequired');
    if (answer === 'confirmed' && corrections.trim() !== '') errors.corrections = request.t('report.record.confirmWithText');
    if (corrections.length > correctionsMaxLength) errors.corrections = request.t('form.tooLong', { max: correctionsMaxLength });
    if (Object.keys(errors).length > 0 || !answer) return recordReviewPage(request, reply, session, { values, errors, notice: undefined }, 400);
    const outcome = await answerRecord(db, session.dataKey, { caseId: session.caseId, version, answer, corrections: corrections.trim() });
    if (!outcome.ok) {
      const notAwaiting = outcome.error === 'not_awaiting_review';
      return recordReviewPage(request, reply, session, { values, errors: notAwaiting ? { form: request.t('report.record.notAwaiting') } : {}, notice: notAwaiting ? undefined : 'stale' }, 409);
    }
    await notifyKeyHolders(notifyParts, session.caseId, 'recordAnswered');
    return reply.redirect(reporterContext(request).url(`/report/inbox/record?notice=${answer}`), 303);
  });

  app.post('/inbox/reply', { config: perReceiptSession }, async (request, reply) => {
    const session = await requireReceipt(request, reply);
    if (!session) return reply;
    if (!request.isMultipart()) throw new HttpError(400);
    const { formKey } = await getSecrets();
    const upload = await readUploadForm(request, { db, t: request.t, limits, tokenIsGenuine: (token) => checkFormToken(formKey, 'reply', token) !== 'invalid' });
    if (upload.refused) throw new HttpError(403);
    if (upload.fields.formToken === undefined) throw upload.broken ? new HttpError(400, 'error.brokenBody') : new HttpError(403);
    const body = (upload.fields.body ?? '').trim();
    const errors: FieldErrors = {};
    if (upload.broken) errors.form = request.t('intake.formBroken');
    if (!body) errors.body = request.t('form.required');
    if (body.length > 20_000) errors.body = request.t('form.tooLong', { max: 20_000 });
    if (upload.fileErrors.length) errors.files = upload.fileErrors.join(' ');
    const token = await consumeFormToken(db, formKey, 'reply', upload.fields.formToken);
    if (token === 'replayed') return reply.redirect(reporterContext(request).url('/report/inbox'), 303);
    if (token === 'expired') errors.form = request.t('intake.formExpired');
    if (Object.keys(errors).length > 0) {
      const model = await inboxModel(request, session, { values: { body: upload.fields.body ?? '' }, errors, heldFiles: upload.heldFiles, draft: encodeDraft(upload.draft) });
      return render(reply, <InboxPage {...model} />, 400);
    }
    await addMessage(db, { caseId: session.caseId, dataKey: session.dataKey, author: 'reporter', authorUserId: null, body, draft: upload.draft });
    await notifyKeyHolders(notifyParts, session.caseId, 'reporterMessage');
    return reply.redirect(reporterContext(request).url('/report/inbox?notice=sent'), 303);
  });

  app.get('/inbox/files/:fileId', { schema: { params: fileParams } }, async (request, reply) => {
    const session = await requireReceipt(request, reply);
    if (!session) return reply;
    const file = await readCaseFile(db, { caseId: session.caseId, fileId: request.params.fileId, dataKey: session.dataKey });
    if (!file) throw new HttpError(404);
    reply
      .type(file.mediaType)
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('Content-Length', String(file.size));
    return reply.send(file.stream);
  });

  app.post('/inbox/sign-out', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = await consumeFormToken(db, (await getSecrets()).formKey, 'sign-out', body.formToken);
    if (token === 'invalid') throw new HttpError(403);
    const session = await loadReceiptSession(db, request.cookies[receiptCookie]);
    if (session) await closeReceiptSession(db, session.tokenHash);
    reply.clearCookie(receiptCookie, { path: '/report', httpOnly: true, secure: config.cookieSecure, sameSite: 'strict' });
    return reply.redirect(reporterContext(request).url('/report'), 303);
  });
}
