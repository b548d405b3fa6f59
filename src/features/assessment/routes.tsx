/** The self-assessment (maturity scan): models for administrators, assessments led by an entity's integrity actors, participants' answers, consensus, report and action plan. */
import type { FastifyInstance } from 'fastify';
import { requireSignedIn } from '../../platform/auth/guards.ts';
import { answerRoutes } from './routes/answers.tsx';
import { modelRoutes } from './routes/models.tsx';
import { reportRoutes } from './routes/report.tsx';
import { runningRoutes } from './routes/running.tsx';
import { noticeQuery } from './routes/shared.ts';

export async function assessment(app: FastifyInstance): Promise<void> {
  // Every page may show a notice after a redirect: its query is checked before the handler (route-schemas.ts).
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, querystring: route.schema?.querystring ?? noticeQuery };
  });
  // Participants with a one-time link have no account; their routes check the link instead.
  await app.register(answerRoutes);
  await app.register(modelRoutes);
  await app.register(async (facilitated) => {
    facilitated.addHook('preHandler', requireSignedIn);
    await facilitated.register(runningRoutes);
    await facilitated.register(reportRoutes);
  });
}
