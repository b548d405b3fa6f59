/** The frame of the self-assessment's pages: layout, heading, a notice after a redirect, and small shared pieces. */
import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { PageHeading } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { LocalizedText } from '../model-definition.ts';

/** A text of the model in the page's language. */
export function localized(text: LocalizedText, ctx: Pick<ViewContext, 'lang'>): string {
  return text[ctx.lang];
}

export function AssessmentFrame({ ctx, title, intro, notice, children }: { ctx: ViewContext; title: string; intro?: string | undefined; notice?: MessageKey | undefined; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title}>
      <PageHeading title={title} intro={intro} />
      {notice ? (
        <div class="utrecht-alert utrecht-alert--info" role="status">
          <p class="utrecht-paragraph">{ctx.t(notice)}</p>
        </div>
      ) : null}
      {children}
    </Layout>
  );
}

export function LinkList({ links }: { links: { href: string; label: string }[] }) {
  return (
    <ul class="utrecht-unordered-list">
      {links.map((link) => (
        <li key={link.href}>
          <a class="utrecht-link" href={link.href}>
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function formatDate(date: Date | string | null, lang: string): string {
  if (!date) return '—';
  const value = typeof date === 'string' ? new Date(`${date}T12:00:00Z`) : date;
  return value.toLocaleDateString(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Europe/Brussels' });
}
