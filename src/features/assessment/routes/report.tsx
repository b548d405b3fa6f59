/** The report (page and PDF) and the action plan of one assessment, for those who facilitate it. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { message, parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { viewContext } from '../../../platform/http/request-context.ts';
import { render } from '../../../ui/render.tsx';
import { actionStatuses, createAction, updateActionStatus } from '../commands/actions.ts';
import { actionsOf, entityUsers, openEarlierActions, type AssessmentSummary } from '../queries.ts';
import { buildReport } from '../report.ts';
import { renderReportPdf } from '../report-pdf.ts';
import { ActionsPage } from '../views/actions.tsx';
import { ReportPage } from '../views/report.tsx';
import { actionParams, actorOf, assessmentParams, facilitatedAssessment, noticeFrom, uuidParam, withNotice } from './shared.ts';
import type { RoutedApp } from '../../../platform/http/route-schemas.ts';

const actionForm = z.object({
  dimensionCode: z.string().min(1),
  title: z.string().trim().min(1).max(500),
  ownerId: z.uuid(),
  dueOn: z.iso.date({ message: message('assessment.actions.badDate') }),
});
const statusForm = z.object({ status: z.enum(actionStatuses) });

export async function reportRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  app.get('/:id/report', { schema: { params: assessmentParams } }, async (request, reply) => {
    const assessment = await facilitatedAssessment(db, request);
    return render(reply, <ReportPage ctx={viewContext(request, reply)} report={await buildReport(db, assessment)} />);
  });

  app.get('/:id/report.pdf', { schema: { params: assessmentParams } }, async (request, reply) => {
    const assessment = await facilitatedAssessment(db, request);
    const pdf = await renderReportPdf(await buildReport(db, assessment), request.lang, request.t);
    return reply
      .type('application/pdf')
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="self-assessment-${assessment.startedAt.toISOString().slice(0, 10)}.pdf"`)
      .send(pdf);
  });

  async function actionsPage(request: FastifyRequest, reply: FastifyReply, assessment: AssessmentSummary, form?: { values: FormValues; errors: FieldErrors }) {
    const report = await buildReport(db, assessment);
    const page = (
      <ActionsPage
        ctx={viewContext(request, reply)}
        assessmentId={assessment.id}
        entityName={assessment.entityName}
        model={assessment.definition}
        nextSteps={report.nextSteps}
        actions={await actionsOf(db, assessment.id)}
        earlier={await openEarlierActions(db, assessment)}
        owners={await entityUsers(db, assessment.entityId)}
        values={form?.values}
        errors={form?.errors}
        notice={noticeFrom(request.query)}
      />
    );
    return render(reply, page, form ? 400 : 200);
  }

  app.get('/:id/actions', { schema: { params: assessmentParams } }, async (request, reply) => actionsPage(request, reply, await facilitatedAssessment(db, request)));

  app.post('/:id/actions', { schema: { params: assessmentParams } }, async (request, reply) => {
    const assessment = await facilitatedAssessment(db, request);
    const form = parseForm(actionForm, request.body, request.t);
    if (!form.ok) return actionsPage(request, reply, assessment, form);
    const errors: FieldErrors = {};
    if (!assessment.definition.dimensions.some((d) => d.code === form.data.dimensionCode)) errors.dimensionCode = request.t('form.invalidChoice');
    if (!(await entityUsers(db, assessment.entityId)).some((u) => u.id === form.data.ownerId)) errors.ownerId = request.t('form.invalidChoice');
    if (Object.keys(errors).length > 0) return actionsPage(request, reply, assessment, { values: form.values, errors });
    await createAction(db, actorOf(request), assessment.id, form.data);
    return reply.redirect(withNotice(`/assessment/${assessment.id}/actions`, 'actionCreated'), 303);
  });

  app.post('/:id/actions/:actionId', { schema: { params: actionParams } }, async (request, reply) => {
    const assessment = await facilitatedAssessment(db, request);
    const form = parseForm(statusForm, request.body, request.t);
    if (!form.ok) throw new HttpError(400);
    const result = await updateActionStatus(db, actorOf(request), assessment.id, uuidParam(request, 'actionId'), form.data.status);
    if (!result.ok) throw new HttpError(404);
    return reply.redirect(withNotice(`/assessment/${assessment.id}/actions`, 'actionUpdated'), 303);
  });
}
