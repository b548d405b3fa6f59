/**
 * Registering contacts from every channel (/cases/new) and writing the record of an oral report
 * (/cases/:id/record). Registered by casePages, so its role guard and /cases prefix apply.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { brusselsDay } from '../../../platform/time/calendar.ts';
import { render } from '../../../ui/render.tsx';
import {
  cases,
  isRecordReviewState,
  latestVersion,
  loadEntityOptions,
  loadTaxonomy,
  notifyHandlers,
  recordHistory,
  reportingSecrets,
  type ReportingSecrets,
} from '../../case-record/service.ts';
import { caseActorOf, requireCasePolicy } from '../access.ts';
import { canRegisterContact } from '../policy.ts';
import { openCase, unlockPath, type OpenedCase } from '../keys.ts';
import { oralChannels, registerContact, registrationSchema, toRegistrationInput, type RegistrationError } from '../commands/register-contact.ts';
import { recordMaxLength, writeRecord } from '../commands/write-record.ts';
import { RegisterConfirmationPage } from '../views/register-confirmation.tsx';
import { RegisterFormPage } from '../views/register-form.tsx';
import { RecordPage, type RecordPageModel } from '../views/register-record.tsx';
import { idParams, query, type RoutedApp, type SchemaRequest } from '../../../platform/http/route-schemas.ts';

const errorField: Record<RegistrationError, { field: string; key: 'register.noKey' | 'register.mayNotReceive' | 'register.dateInFuture' | 'register.dateTooOld' }> = {
  no_key: { field: 'alsoRoute', key: 'register.noKey' },
  may_not_receive: { field: 'alsoRoute', key: 'register.mayNotReceive' },
  received_in_future: { field: 'receivedOn', key: 'register.dateInFuture' },
  received_too_long_ago: { field: 'receivedOn', key: 'register.dateTooOld' },
};

const recordForm = z.object({
  body: z.string().trim().min(1, 'form.required').max(recordMaxLength, 'form.tooLong'),
  version: z.coerce.number().int().positive(),
});

/** The number of the record just written, shown once after the redirect; anything else shows nothing. */
const savedQuery = query({ saved: z.coerce.number().int().positive().optional().catch(undefined) });
type RecordRequest = SchemaRequest<{ params: typeof idParams }>;

export async function caseRegistration(app: RoutedApp): Promise<void> {
  const { database, config, mailer } = app.parts;
  const db = database.db;
  let secrets: ReportingSecrets | undefined;
  const getSecrets = async () => (secrets ??= await reportingSecrets(db));

  async function formPage(request: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FieldErrors = {}, status = 200) {
    const [taxonomy, entities] = await Promise.all([loadTaxonomy(db), loadEntityOptions(db)]);
    return render(reply, <RegisterFormPage ctx={viewContext(request, reply)} values={values} errors={errors} taxonomy={taxonomy} entities={entities} />, status);
  }

  // Only those who hold a key pair register: administrators run the system, never the cases.
  const registrars = { preHandler: requireCasePolicy(canRegisterContact) };

  app.get('/new', registrars, async (request, reply) =>
    formPage(request, reply, { receivedOn: brusselsDay(new Date()), kind: 'report', requesterRole: 'staff', identityChoice: 'anonymous', contactPreference: 'site_only', giveReceipt: 'yes' }),
  );

  app.post('/new', registrars, async (request, reply) => {
    const [taxonomy, entities] = await Promise.all([loadTaxonomy(db), loadEntityOptions(db)]);
    const form = parseForm(registrationSchema(taxonomy, new Set(entities.map((e) => e.id)), brusselsDay(new Date())), request.body, request.t);
    if (!form.ok) return formPage(request, reply, form.values, form.errors, 400);
    const input = toRegistrationInput(form.data, taxonomy);
    const outcome = await registerContact(db, await getSecrets(), caseActorOf(request), input);
    if (!outcome.ok) {
      const { field, key } = errorField[outcome.error];
      return formPage(request, reply, form.values, { [field]: request.t(key) }, 400);
    }
    notifyHandlers({ db, mailer, log: app.log }, outcome.sealedTo.filter((userId) => userId !== request.auth!.user.id), outcome.reference, 'routed');
    // The receipt code is in this response only: never cached, never stored.
    reply.header('Cache-Control', 'no-store');
    return render(
      reply,
      <RegisterConfirmationPage
        ctx={viewContext(request, reply)}
        caseId={outcome.caseId}
        reference={outcome.reference}
        receiptCode={outcome.receiptCode}
        routed={input.alsoRoute}
        oral={oralChannels.includes(input.channel)}
        followUpAddress={`${config.baseUrl}/report/follow-up`}
      />,
    );
  });

  /** The case opened for acting, or a redirect to unlock the handler's key first. */
  async function openForRecord(request: RecordRequest, reply: FastifyReply): Promise<OpenedCase | undefined> {
    const opened = await openCase(db, request, request.params.id, 'act');
    if (opened === 'locked') {
      reply.redirect(unlockPath(request), 303);
      return undefined;
    }
    return opened;
  }

  async function recordPage(request: RecordRequest, reply: FastifyReply, opened: OpenedCase, form: Pick<RecordPageModel, 'values' | 'errors' | 'notice'>, status = 200) {
    const caseId = request.params.id;
    const [row] = await db
      .select({ reference: cases.reference, version: cases.version, recordReview: cases.recordReview, receipt: cases.receiptLookupHash, channel: cases.channel })
      .from(cases)
      .where(eq(cases.id, caseId));
    if (!row) throw new HttpError(404);
    const history = await recordHistory(db, caseId, opened.dataKey);
    // Every read of the record's content is on the audit trail, without the content.
    if (history.length > 0) await recordAudit(db, { actorId: opened.actor.userId, action: 'case.record_read', subjectType: 'case', subjectId: caseId, details: { entries: history.length } });
    const values = form.values.body !== undefined ? form.values : { body: latestVersion(history)?.body ?? '' };
    const model: RecordPageModel = {
      ctx: viewContext(request, reply),
      caseId,
      reference: row.reference,
      version: row.version,
      reviewState: isRecordReviewState(row.recordReview) ? row.recordReview : null,
      reporterCanReview: row.receipt !== null,
      history,
      values,
      errors: form.errors,
      notice: form.notice,
    };
    return render(reply, <RecordPage {...model} />, status);
  }

  app.get('/:id/record', { schema: { params: idParams, querystring: savedQuery } }, async (request, reply) => {
    const opened = await openForRecord(request, reply);
    if (!opened) return reply;
    const { saved } = request.query;
    return recordPage(request, reply, opened, { values: {}, errors: {}, notice: saved ? { saved } : undefined });
  });

  app.post('/:id/record', { schema: { params: idParams } }, async (request, reply) => {
    const opened = await openForRecord(request, reply);
    if (!opened) return reply;
    const form = parseForm(recordForm, request.body, request.t);
    if (!form.ok) return recordPage(request, reply, opened, { values: form.values, errors: form.errors, notice: undefined }, 400);
    const outcome = await writeRecord(db, opened.actor.userId, opened.dataKey, { caseId: request.params.id, version: form.data.version, body: form.data.body });
    // Two handlers at once: the second keeps their text and sees what changed; nothing is stored.
    if (!outcome.ok) return recordPage(request, reply, opened, { values: form.values, errors: {}, notice: { stale: true } }, 409);
    return reply.redirect(`/cases/${request.params.id}/record?saved=${outcome.number}`, 303);
  });
}
