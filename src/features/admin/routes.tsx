/** The administrators' back office: users, roles, entities and the audit trail. */
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../platform/auth/guards.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { PageHeading } from '../../ui/form.tsx';
import { Layout } from '../../ui/layout.tsx';
import { render } from '../../ui/render.tsx';

export async function admin(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', requireRole('administrator'));
  app.get('/', async (request, reply) => {
    const ctx = viewContext(request, reply);
    return render(
      reply,
      <Layout ctx={ctx} title={ctx.t('admin.title')}>
        <PageHeading title={ctx.t('admin.title')} />
      </Layout>,
    );
  });
}
