/**
 * The integrity risk analysis: an entity's integrity actor (or the integrity coordinator) lists the entity's
 * processes, rates their vulnerability and controls, and gets a report with the processes that need measures
 * first, as a page and a PDF. Another entity's analysis does not exist for them (404).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireSignedIn } from '../../../platform/auth/guards.ts';
import { actorOf as policyActor, enforce } from '../../../platform/auth/policy.ts';
import { formValues, parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { viewContext } from '../../../platform/http/request-context.ts';
import { render } from '../../../ui/render.tsx';
import { can, entityScope } from '../policy.ts';
import { completeAnalysis } from './commands/complete-analysis.ts';
import { addProcess, removeProcess, updateProcess, type ProcessEditResult } from './commands/edit-processes.ts';
import { importRiskModel } from './commands/import-model.ts';
import { rateProcess } from './commands/rate-process.ts';
import { startAnalysis } from './commands/start-analysis.ts';
import { noticeFrom, noticeQuery, withNotice } from './flash.ts';
import { analysisParam, modelForm, processForm, processParam, startForm } from './forms.ts';
import { currentRiskModel, entityChoices, getAnalysis, getProcess, listAnalyses, listProcesses, type Analysis } from './queries.ts';
import { fieldName, ratingLabel, ratingValues, readRatings } from './rating-form.ts';
import { buildRiskReport } from './report.ts';
import { riskReportPdf } from './report-pdf.ts';
import { missingRatings, type ProcessRatings } from './score.ts';
import { AnalysesPage } from './views/analyses.tsx';
import { AnalysisPage } from './views/analysis.tsx';
import { ModelPage } from './views/model-page.tsx';
import { ProcessFormPage, RemoveProcessPage } from './views/process-form.tsx';
import { RatingPage } from './views/rating.tsx';
import { ReportPage } from './views/report.tsx';
import { formatDate } from './views/risk-page.tsx';
import type { RoutedApp } from '../../../platform/http/route-schemas.ts';

function actorOf(request: FastifyRequest) {
  const auth = request.auth;
  if (!auth) throw new HttpError(403);
  return auth;
}

/** A refusal of a command on a draft: gone (404) or already completed (409, said in words). */
function refuse(reason: 'not_found' | 'completed'): never {
  throw reason === 'completed' ? new HttpError(409, 'risk.problem.completed') : new HttpError(404);
}

