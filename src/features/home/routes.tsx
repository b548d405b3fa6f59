/** The signed-in start page: who you are and what you can do here. */
import type { FastifyInstance } from 'fastify';
import { requireSignedIn } from '../../platform/auth/guards.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { PageHeading } from '../../ui/form.tsx';
import { Layout } from '../../ui/layout.tsx';
import { render } from '../../ui/render.tsx';

export async function home(app: FastifyInstance): Promise<void> {
  app.get('/', { preHandler: requireSignedIn }, async (request, reply) => {
    const ctx = viewContext(request, reply);
    const { t } = ctx;
    const auth = request.auth!;
    return render(
      reply,
      <Layout ctx={ctx} title={t('home.title')}>
        <PageHeading title={t('home.title')} intro={t('home.welcome', { name: auth.user.displayName })} />
        <h2 class="utrecht-heading-2">{t('home.roles')}</h2>
        {auth.roles.length === 0 ? (
          <p class="utrecht-paragraph">{t('home.noRoles')}</p>
        ) : (
          <ul class="utrecht-unordered-list">
            {auth.roles.map((grant, index) => (
              <li key={index}>
                {t(`role.${grant.role}`)}
                {grant.actorFunction ? ` — ${t(`actor.${grant.actorFunction as 'hr'}`)}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });
}
