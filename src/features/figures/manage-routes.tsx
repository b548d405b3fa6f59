/**
 * The figures' back office, under /figures-admin (outside the cookie-free /figures, so its forms carry
 * CSRF tokens): the coordinator assembles and publishes; the bureau reads the policy indicators; an
 * entity's integrity actors read their entity's feedback. Every number shown here is protected too.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireSignedIn } from '../../platform/auth/guards.ts';
import { actorOf, enforce } from '../../platform/auth/policy.ts';
import { HttpError } from '../../platform/http/errors.tsx';
import { formValues, parseForm, type FieldErrors, type FormValues } from '../../platform/http/forms.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { id, idParams, noticeName, query, type RoutedApp } from '../../platform/http/route-schemas.ts';
import type { MessageKey } from '../../platform/i18n/catalog.ts';
import { languages } from '../../platform/i18n/languages.ts';
import { brusselsDay } from '../../platform/time/calendar.ts';
import { render } from '../../ui/render.tsx';
import { createPublication } from './commands/create-publication.ts';
import { publishPublication } from './commands/publish.ts';
import { entityScope, publicationScope, saveCommentary } from './commands/save-commentary.ts';
import { saveRules } from './commands/save-rules.ts';
import { unpublishPublication } from './commands/unpublish.ts';
import { computeEntityFeedback, computePolicyIndicators, computePublication, loadRules, yearState } from './compute.ts';
import { feedbackPdf } from './feedback-pdf.ts';
import { indicatorIds, type IndicatorId } from './indicators.ts';
import { listPublications, loadCommentary, loadEntityCommentary, loadPublication, versionsOf } from './publications.ts';
import { presentPublication } from './presenters.ts';
import { can, figuresAccess, type FeedbackSubject, type FiguresAccess, type FiguresAction } from './policy.ts';
import { loadEntityTree } from './queries.ts';
import { publicContext, sendDataFile } from './routes.tsx';
import { commentarySections, DraftPage, FeedbackIndexPage, FeedbackPage, PolicyPage, PublicationsPage, rulesValues, SettingsPage } from './views/manage-pages.tsx';
import { PublicationPage } from './views/publication-page.tsx';

const notices = {
  commentarySaved: 'figures.admin.commentarySaved',
  published: 'figures.admin.published',
  unpublished: 'figures.admin.unpublished',
  settingsSaved: 'figures.settings.saved',
} as const satisfies Record<string, MessageKey>;

const noticeNames = ['commentarySaved', 'published', 'unpublished', 'settingsSaved'] as const satisfies readonly (keyof typeof notices)[];

/** The query of a page that may show a notice after a redirect. */
const noticeQuery = query({ notice: noticeName(noticeNames) });

const noticeOf = (asked: { notice?: (typeof noticeNames)[number] | undefined }): MessageKey | undefined => (asked.notice ? notices[asked.notice] : undefined);

/** Asks the figures policy; refuses with 403 unless allowed, and answers what the pages may offer. */
function authorize(request: FastifyRequest, action: FiguresAction, subject?: FeedbackSubject): FiguresAccess {
  const actor = actorOf(request);
  enforce(can(actor, action, subject));
  return figuresAccess(actor);
}

const fileParams = z.object({ id, file: z.string() });

const today = () => brusselsDay(new Date());

const yearField = z.coerce.number({ message: 'figures.admin.yearInvalid' }).int('figures.admin.yearInvalid').min(2000, 'figures.admin.yearInvalid').max(2100, 'figures.admin.yearInvalid');
const rulesSchema = z.object({
  threshold: z.coerce.number({ message: 'figures.settings.thresholdInvalid' }).int('figures.settings.thresholdInvalid').min(2, 'figures.settings.thresholdInvalid').max(50, 'figures.settings.thresholdInvalid'),
  protectionLevel: z.coerce.number({ message: 'figures.settings.levelInvalid' }).int('figures.settings.levelInvalid').min(1, 'figures.settings.levelInvalid').max(50, 'figures.settings.levelInvalid'),
});

/** The feedback's query: the year asked (else the last year that is over) and a notice. */
const feedbackQuery = query({
  year: z.union([z.literal('').transform(() => undefined), yearField]).optional(),
  notice: noticeName(noticeNames),
});
const yearOrLast = (asked: number | undefined): number => asked ?? Number(today().slice(0, 4)) - 1;

