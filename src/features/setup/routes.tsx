/** The one-time setup page, reachable only while the installation is empty. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/http/forms.ts';
import { HttpError } from '../../platform/http/errors.tsx';
import { viewContext } from '../../platform/http/request-context.ts';
import { languageNames, languages } from '../../platform/i18n/languages.ts';
import { minimumPasswordLength } from '../../platform/auth/passwords.ts';
import { createSession, setSessionCookie } from '../../platform/auth/sessions.ts';
import type { ViewContext } from '../../ui/context.ts';
import { Form, PageHeading, SelectField, TextField } from '../../ui/form.tsx';
import { Layout } from '../../ui/layout.tsx';
import { render } from '../../ui/render.tsx';
import { completeSetup } from './service.ts';

const setupForm = z
  .object({
    token: z.string().trim().min(1, 'form.required').max(200),
    organisationName: z.string().trim().min(1, 'form.required').max(200, 'form.tooLong'),
    defaultLanguage: z.enum(languages, 'form.invalidChoice'),
    displayName: z.string().trim().min(1, 'form.required').max(200, 'form.tooLong'),
    email: z.string().trim().min(1, 'form.required').max(320, 'form.tooLong').pipe(z.email('form.invalidEmail')),
    password: z.string().min(minimumPasswordLength, 'form.passwordTooShort').max(1000, 'form.tooLong'),
    passwordRepeat: z.string(),
  })
  .refine((form) => form.password === form.passwordRepeat, { path: ['passwordRepeat'], message: 'form.passwordsDiffer' });

function SetupPage({ ctx, values, errors }: { ctx: ViewContext; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('setup.title')}>
      <PageHeading title={t('setup.title')} intro={t('setup.intro')} />
      <Form ctx={ctx} action="/setup" submitLabel={t('setup.submit')} errors={errors}>
        <TextField name="token" label={t('setup.token')} description={t('setup.tokenHelp')} values={values} errors={errors} autocomplete="off" />
        <TextField name="organisationName" label={t('setup.organisation')} values={values} errors={errors} autocomplete="organization" />
        <SelectField
          name="defaultLanguage"
          label={t('setup.language')}
          values={values ?? { defaultLanguage: ctx.lang }}
          errors={errors}
          options={languages.map((l) => ({ value: l, label: languageNames[l] }))}
        />
        <TextField name="displayName" label={t('setup.adminName')} values={values} errors={errors} autocomplete="name" />
        <TextField name="email" type="email" label={t('setup.email')} values={values} errors={errors} autocomplete="email" />
        <TextField
          name="password"
          type="password"
          label={t('setup.password')}
          description={t('setup.passwordHelp')}
          errors={errors}
          autocomplete="new-password"
        />
        <TextField name="passwordRepeat" type="password" label={t('setup.passwordRepeat')} errors={errors} autocomplete="new-password" />
      </Form>
    </Layout>
  );
}

export async function setup(app: FastifyInstance): Promise<void> {
  const { database, installation, config } = app.parts;

  app.get('/setup', async (request, reply) => {
    if (await installation.isInstalled()) throw new HttpError(404);
    return render(reply, <SetupPage ctx={viewContext(request, reply)} />);
  });

  app.post('/setup', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    if (await installation.isInstalled()) throw new HttpError(404);
    const ctx = viewContext(request, reply);
    const form = parseForm(setupForm, request.body, request.t);
    if (!form.ok) return render(reply, <SetupPage ctx={ctx} values={form.values} errors={form.errors} />, 400);
    const result = await completeSetup(database.db, form.data);
    if (!result.ok) {
      if (result.reason === 'installed') throw new HttpError(404);
      return render(reply, <SetupPage ctx={ctx} values={form.values} errors={{ token: request.t('setup.tokenWrong') }} />, 403);
    }
    await installation.isInstalled();
    const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs, cookieSecure: config.cookieSecure };
    setSessionCookie(reply, await createSession(database.db, result.userId, 'complete', policy), policy);
    return reply.redirect('/account/two-factor', 303);
  });
}
