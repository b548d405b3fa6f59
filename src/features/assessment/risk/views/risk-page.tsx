/** The frame of every risk analysis page: heading, a notice after a redirect or a problem, and the way back. */
import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../../platform/i18n/catalog.ts';
import type { Language } from '../../../../platform/i18n/languages.ts';
import type { ViewContext } from '../../../../ui/context.ts';
import { PageHeading } from '../../../../ui/form.tsx';
import { Layout } from '../../../../ui/layout.tsx';
import type { LocalText } from '../model.ts';

interface RiskPageProps {
  ctx: ViewContext;
  title: string;
  intro?: string | undefined;
  notice?: MessageKey | undefined;
  problem?: string | undefined;
  /** Something done, with something still to do (ratings saved, questions open). */
  warning?: string | undefined;
  back?: { href: string; label: string } | undefined;
  children: ComponentChildren;
}

export function RiskPage({ ctx, title, intro, notice, problem, warning, back, children }: RiskPageProps) {
  return (
    <Layout ctx={ctx} title={title}>
      {back ? (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={back.href}>
            {back.label}
          </a>
        </p>
      ) : null}
      <PageHeading title={title} intro={intro} />
      {notice ? (
        <div class="utrecht-alert utrecht-alert--info" role="status">
          <p class="utrecht-paragraph">{ctx.t(notice)}</p>
        </div>
      ) : null}
      {warning ? (
        <div class="utrecht-alert utrecht-alert--warning" role="status">
          <p class="utrecht-paragraph">{warning}</p>
        </div>
      ) : null}
      {problem ? (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <p class="utrecht-paragraph">{problem}</p>
        </div>
      ) : null}
      {children}
    </Layout>
  );
}

export const local = (text: LocalText, lang: Language) => text[lang];

export function formatDate(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(`${lang}-BE`, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(date);
}
