/** The handler's minimal report pages: unlock, list, read with attachments, reply. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../../platform/auth/guards.ts';
import { HttpError } from '../../platform/http/errors.tsx';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/http/forms.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import type { ViewContext } from '../../ui/context.ts';
import { Form, PageHeading, TextAreaField, TextField } from '../../ui/form.tsx';
import { Layout } from '../../ui/layout.tsx';
import { render } from '../../ui/render.tsx';
import { readCaseFile } from './attachments/store.ts';
import { addMessage, loadCaseView, type CaseView } from './conversation.ts';
import { auditCaseAccess, loadUnlockedKeys, openCaseKey, routedCases, unlockCookie, unlockKey, type HandlerKeys } from './handling.ts';
import { loadTaxonomy, themeLabel } from './settings.ts';

const unlockForm = z.object({ secret: z.string().min(1, 'form.required').max(1000, 'form.tooLong') });
const replyForm = z.object({ body: z.string().trim().min(1, 'form.required').max(20_000, 'form.tooLong') });

function UnlockPage({ ctx, errors }: { ctx: ViewContext; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('handling.unlockTitle')}>
      <PageHeading title={t('handling.unlockTitle')} intro={t('handling.unlockIntro')} />
      <Form ctx={ctx} action="/handling/unlock" submitLabel={t('handling.unlock')} errors={errors}>
        <TextField name="secret" type="password" label={t('handling.secret')} errors={errors} autocomplete="current-password" />
      </Form>
    </Layout>
  );
}

type Routed = Awaited<ReturnType<typeof routedCases>>;

function ListPage({ ctx, rows, labels }: { ctx: ViewContext; rows: Routed; labels: Map<string, string> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('handling.title')}>
      <PageHeading title={t('handling.title')} />
      {rows.length === 0 ? (
        <p class="utrecht-paragraph">{t('handling.empty')}</p>
      ) : (
        <div class="ib-table-wrap">
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">{t('handling.title')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">{t('handling.reference')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('handling.theme')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('handling.received')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('handling.ackDue')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('handling.feedbackDue')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('handling.status')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {rows.map((row) => (
                <tr class="utrecht-table__row" key={row.id}>
                  <td class="utrecht-table__cell">
                    <a class="utrecht-link" href={`/handling/cases/${row.id}`}>
                      {row.reference}
                    </a>
                  </td>
                  <td class="utrecht-table__cell">{labels.get(row.theme) ?? row.theme}</td>
                  <td class="utrecht-table__cell">{row.receivedOn}</td>
                  <td class="utrecht-table__cell">{row.acknowledgementDueOn}</td>
                  <td class="utrecht-table__cell">{row.feedbackDueOn}</td>
                  <td class="utrecht-table__cell">{row.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

interface CasePageProps {
  ctx: ViewContext;
  view: CaseView;
  theme: string;
  values?: FormValues;
  errors?: FieldErrors;
  sent: boolean;
}

function Text({ value }: { value: string }) {
  return <p class="utrecht-paragraph ib-pre">{value}</p>;
}

function CasePage({ ctx, view, theme, values, errors, sent }: CasePageProps) {
  const { t } = ctx;
  const { answers } = view;
  const fileLink = (id: string, name: string, size: number) => (
    <li key={id}>
      <a class="utrecht-link" href={`/handling/cases/${view.id}/files/${id}`}>
        {name}
      </a>{' '}
      ({Math.ceil(size / 1024)} KB)
    </li>
  );
  return (
    <Layout ctx={ctx} title={view.reference}>
      <PageHeading title={`${t('handling.reference')} ${view.reference}`} />
      {sent ? (
        <div class="utrecht-alert utrecht-alert--info" role="status">
          <p class="utrecht-paragraph">{t('handling.sent')}</p>
        </div>
      ) : null}
      <dl class="ib-facts">
        <dt>{t('handling.kind')}</dt>
        <dd>{view.kind}</dd>
        <dt>{t('handling.theme')}</dt>
        <dd>{theme}</dd>
        <dt>{t('handling.identity')}</dt>
        <dd>{view.identityChoice}</dd>
        <dt>{t('handling.meeting')}</dt>
        <dd>{view.wantsMeeting ? t('handling.yes') : t('handling.no')}</dd>
        <dt>{t('handling.received')}</dt>
        <dd>{view.receivedOn}</dd>
        <dt>{t('handling.ackDue')}</dt>
        <dd>{view.acknowledgementDueOn}</dd>
        <dt>{t('handling.feedbackDue')}</dt>
        <dd>{view.feedbackDueOn}</dd>
      </dl>
      <h2 class="utrecht-heading-2">{t('handling.description')}</h2>
      <Text value={answers.description} />
      {answers.when ? (
        <>
          <h3 class="utrecht-heading-3">{t('handling.when')}</h3>
          <Text value={answers.when} />
        </>
      ) : null}
      {answers.where ? (
        <>
          <h3 class="utrecht-heading-3">{t('handling.where')}</h3>
          <Text value={answers.where} />
        </>
      ) : null}
      {answers.involved ? (
        <>
          <h3 class="utrecht-heading-3">{t('handling.involved')}</h3>
          <Text value={answers.involved} />
        </>
      ) : null}
      {answers.name || answers.email || answers.phone ? (
        <>
          <h3 class="utrecht-heading-3">{t('handling.contact')}</h3>
          <Text value={[answers.name, answers.email, answers.phone].filter(Boolean).join('\n')} />
        </>
      ) : null}
      {view.files.length ? (
        <>
          <h2 class="utrecht-heading-2">{t('handling.files')}</h2>
          <ul class="utrecht-unordered-list">{view.files.map((f) => fileLink(f.id, f.name, f.size))}</ul>
        </>
      ) : null}
      <h2 class="utrecht-heading-2">{t('handling.messages')}</h2>
      <ol class="ib-messages">
        {view.messages.map((message) => (
          <li key={message.id} class={`ib-message ib-message--${message.author}`}>
            <p class="utrecht-paragraph">
              <strong>{message.author === 'reporter' ? t('handling.fromReporter') : t('handling.fromHandler')}</strong> — {message.sentOn}
            </p>
            <Text value={message.body} />
            {message.files.length ? <ul class="utrecht-unordered-list">{message.files.map((f) => fileLink(f.id, f.name, f.size))}</ul> : null}
          </li>
        ))}
      </ol>
      <h2 class="utrecht-heading-2">{t('handling.reply')}</h2>
      <Form ctx={ctx} action={`/handling/cases/${view.id}/reply`} submitLabel={t('handling.send')} errors={errors}>
        <TextAreaField name="body" label={t('handling.reply')} values={values} errors={errors} />
      </Form>
    </Layout>
  );
}

export async function handling(app: FastifyInstance): Promise<void> {
  const { database, config } = app.parts;
  const db = database.db;
  app.addHook('preHandler', requireRole('case_handler', 'integrity_coordinator'));

  async function keysOf(request: FastifyRequest): Promise<HandlerKeys | undefined> {
    const auth = request.auth!;
    return loadUnlockedKeys(db, auth.user.id, auth.tokenHash, request.cookies[unlockCookie]);
  }

  async function withCase(request: FastifyRequest<{ Params: { caseId: string } }>, reply: FastifyReply) {
    if (!/^[0-9a-f-]{36}$/.test(request.params.caseId)) throw new HttpError(404);
    const keys = await keysOf(request);
    if (!keys) {
      reply.redirect('/handling', 303);
      return undefined;
    }
    const dataKey = await openCaseKey(db, keys, request.params.caseId);
    // Not sealed to this handler: they have no need to know, and a 404 does not say whether it exists.
    if (!dataKey) throw new HttpError(404);
    return { keys, dataKey };
  }

  app.get('/', async (request, reply) => {
    const ctx = viewContext(request, reply);
    if (!(await keysOf(request))) return render(reply, <UnlockPage ctx={ctx} />);
    const taxonomy = await loadTaxonomy(db);
    const labels = new Map(taxonomy.themes.map((theme) => [theme.code, themeLabel(taxonomy, theme.code, ctx.lang)]));
    return render(reply, <ListPage ctx={ctx} rows={await routedCases(db, request.auth!.user.id)} labels={labels} />);
  });

  app.post('/unlock', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const ctx = viewContext(request, reply);
    const form = parseForm(unlockForm, request.body, request.t);
    if (!form.ok) return render(reply, <UnlockPage ctx={ctx} errors={form.errors} />, 400);
    const auth = request.auth!;
    const wrapKey = await unlockKey(db, auth.user.id, auth.tokenHash, new Date(Date.now() + config.sessionAbsoluteMs), form.data.secret);
    if (!wrapKey) return render(reply, <UnlockPage ctx={ctx} errors={{ secret: request.t(auth.user.hasKeyPair ? 'handling.unlockWrong' : 'handling.noKey') }} />, 400);
    reply.setCookie(unlockCookie, wrapKey, { path: '/handling', httpOnly: true, secure: config.cookieSecure, sameSite: 'strict' });
    return reply.redirect('/handling', 303);
  });

  app.get<{ Params: { caseId: string } }>('/cases/:caseId', async (request, reply) => {
    const opened = await withCase(request, reply);
    if (!opened) return reply;
    const ctx = viewContext(request, reply);
    const view = await loadCaseView(db, request.params.caseId, opened.dataKey);
    if (!view) throw new HttpError(404);
    await auditCaseAccess(db, opened.keys.userId, view.id, 'case.read');
    const theme = themeLabel(await loadTaxonomy(db), view.theme, ctx.lang);
    const sent = (request.query as Record<string, unknown>).notice === 'sent';
    return render(reply, <CasePage ctx={ctx} view={view} theme={theme} sent={sent} />);
  });

  app.post<{ Params: { caseId: string } }>('/cases/:caseId/reply', async (request, reply) => {
    const opened = await withCase(request, reply);
    if (!opened) return reply;
    const form = parseForm(replyForm, request.body, request.t);
    if (!form.ok) {
      const ctx = viewContext(request, reply);
      const view = await loadCaseView(db, request.params.caseId, opened.dataKey);
      const theme = themeLabel(await loadTaxonomy(db), view!.theme, ctx.lang);
      return render(reply, <CasePage ctx={ctx} view={view!} theme={theme} values={form.values} errors={form.errors} sent={false} />, 400);
    }
    await addMessage(db, { caseId: request.params.caseId, dataKey: opened.dataKey, author: 'handler', authorUserId: opened.keys.userId, body: form.data.body });
    return reply.redirect(`/handling/cases/${request.params.caseId}?notice=sent`, 303);
  });

  app.get<{ Params: { caseId: string; fileId: string } }>('/cases/:caseId/files/:fileId', async (request, reply) => {
    const opened = await withCase(request, reply);
    if (!opened) return reply;
    if (!/^[0-9a-f-]{36}$/.test(request.params.fileId)) throw new HttpError(404);
    const file = await readCaseFile(db, { caseId: request.params.caseId, fileId: request.params.fileId, dataKey: opened.dataKey });
    if (!file) throw new HttpError(404);
    await auditCaseAccess(db, opened.keys.userId, request.params.caseId, 'case.file_downloaded', request.params.fileId);
    reply.type(file.mediaType).header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`).header('Content-Length', String(file.size));
    return reply.send(file.stream);
  });
}