export async function figuresAdmin(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;
  app.addHook('preHandler', requireSignedIn);

  app.get('/', { schema: { querystring: noticeQuery } }, async (request, reply) => {
    const access = figuresAccess(actorOf(request));
    if (!access.managesPublications) {
      if (access.readsPolicyIndicators) return reply.redirect('/figures-admin/policy', 303);
      if (access.readsFeedback) return reply.redirect('/figures-admin/feedback', 303);
      throw new HttpError(403);
    }
    return render(reply, <PublicationsPage ctx={viewContext(request, reply)} access={access} publications={(await listPublications(db)).map((p) => presentPublication(p, p.versions))} values={{ year: String(Number(today().slice(0, 4)) - 1) }} errors={{}} notice={noticeOf(request.query)} />);
  });

  app.post('/publications', async (request, reply) => {
    const access = authorize(request, 'manage_publications');
    const values = formValues(request.body);
    const errors: FieldErrors = {};
    const year = yearField.safeParse(values.year);
    if (!year.success) errors.year = request.t('figures.admin.yearInvalid');
    const chosen = indicatorIds.filter((id) => values[`indicator_${id}`] === 'on');
    if (chosen.length === 0) errors.indicators = request.t('figures.admin.indicatorsRequired');
    if (year.success && chosen.length) {
      const created = await createPublication(db, request.auth!.user.id, { year: year.data, indicators: chosen });
      if (created.ok) return reply.redirect(`/figures-admin/publications/${created.id}`, 303);
      errors.year = request.t('figures.admin.yearExists');
    }
    return render(reply, <PublicationsPage ctx={viewContext(request, reply)} access={access} publications={(await listPublications(db)).map((p) => presentPublication(p, p.versions))} values={values} errors={errors} />, 400);
  });

  async function draftPage(request: FastifyRequest, reply: FastifyReply, id: string, form?: { values: FormValues; errors: FieldErrors }, notice?: MessageKey) {
    const access = authorize(request, 'manage_publications');
    const publication = await loadPublication(db, id);
    if (!publication) throw new HttpError(404);
    const commentary = await loadCommentary(db, id);
    const snapshot = await computePublication(db, { year: publication.year, indicators: publication.indicators as IndicatorId[], today: today(), commentary });
    const stored: FormValues = {};
    for (const section of commentarySections) for (const language of languages) stored[`commentary_${section}_${language}`] = commentary[section]?.[language];
    const page = (
      <DraftPage
        ctx={viewContext(request, reply)}
        access={access}
        publication={presentPublication(publication)}
        snapshot={snapshot}
        yearState={yearState(publication.year, today())}
        versions={await versionsOf(db, id)}
        values={{ ...stored, ...form?.values }}
        errors={form?.errors ?? {}}
        notice={notice}
      />
    );
    return render(reply, page, form ? 400 : 200);
  }

  app.get('/publications/:id', { schema: { params: idParams, querystring: noticeQuery } }, async (request, reply) => {
    authorize(request, 'manage_publications');
    return draftPage(request, reply, request.params.id, undefined, noticeOf(request.query));
  });

  app.post('/publications/:id/commentary', { schema: { params: idParams } }, async (request, reply) => {
    authorize(request, 'manage_publications');
    const { id } = request.params;
    if (!(await loadPublication(db, id))) throw new HttpError(404);
    const values = formValues(request.body);
    const entries = commentarySections.flatMap((section) => languages.map((language) => ({ section, language, body: (values[`commentary_${section}_${language}`] ?? '').slice(0, 20000) })));
    await saveCommentary(db, request.auth!.user.id, publicationScope(id), entries);
    return reply.redirect(`/figures-admin/publications/${id}?notice=commentarySaved`, 303);
  });

  app.post('/publications/:id/publish', { schema: { params: idParams } }, async (request, reply) => {
    authorize(request, 'manage_publications');
    const { id } = request.params;
    const values = formValues(request.body);
    const result = await publishPublication(db, request.auth!.user.id, { publicationId: id, reason: (values.reason ?? '').slice(0, 500), today: today() });
    if (result.ok) return reply.redirect(`/figures-admin/publications/${id}?notice=published`, 303);
    if (result.reason === 'not_found') throw new HttpError(404);
    const message = result.reason === 'reason_required' ? request.t('figures.admin.reasonRequired') : request.t('figures.admin.cannotPublishOpen');
    return draftPage(request, reply, id, { values, errors: { reason: message } });
  });

  app.post('/publications/:id/unpublish', { schema: { params: idParams } }, async (request, reply) => {
    authorize(request, 'manage_publications');
    const { id } = request.params;
    if (!(await loadPublication(db, id))) throw new HttpError(404);
    const values = formValues(request.body);
    const result = await unpublishPublication(db, request.auth!.user.id, { publicationId: id, reason: (values.withdrawReason ?? '').slice(0, 500) });
    if (result.ok) return reply.redirect(`/figures-admin/publications/${id}?notice=unpublished`, 303);
    const message = result.reason === 'reason_required' ? request.t('figures.admin.reasonRequired') : request.t('figures.admin.notPublished');
    return draftPage(request, reply, id, { values, errors: { withdrawReason: message } });
  });

  async function previewSnapshot(request: FastifyRequest, id: string) {
    authorize(request, 'manage_publications');
    const publication = await loadPublication(db, id);
    if (!publication) throw new HttpError(404);
    const snapshot = await computePublication(db, { year: publication.year, indicators: publication.indicators as IndicatorId[], today: today(), commentary: await loadCommentary(db, id) });
    return { id, snapshot, versions: await versionsOf(db, id) };
  }

  app.get('/publications/:id/preview', { schema: { params: idParams } }, async (request, reply) => {
    const { id, snapshot, versions } = await previewSnapshot(request, request.params.id);
    return render(reply, <PublicationPage ctx={publicContext(request)} snapshot={snapshot} dataBase={`/figures-admin/publications/${id}/preview`} versions={versions} preview />);
  });

  app.get('/publications/:id/preview/:file', { schema: { params: fileParams } }, async (request, reply) => {
    const { id, snapshot } = await previewSnapshot(request, request.params.id);
    return sendDataFile(request, reply, snapshot, request.params.file, `/figures-admin/publications/${id}/preview`);
  });

  app.get('/settings', { schema: { querystring: noticeQuery } }, async (request, reply) => {
    const access = authorize(request, 'manage_publications');
    return render(reply, <SettingsPage ctx={viewContext(request, reply)} access={access} values={rulesValues(await loadRules(db))} errors={{}} notice={noticeOf(request.query)} />);
  });

  app.post('/settings', async (request, reply) => {
    const access = authorize(request, 'manage_publications');
    const form = parseForm(rulesSchema, request.body, request.t);
    if (!form.ok) return render(reply, <SettingsPage ctx={viewContext(request, reply)} access={access} values={form.values} errors={form.errors} />, 400);
    await saveRules(db, request.auth!.user.id, form.data);
    return reply.redirect('/figures-admin/settings?notice=settingsSaved', 303);
  });

  app.get('/policy', async (request, reply) => {
    const access = authorize(request, 'read_policy_indicators');
    const policy = await computePolicyIndicators(db, Number(today().slice(0, 4)));
    return render(reply, <PolicyPage ctx={viewContext(request, reply)} access={access} policy={policy} />);
  });

  app.get('/feedback', async (request, reply) => {
    const actor = actorOf(request);
    const access = authorize(request, 'list_feedback');
    const entities = (await loadEntityTree(db)).filter((e) => can(actor, 'read_feedback', { entityId: e.id }).allowed);
    return render(reply, <FeedbackIndexPage ctx={viewContext(request, reply)} access={access} entities={entities} />);
  });

  /** The entity, when the user may read its feedback: the coordinator, or an integrity actor of exactly this entity. */
  async function feedbackEntity(request: FastifyRequest, id: string) {
    authorize(request, 'list_feedback');
    const access = authorize(request, 'read_feedback', { entityId: id });
    const entity = (await loadEntityTree(db)).find((e) => e.id === id);
    if (!entity) throw new HttpError(404);
    return { access, entity };
  }

  app.get('/feedback/:id', { schema: { params: idParams, querystring: feedbackQuery } }, async (request, reply) => {
    const { access, entity } = await feedbackEntity(request, request.params.id);
    const year = yearOrLast(request.query.year);
    const [feedback, commentary] = await Promise.all([computeEntityFeedback(db, entity, year), loadEntityCommentary(db, entity.id, year)]);
    const texts = commentary.introduction ?? {};
    const values: FormValues = Object.fromEntries(languages.map((language) => [`commentary_${language}`, texts[language]]));
    return render(reply, <FeedbackPage ctx={viewContext(request, reply)} access={access} feedback={feedback} yearState={yearState(year, today())} commentary={texts} values={values} notice={noticeOf(request.query)} />);
  });

  app.get('/feedback/:id/report.pdf', { schema: { params: idParams, querystring: feedbackQuery } }, async (request, reply) => {
    const { entity } = await feedbackEntity(request, request.params.id);
    const year = yearOrLast(request.query.year);
    const [feedback, commentary] = await Promise.all([computeEntityFeedback(db, entity, year), loadEntityCommentary(db, entity.id, year)]);
    const texts = commentary.introduction ?? {};
    const pdf = await feedbackPdf(feedback, texts[request.lang] ?? texts.nl, request.t, request.lang);
    return reply.type('application/pdf').header('Cache-Control', 'no-store').header('Content-Disposition', `attachment; filename="feedback-${year}.pdf"`).send(pdf);
  });

  app.post('/feedback/:id/commentary', { schema: { params: idParams, querystring: feedbackQuery } }, async (request, reply) => {
    authorize(request, 'comment_feedback');
    const { entity } = await feedbackEntity(request, request.params.id);
    const year = yearOrLast(request.query.year);
    const values = formValues(request.body);
    await saveCommentary(db, request.auth!.user.id, entityScope(entity.id, year), languages.map((language) => ({ section: 'introduction', language, body: (values[`commentary_${language}`] ?? '').slice(0, 20000) })));
    return reply.redirect(`/figures-admin/feedback/${entity.id}?year=${year}&notice=commentarySaved`, 303);
  });
}
