/** The administrators' back office: users, roles, entities, handler functions, the reporting point's routing and settings, and the audit trail — for administrators only. */
import type { FastifyInstance } from 'fastify';
import { requireSignedIn } from '../../platform/auth/guards.ts';
import { actorOf, enforce } from '../../platform/auth/policy.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { render } from '../../ui/render.tsx';
import { can } from './policy.ts';
import { adminCounts } from './service.ts';
import { OverviewPage } from './views/overview.tsx';
import { flashQuery } from './routes/flash.ts';
import { auditRoutes } from './routes/audit.tsx';
import { entityRoutes } from './routes/entities.tsx';
import { handlerFunctionRoutes } from './routes/handler-functions.tsx';
import { reportingSettingsRoutes } from './routes/reporting-settings.tsx';
import { routingRoutes } from './routes/routing.tsx';
import { userRoutes } from './routes/users.tsx';

export async function admin(app: FastifyInstance): Promise<void> {
  // Added before the routes are registered, so it guards every route below, GET and POST alike.
  app.addHook('preHandler', requireSignedIn);
  app.addHook('preHandler', async (request, reply) => {
    if (!reply.sent) enforce(can(actorOf(request), 'administer'));
  });

  // Every back-office page may show a flash after a redirect: its query is checked before the handler
  // (route-schemas.ts), unless the route declares a query of its own.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, querystring: route.schema?.querystring ?? flashQuery };
  });

  app.get('/', async (request, reply) => {
    const counts = await adminCounts(app.parts.database.db);
    return render(reply, <OverviewPage ctx={viewContext(request, reply)} counts={counts} />);
  });

  await app.register(userRoutes);
  await app.register(entityRoutes);
  await app.register(handlerFunctionRoutes);
  await app.register(routingRoutes);
  await app.register(reportingSettingsRoutes);
  await app.register(auditRoutes);
}
