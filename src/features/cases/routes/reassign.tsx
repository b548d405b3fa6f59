/** GET/POST /cases/reassign: administrators and the integrity coordinator hand a handler's cases over; anyone else gets a 404. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../../../platform/http/errors.tsx';
import { parseForm } from '../../../platform/http/forms.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { render } from '../../../ui/render.tsx';
import { caseActorOf } from '../access.ts';
import { reassignCases } from '../commands/reassign.ts';
import { configureEscrow } from '../escrow.ts';
import { listHandlers } from '../reassign.ts';
import { canReassignHandler } from '../policy.ts';
import { ReassignPage } from '../views/reassign.tsx';
import { query, type RoutedApp } from '../../../platform/http/route-schemas.ts';

const handler = z.guid('form.required');
const reassignForm = z.object({ from: handler, to: handler });
/** The summary after a hand-over, carried across the redirect as counts. */
const count = z.coerce.number().int().nonnegative().optional().catch(0);
const summaryQuery = query({ moved: count, onlyOld: count, skipped: count });

function mayReassign(request: FastifyRequest): void {
  if (!canReassignHandler(caseActorOf(request)).allowed) throw new HttpError(404);
}

export async function reassignRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;
  // The escrow account follows the configuration at every start (a key added, rotated or removed).
  await configureEscrow(db, app.parts.config.escrowPublicKey);

  app.get('/reassign', { schema: { querystring: summaryQuery } }, async (request, reply) => {
    mayReassign(request);
    const { moved, onlyOld, skipped } = request.query;
    const summary = moved === undefined ? undefined : { moved, onlyOldHandlerCanOpen: onlyOld ?? 0, skipped: skipped ?? 0 };
    return render(reply, <ReassignPage ctx={viewContext(request, reply)} handlers={await listHandlers(db)} summary={summary} />);
  });

  app.post('/reassign', async (request, reply) => {
    mayReassign(request);
    const ctx = viewContext(request, reply);
    const handlers = await listHandlers(db);
    const form = parseForm(reassignForm, request.body, request.t);
    if (!form.ok) return render(reply, <ReassignPage ctx={ctx} handlers={handlers} values={form.values} errors={form.errors} />, 400);
    const known = (id: string) => handlers.some((h) => h.id === id);
    if (!known(form.data.from) || !known(form.data.to)) {
      return render(reply, <ReassignPage ctx={ctx} handlers={handlers} values={form.values} errors={{ to: ctx.t('handover.reassign.notAHandler') }} />, 400);
    }
    const result = await reassignCases(db, caseActorOf(request), form.data.from, form.data.to);
    if (!result.ok) {
      const key = result.reason === 'same_user' ? 'handover.reassign.sameUser' : result.reason === 'different_function' ? 'handover.reassign.differentFunction' : 'handover.reassign.notAHandler';
      return render(reply, <ReassignPage ctx={ctx} handlers={handlers} values={form.values} errors={{ to: ctx.t(key) }} />, 400);
    }
    const { moved, onlyOldHandlerCanOpen, skipped } = result.summary;
    return reply.redirect(`/cases/reassign?moved=${moved}&onlyOld=${onlyOldHandlerCanOpen}&skipped=${skipped}`, 303);
  });
}
