/** GET/POST /cases/:id/redactions: a handler who may act masks passages of the case's text. */
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { render } from '../../../ui/render.tsx';
import { loadCaseView } from '../../case-record/service.ts';
import { redactPassage } from '../commands/redact.ts';
import { openCase, unlockPath } from '../keys.ts';
import { isRedactionTarget, loadRedactions, seesRedacted, type RedactionTarget } from '../redaction.ts';
import { RedactionPage } from '../views/redaction.tsx';
import { idParams, query, type RoutedApp } from '../../../platform/http/route-schemas.ts';

const redactionForm = z
  .object({
    target: z.string().refine(isRedactionTarget, 'handover.redact.noSuchText'),
    passage: z.string().trim().min(1, 'form.required').max(5000, 'form.tooLong'),
    permanent: z.literal('on').optional(),
    reason: z.string().trim().max(2000, 'form.tooLong').optional(),
  })
  .superRefine((data, context) => {
    if (data.permanent && !data.reason) context.addIssue({ code: 'custom', path: ['reason'], message: 'handover.redact.reasonRequired' });
  });

export async function redactionRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  async function open(request: Parameters<typeof openCase>[1], caseId: string) {
    const opened = await openCase(db, request, caseId, 'act');
    if (opened === 'locked') return opened;
    // A holder who reads the masked version cannot mask (nor see) the original.
    if (await seesRedacted(db, caseId, opened.actor.userId)) throw new HttpError(404);
    const view = await loadCaseView(db, caseId, opened.dataKey);
    if (!view) throw new HttpError(404);
    await recordAudit(db, { actorId: opened.actor.userId, action: 'case.read', subjectType: 'case', subjectId: caseId, details: { page: 'redactions' } });
    return { ...opened, view };
  }

  app.get('/:id/redactions', { schema: { params: idParams, querystring: query({ masked: z.coerce.number().int().positive().optional().catch(undefined) }) } }, async (request, reply) => {
    const opened = await open(request, request.params.id);
    if (opened === 'locked') return reply.redirect(unlockPath(request), 303);
    const count = request.query.masked ?? 0;
    const ctx = viewContext(request, reply);
    const notice = Number.isInteger(count) && count > 0 ? ctx.t('handover.redact.done', { count }) : undefined;
    return render(reply, <RedactionPage ctx={ctx} view={opened.view} redactions={await loadRedactions(db, request.params.id)} notice={notice} />);
  });

  app.post('/:id/redactions', { schema: { params: idParams } }, async (request, reply) => {
    const caseId = request.params.id;
    const opened = await open(request, caseId);
    if (opened === 'locked') return reply.redirect(unlockPath(request), 303);
    const ctx = viewContext(request, reply);
    const form = parseForm(redactionForm, request.body, request.t);
    const again = async (values: FormValues, errors: FieldErrors, status: number) =>
      render(reply, <RedactionPage ctx={ctx} view={opened.view} redactions={await loadRedactions(db, caseId)} values={values} errors={errors} />, status);
    if (!form.ok) return again(form.values, form.errors, 400);
    const result = await redactPassage(db, opened.actor.userId, {
      caseId,
      dataKey: opened.dataKey,
      view: opened.view,
      target: form.data.target as RedactionTarget,
      passage: form.data.passage,
      permanent: form.data.permanent === 'on',
      reason: form.data.reason ?? '',
    });
    if (!result.ok) {
      const errors = result.reason === 'no_such_text' ? { target: ctx.t('handover.redact.noSuchText') } : { passage: ctx.t('handover.redact.passageNotFound') };
      return again(form.values, errors, 400);
    }
    return reply.redirect(`/cases/${caseId}/redactions?masked=${result.occurrences}`, 303);
  });
}
