/** The page shown for 400, 403, 404, 413, 429 and 500: what happened and what to do, never a stack trace. */
import type { MessageKey } from '../platform/i18n/catalog.ts';
import type { ViewContext } from './context.ts';
import { Layout } from './layout.tsx';

export type ErrorStatus = 400 | 403 | 404 | 413 | 429 | 500;

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
