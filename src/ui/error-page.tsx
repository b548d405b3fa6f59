/** The page shown for 400, 403, 404, 413, 429 and 500: what happened and what to do, never a stack trace. */
import { renderToString } from 'preact-render-to-string';
import type { MessageKey } from '../platform/i18n/catalog.ts';
import { translator } from '../platform/i18n/translate.ts';
import type { ErrorPages, ErrorStatus } from '../platform/http/errors.tsx';
import { viewContext } from '../platform/http/request-context.ts';
import type { ViewContext } from './context.ts';
import { Layout } from './layout.tsx';

export function ErrorPage({ ctx, status, messageKey }: { ctx: ViewContext; status: ErrorStatus; messageKey?: MessageKey | undefined }) {
  const title = ctx.t(`error.${status}.title`);
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{ctx.t(messageKey ?? `error.${status}.body`)}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/">
          {ctx.t('error.backHome')}
        </a>
      </p>
    </Layout>
  );
}

function errorDocument(ctx: ViewContext, status: ErrorStatus, messageKey: MessageKey | undefined): string {
  return `<!doctype html>${renderToString(<ErrorPage ctx={ctx} status={status} messageKey={messageKey} />)}`;
}

/** The error page as platform/http/errors.tsx draws it, for a request or before there is one; src/app.ts passes it in. */
export const errorPages: ErrorPages = {
  forRequest(request, reply, { status, messageKey, path }) {
    const ctx = viewContext(request, reply);
    return errorDocument(path === undefined ? ctx : { ...ctx, path }, status, messageKey);
  },
  beforeRequest(lang, { status, messageKey, path }) {
    return errorDocument({ lang, t: translator(lang), path: path ?? '/', csrfToken: () => '', user: undefined }, status, messageKey);
  },
};
