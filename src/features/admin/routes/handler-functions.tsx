/** Routes for the configurable list of case-handler functions. */
import { parseForm } from '../../../platform/http/forms.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { render } from '../../../ui/render.tsx';
import { handlerFunctionForm } from '../form-schemas.ts';
import { addHandlerFunction, listHandlerFunctions } from '../service.ts';
import { HandlerFunctionsPage } from '../views/handler-functions.tsx';
import { flashFrom, withNotice } from './flash.ts';
import { actorOf } from './params.ts';
import type { RoutedApp } from '../../../platform/http/route-schemas.ts';

export async function handlerFunctionRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  app.get('/handler-functions', async (request, reply) =>
    render(reply, <HandlerFunctionsPage ctx={viewContext(request, reply)} functions={await listHandlerFunctions(db)} flash={flashFrom(request.query)} />),
  );

  app.post('/handler-functions', async (request, reply) => {
    const ctx = viewContext(request, reply);
    const form = parseForm(handlerFunctionForm, request.body, request.t);
    if (!form.ok) return render(reply, <HandlerFunctionsPage ctx={ctx} functions={await listHandlerFunctions(db)} values={form.values} errors={form.errors} />, 400);
    const { code, label_nl, label_fr, label_en, label_de } = form.data;
    const result = await addHandlerFunction(db, actorOf(request), { code, labels: { nl: label_nl, fr: label_fr, en: label_en, de: label_de } });
    if (!result.ok) {
      const errors = { code: request.t(result.reason === 'code_taken' ? 'admin.handlerFunctions.codeTaken' : 'admin.handlerFunctions.codeInvalid') };
      return render(reply, <HandlerFunctionsPage ctx={ctx} functions={await listHandlerFunctions(db)} values={form.values} errors={errors} />, result.reason === 'code_taken' ? 409 : 400);
    }
    return reply.redirect(withNotice('/admin/handler-functions', 'handlerFunctionAdded'), 303);
  });
}
