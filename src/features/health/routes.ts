/** Liveness and readiness for load balancers and orchestrators. */
import type { FastifyInstance } from 'fastify';

export async function health(app: FastifyInstance): Promise<void> {
  // Alive: the process answers.
  app.get('/healthz', async () => ({ status: 'ok' }));
  // Ready: not draining for a shutdown, and the database takes a write (features/health/readiness.ts).
  app.get('/readyz', async (_request, reply) => {
    const state = await app.parts.readiness.state();
    if (state === 'ready') return { status: 'ready' };
    return reply.status(503).send({ status: state === 'draining' ? 'draining' : 'unavailable' });
  });
}
