/** GET/POST /cases/reassign: administrators and the integrity coordinator hand a handler's cases over; anyone else gets a 404. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../../../platform/http/errors.tsx';
import { parseForm } from '../../../platform/http/forms.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { render } from '../../../ui/render.tsx';
import { caseActorOf } from '../access.ts';
import { reassignCases } from '../commands/reassign.ts';
import { configureEscrow } from '../escrow.ts';
import { listHandlers } from '../reassign.ts';
import { ReassignPage } from '../views/reassign.tsx';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'form.required');
const reassignForm = z.object({ from: uuid, to: uuid });

function mayReassign(request: FastifyRequest): void {
  if (!request.auth?.roles.some((g) => g.role === 'administrator' || g.role === 'integrity_coordinator')) throw new HttpError(404);
}

export async function reassignRoutes(app: FastifyInstance): Promise<void> {
  const db = app.parts.database.db;
  // The escrow account follows the configuration at every start (a key added, rotated or removed).
  await configureEscrow(db, app.parts.config.escrowPublicKey);

  app.get('/reassign', async (request, reply) => {
    mayReassign(request);
    const query = request.query as Record<string, string | undefined>;
    const count = (name: string) => Math.max(0, Number.parseInt(query[name] ?? '', 10) || 0);
    const summary = query.moved === undefined ? undefined : { moved: count('moved'), onlyOldHandlerCanOpen: count('onlyOld'), skipped: count('skipped') };
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
