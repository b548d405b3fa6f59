/**
 * The back office's case pages at /cases: unlocking the handler's key for the session, and the
 * sub-plugins for lists, the case itself, registration, exports and hand-over.
 */
import { z } from 'zod';
import { requireCasePolicy } from './access.ts';
import { canEnterCases } from './policy.ts';
import { parseForm, type FieldErrors } from '../../platform/http/forms.ts';
import { safeRedirectTarget, type KnownPages } from '../../platform/http/redirect-target.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import type { ViewContext } from '../../ui/context.ts';
import { Form, PageHeading, TextField } from '../../ui/form.tsx';
import { Layout } from '../../ui/layout.tsx';
import { render } from '../../ui/render.tsx';
import { unlockCookie, unlockCookiePath } from './keys.ts';
import { unlockKey } from '../case-record/service.ts';
import { casePageRoutes } from './routes/case-page.tsx';
import { caseRegistration } from './routes/register.tsx';
import { caseLists } from './routes/lists.tsx';
import { exportRoutes } from './routes/exports.tsx';
import { identityRoutes } from './routes/identity.tsx';
import { reassignRoutes } from './routes/reassign.tsx';
import { redactionRoutes } from './routes/redaction.tsx';
import { retentionRoutes } from './routes/retention.tsx';
import { query, type RoutedApp } from '../../platform/http/route-schemas.ts';

const unlockForm = z.object({ secret: z.string().min(1, 'form.required').max(1000, 'form.tooLong'), next: z.string().max(2000).optional() });

/** Only a case page of this app may be returned to after unlocking (platform/http/redirect-target.ts). */
function safeNext(next: unknown, pages: KnownPages): string {
  const target = safeRedirectTarget(next, pages, '/cases');
  return target === '/cases' || target.startsWith('/cases/') || target.startsWith('/cases?') ? target : '/cases';
}

function UnlockPage({ ctx, next, errors }: { ctx: ViewContext; next: string; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('handling.unlockTitle')}>
      <PageHeading title={t('handling.unlockTitle')} intro={t('handling.unlockIntro')} />
      <Form ctx={ctx} action="/cases/unlock" submitLabel={t('handling.unlock')} errors={errors}>
        <input type="hidden" name="next" value={next} />
        <TextField name="secret" type="password" label={t('handling.secret')} errors={errors} autocomplete="current-password" />
      </Form>
    </Layout>
  );
}

export async function casePages(app: RoutedApp): Promise<void> {
  const { database, config, knownPages } = app.parts;
  const db = database.db;
  app.addHook('preHandler', requireCasePolicy(canEnterCases));

  app.get('/unlock', { schema: { querystring: query({ next: z.unknown().optional() }) } }, async (request, reply) => {
    const next = safeNext(request.query.next, knownPages);
    return render(reply, <UnlockPage ctx={viewContext(request, reply)} next={next} />);
  });

  app.post('/unlock', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const ctx = viewContext(request, reply);
    const form = parseForm(unlockForm, request.body, request.t);
    const next = safeNext(form.values.next, knownPages);
    if (!form.ok) return render(reply, <UnlockPage ctx={ctx} next={next} errors={form.errors} />, 400);
    const auth = request.auth!;
    const wrapKey = await unlockKey(db, auth.user.id, auth.tokenHash, new Date(Date.now() + config.sessionAbsoluteMs), form.data.secret);
    if (!wrapKey) {
      const errors = { secret: request.t(auth.user.hasKeyPair ? 'handling.unlockWrong' : 'handling.noKey') };
      return render(reply, <UnlockPage ctx={ctx} next={next} errors={errors} />, 400);
    }
    reply.setCookie(unlockCookie, wrapKey, { path: unlockCookiePath, httpOnly: true, secure: config.cookieSecure, sameSite: 'strict' });
    return reply.redirect(next, 303);
  });

  // Sub-plugins (each file owns its routes under /cases):
  await app.register(caseRegistration);
  await app.register(caseLists);
  // Redaction, hand-over, confidential identity, retention and exports (docs/cases.md).
  await app.register(redactionRoutes);
  await app.register(reassignRoutes);
  await app.register(identityRoutes);
  await app.register(retentionRoutes);
  await app.register(exportRoutes);
  // The case page and its actions (its parameter routes come after the static paths above).
  await app.register(casePageRoutes);
}
