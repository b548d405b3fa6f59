/** Routes for the routing table: list and add rules, change a rule's handlers, delete a rule after confirmation. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { viewContext } from '../../../platform/http/request-context.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import { render } from '../../../ui/render.tsx';
import { loadTaxonomy } from '../../case-record/service.ts';
import { routingRuleForm, ruleHandlersForm } from '../form-schemas.ts';
import {
  createRoutingRule,
  deleteRoutingRule,
  entityOutline,
  getRoutingRule,
  listHandlerChoices,
  listHandlerFunctions,
  listRoutingRules,
  updateRuleHandlers,
  type CreateRoutingRuleResult,
} from '../service.ts';
import { ConfirmPage } from '../views/confirm.tsx';
import { RoutingPage, RoutingRulePage, ruleName, type RoutingChoices } from '../views/routing.tsx';
import { flashFrom, withNotice } from './flash.ts';
import { actorOf, idParams } from './params.ts';
import type { RoutedApp } from '../../../platform/http/route-schemas.ts';

type Refusal = Exclude<CreateRoutingRuleResult, { ok: true }>['reason'];

/** Each refusal beside the field it is about. */
const refusalFields: Record<Refusal, { field: string; message: MessageKey; status: number }> = {
  duplicate: { field: 'theme', message: 'admin.routing.duplicate', status: 409 },
  unknown_theme: { field: 'theme', message: 'form.invalidChoice', status: 400 },
  unknown_entity: { field: 'entityId', message: 'form.invalidChoice', status: 400 },
  no_handlers: { field: 'handlers', message: 'admin.routing.noHandlers', status: 400 },
  not_a_handler: { field: 'handlers', message: 'admin.routing.notAHandlerChoice', status: 400 },
};

export async function routingRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  async function choices(): Promise<RoutingChoices> {
    const [taxonomy, outline, handlers, functions] = await Promise.all([loadTaxonomy(db), entityOutline(db), listHandlerChoices(db), listHandlerFunctions(db)]);
    return { taxonomy, outline, handlers, functions };
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, form?: { values: FormValues; errors: FieldErrors }, status = 200) {
    const ctx = viewContext(request, reply);
    return render(reply, <RoutingPage ctx={ctx} rules={await listRoutingRules(db)} choices={await choices()} flash={flashFrom(request.query)} values={form?.values} errors={form?.errors} />, status);
  }

  async function rulePage(request: FastifyRequest, reply: FastifyReply, ruleId: string, form?: { values: FormValues; errors: FieldErrors }, status = 200) {
    const rule = await getRoutingRule(db, ruleId);
    if (!rule) throw new HttpError(404);
    return render(reply, <RoutingRulePage ctx={viewContext(request, reply)} rule={rule} choices={await choices()} values={form?.values} errors={form?.errors} />, status);
  }

  app.get('/routing', async (request, reply) => listPage(request, reply));

  app.post('/routing', async (request, reply) => {
    const form = parseForm(routingRuleForm, request.body, request.t);
    if (!form.ok) return listPage(request, reply, form, 400);
    const result = await createRoutingRule(db, actorOf(request), form.data);
    if (!result.ok) {
      const refusal = refusalFields[result.reason];
      return listPage(request, reply, { values: form.values, errors: { [refusal.field]: request.t(refusal.message) } }, refusal.status);
    }
    return reply.redirect(withNotice('/admin/routing', 'ruleCreated'), 303);
  });

  app.get('/routing/:id', { schema: { params: idParams } }, async (request, reply) => rulePage(request, reply, request.params.id));

  app.post('/routing/:id', { schema: { params: idParams } }, async (request, reply) => {
    const ruleId = request.params.id;
    const form = parseForm(ruleHandlersForm, request.body, request.t);
    if (!form.ok) return rulePage(request, reply, ruleId, form, 400);
    const result = await updateRuleHandlers(db, actorOf(request), ruleId, form.data);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new HttpError(404);
      const refusal = refusalFields[result.reason];
      return rulePage(request, reply, ruleId, { values: form.values, errors: { [refusal.field]: request.t(refusal.message) } }, refusal.status);
    }
    return reply.redirect(withNotice('/admin/routing', 'ruleUpdated'), 303);
  });

  app.get('/routing/:id/delete', { schema: { params: idParams } }, async (request, reply) => {
    const rule = await getRoutingRule(db, request.params.id);
    if (!rule) throw new HttpError(404);
    const { t } = request;
    const name = ruleName(viewContext(request, reply), await loadTaxonomy(db), rule);
    return render(
      reply,
      <ConfirmPage
        ctx={viewContext(request, reply)}
        section="routing"
        title={t('admin.routingDelete.title', { rule: name })}
        body={t(rule.theme === null && rule.entityId === null ? 'admin.routingDelete.bodyDefault' : 'admin.routingDelete.body', { rule: name })}
        action={`/admin/routing/${rule.id}/delete`}
        submitLabel={t('admin.routingDelete.submit')}
        cancelHref="/admin/routing"
      />,
    );
  });

  app.post('/routing/:id/delete', { schema: { params: idParams } }, async (request, reply) => {
    const result = await deleteRoutingRule(db, actorOf(request), request.params.id);
    if (!result.ok) throw new HttpError(404);
    return reply.redirect(withNotice('/admin/routing', 'ruleDeleted'), 303);
  });
}