export async function riskAnalysis(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;
  // Every page may show a notice after a redirect: its query is checked before the handler (route-schemas.ts).
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, querystring: route.schema?.querystring ?? noticeQuery };
  });
  app.addHook('preHandler', requireSignedIn);
  app.addHook('preHandler', async (request, reply) => {
    if (!reply.sent) enforce(can(policyActor(request), 'use_instruments'));
  });

  /** The analysis in the path, if this user may work on its entity; anyone else's is a page that does not exist. */
  async function analysisOf(request: FastifyRequest): Promise<Analysis> {
    const parsed = analysisParam.safeParse(request.params);
    if (!parsed.success) throw new HttpError(404);
    const analysis = await getAnalysis(db, parsed.data.id);
    if (!analysis || !can(policyActor(request), 'facilitate', { entityId: analysis.entityId }).allowed) throw new HttpError(404);
    return analysis;
  }

  async function processOf(request: FastifyRequest) {
    const analysis = await analysisOf(request);
    const parsed = processParam.safeParse(request.params);
    if (!parsed.success) throw new HttpError(404);
    const process = await getProcess(db, analysis.id, parsed.data.processId);
    if (!process) throw new HttpError(404);
    return { analysis, process };
  }

  function requireDraft(analysis: Analysis) {
    if (analysis.status !== 'draft') refuse('completed');
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, form?: { values: FormValues; errors: FieldErrors }) {
    const actor = policyActor(request);
    const scope = entityScope(actor);
    const page = (
      <AnalysesPage
        ctx={viewContext(request, reply)}
        analyses={await listAnalyses(db, scope)}
        entities={await entityChoices(db, scope)}
        mayManageModel={can(actor, 'manage_models').allowed}
        notice={noticeFrom(request.query)}
        values={form?.values}
        errors={form?.errors}
      />
    );
    return render(reply, page, form ? 400 : 200);
  }

  app.get('/', (request, reply) => listPage(request, reply));

  app.post('/', async (request, reply) => {
    const form = parseForm(startForm, request.body, request.t);
    if (!form.ok) return listPage(request, reply, form);
    const auth = actorOf(request);
    if (!can(policyActor(request), 'facilitate', { entityId: form.data.entityId }).allowed) return listPage(request, reply, { values: form.values, errors: { entityId: request.t('form.invalidChoice') } });
    const result = await startAnalysis(db, auth.user.id, form.data);
    if (!result.ok) return listPage(request, reply, { values: form.values, errors: { entityId: request.t('form.invalidChoice') } });
    return reply.redirect(withNotice(`/risk-analysis/${result.analysisId}`, 'started'), 303);
  });

  // The model: read by everyone here, changed by the coordinator only.
  async function modelPage(request: FastifyRequest, reply: FastifyReply, failed?: Parameters<typeof ModelPage>[0]['problems'], values?: FormValues, errors?: FieldErrors) {
    enforce(can(policyActor(request), 'manage_models'));
    const current = await currentRiskModel(db);
    const ctx = viewContext(request, reply);
    const page = <ModelPage ctx={ctx} model={current.model} builtIn={current.builtIn} notice={noticeFrom(request.query)} problems={failed} values={values} errors={errors} />;
    return render(reply, page, failed || errors ? 400 : 200);
  }

  app.get('/model', (request, reply) => modelPage(request, reply));

  app.get('/model.yaml', async (request, reply) => {
    enforce(can(policyActor(request), 'manage_models'));
    const current = await currentRiskModel(db);
    return reply
      .type('application/yaml; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${current.model.code}-v${current.model.version}.yaml"`)
      .header('Cache-Control', 'no-store')
      .send(current.source);
  });

  app.post('/model', async (request, reply) => {
    enforce(can(policyActor(request), 'manage_models'));
    const auth = actorOf(request);
    const form = parseForm(modelForm, request.body, request.t);
    if (!form.ok) return modelPage(request, reply, undefined, form.values, form.errors);
    const result = await importRiskModel(db, auth.user.id, form.data.source);
    if (!result.ok) return modelPage(request, reply, result.problems, form.values);
    return reply.redirect(withNotice('/risk-analysis/model', 'modelImported'), 303);
  });

  async function analysisPage(request: FastifyRequest, reply: FastifyReply, analysis: Analysis, problem?: string) {
    const processes = await listProcesses(db, analysis.id);
    const page = <AnalysisPage ctx={viewContext(request, reply)} analysis={analysis} processes={processes} notice={noticeFrom(request.query)} problem={problem} />;
    return render(reply, page, problem ? 400 : 200);
  }

  app.get('/:id', { schema: { params: analysisParam } }, async (request, reply) => analysisPage(request, reply, await analysisOf(request)));

  app.post('/:id/complete', { schema: { params: analysisParam } }, async (request, reply) => {
    const analysis = await analysisOf(request);
    const result = await completeAnalysis(db, actorOf(request).user.id, analysis.id);
    if (result.ok) return reply.redirect(withNotice(`/risk-analysis/${analysis.id}`, 'completed'), 303);
    if (result.reason === 'empty') return analysisPage(request, reply, analysis, request.t('risk.complete.empty'));
    if (result.reason === 'unrated') {
      const problem = request.t('risk.complete.unrated', { count: result.unrated.length, names: result.unrated.join(', ') });
      return analysisPage(request, reply, analysis, problem);
    }
    return refuse(result.reason);
  });

  // Processes: add, edit, remove (after a confirmation).
  app.get('/:id/processes/new', { schema: { params: analysisParam } }, async (request, reply) => {
    const analysis = await analysisOf(request);
    requireDraft(analysis);
    return render(reply, <ProcessFormPage ctx={viewContext(request, reply)} analysisId={analysis.id} />);
  });

  function afterEdit(reply: FastifyReply, analysisId: string, result: ProcessEditResult, notice: 'processAdded' | 'processUpdated' | 'processRemoved') {
    if (!result.ok) refuse(result.reason);
    return reply.redirect(withNotice(`/risk-analysis/${analysisId}`, notice), 303);
  }

  app.post('/:id/processes', { schema: { params: analysisParam } }, async (request, reply) => {
    const analysis = await analysisOf(request);
    const form = parseForm(processForm, request.body, request.t);
    if (!form.ok) return render(reply, <ProcessFormPage ctx={viewContext(request, reply)} analysisId={analysis.id} values={form.values} errors={form.errors} />, 400);
    return afterEdit(reply, analysis.id, await addProcess(db, analysis.id, form.data), 'processAdded');
  });

  app.get('/:id/processes/:processId/edit', { schema: { params: processParam } }, async (request, reply) => {
    const { analysis, process } = await processOf(request);
    requireDraft(analysis);
    const values = { name: process.name, description: process.description };
    return render(reply, <ProcessFormPage ctx={viewContext(request, reply)} analysisId={analysis.id} process={process} values={values} />);
  });

  app.post('/:id/processes/:processId', { schema: { params: processParam } }, async (request, reply) => {
    const { analysis, process } = await processOf(request);
    const form = parseForm(processForm, request.body, request.t);
    if (!form.ok) {
      const page = <ProcessFormPage ctx={viewContext(request, reply)} analysisId={analysis.id} process={process} values={form.values} errors={form.errors} />;
      return render(reply, page, 400);
    }
    return afterEdit(reply, analysis.id, await updateProcess(db, analysis.id, process.id, form.data), 'processUpdated');
  });

  app.get('/:id/processes/:processId/remove', { schema: { params: processParam } }, async (request, reply) => {
    const { analysis, process } = await processOf(request);
    requireDraft(analysis);
    return render(reply, <RemoveProcessPage ctx={viewContext(request, reply)} analysisId={analysis.id} process={process} />);
  });

  app.post('/:id/processes/:processId/remove', { schema: { params: processParam } }, async (request, reply) => {
    const { analysis, process } = await processOf(request);
    return afterEdit(reply, analysis.id, await removeProcess(db, analysis.id, process.id), 'processRemoved');
  });

  // Rating: saved as given, so a rater can come back; what is still open is shown beside its question.
  app.get('/:id/processes/:processId/rate', { schema: { params: processParam } }, async (request, reply) => {
    const { analysis, process } = await processOf(request);
    requireDraft(analysis);
    const page = <RatingPage ctx={viewContext(request, reply)} analysisId={analysis.id} model={analysis.model} process={process} values={ratingValues(analysis.model, process.ratings)} />;
    return render(reply, page);
  });

  app.post('/:id/processes/:processId/rate', { schema: { params: processParam } }, async (request, reply) => {
    const { analysis, process } = await processOf(request);
    const { model } = analysis;
    const values = formValues(request.body);
    const ctx = viewContext(request, reply);
    const reading = readRatings(model, values);
    if (!reading.ok) {
      const errors: FieldErrors = Object.fromEntries(reading.problems.map((p) => [p.field, request.t(p.kind === 'tooLong' ? 'form.tooLong' : 'form.invalidChoice', { max: 2000 })]));
      return render(reply, <RatingPage ctx={ctx} analysisId={analysis.id} model={model} process={process} values={values} errors={errors} />, 400);
    }
    const ratings: ProcessRatings = reading.ratings;
    const saved = await rateProcess(db, analysis.id, process.id, ratings);
    if (!saved.ok) refuse(saved.reason);
    const missing = missingRatings(model, ratings);
    if (missing.length === 0) return reply.redirect(withNotice(`/risk-analysis/${analysis.id}`, 'ratingsSaved'), 303);
    const errors: FieldErrors = Object.fromEntries(missing.map((field) => [fieldName(field), request.t('risk.rate.missingFor', { factor: ratingLabel(model, field, request.lang) })]));
    const page = <RatingPage ctx={ctx} analysisId={analysis.id} model={model} process={process} values={values} errors={errors} stillMissing={missing.length} />;
    return render(reply, page, 400);
  });

  // The report, as a page and as a PDF.
  app.get('/:id/report', { schema: { params: analysisParam } }, async (request, reply) => {
    const analysis = await analysisOf(request);
    const report = buildRiskReport(analysis, await listProcesses(db, analysis.id), request.lang);
    return render(reply, <ReportPage ctx={viewContext(request, reply)} analysisId={analysis.id} report={report} />);
  });

  app.get('/:id/report.pdf', { schema: { params: analysisParam } }, async (request, reply) => {
    const analysis = await analysisOf(request);
    const report = buildRiskReport(analysis, await listProcesses(db, analysis.id), request.lang);
    const pdf = await riskReportPdf(report, request.t, request.lang, formatDate(new Date(), request.lang));
    return reply
      .type('application/pdf')
      .header('Content-Disposition', `attachment; filename="risk-analysis-${analysis.id}.pdf"`)
      .header('Cache-Control', 'no-store')
      .send(pdf);
  });
}
