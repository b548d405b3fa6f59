/** Liveness and readiness for load balancers and orchestrators. */
import type { FastifyInstance } from 'fastify';

export async function health(app: FastifyInstance): Promise<void> {
  // Alive: the process answers.
  app.get('/healthz', async () => ({ status: 'ok' }));
  // Ready: the database answers too.
  app.get('/readyz', async (_request, reply) => {
    try {
      await app.parts.database.execute('select 1');
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
}
