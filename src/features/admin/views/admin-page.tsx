/** The frame of every back-office page: the section navigation, the heading, and a notice or refusal after a redirect. */
import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { PageHeading } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';

export type AdminSection = 'overview' | 'users' | 'entities' | 'handlerFunctions' | 'routing' | 'landing' | 'taxonomy' | 'audit';

const sections: { section: AdminSection; href: string; label: MessageKey }[] = [
  { section: 'overview', href: '/admin', label: 'admin.nav.overview' },
  { section: 'users', href: '/admin/users', label: 'admin.nav.users' },
  { section: 'entities', href: '/admin/entities', label: 'admin.nav.entities' },
  { section: 'handlerFunctions', href: '/admin/handler-functions', label: 'admin.nav.handlerFunctions' },
  { section: 'routing', href: '/admin/routing', label: 'admin.nav.routing' },
  { section: 'landing', href: '/admin/reporting', label: 'admin.nav.landing' },
  { section: 'taxonomy', href: '/admin/taxonomy', label: 'admin.nav.taxonomy' },
  { section: 'audit', href: '/admin/audit', label: 'admin.nav.audit' },
];

/** A message shown after a redirect: a confirmation ('notice') or a refusal ('problem'). */
export interface Flash {
  kind: 'notice' | 'problem';
  messageKey: MessageKey;
}

interface AdminPageProps {
  ctx: ViewContext;
  section: AdminSection;
  title: string;
  intro?: string | undefined;
  flash?: Flash | undefined;
  children: ComponentChildren;
}

export function AdminPage({ ctx, section, title, intro, flash, children }: AdminPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <nav class="ib-subnav" aria-label={t('admin.nav.label')}>
        <ul class="ib-inline-list">
          {sections.map((item) => (
            <li key={item.section}>
              <a class="utrecht-link" href={item.href} aria-current={item.section === section ? 'page' : undefined}>
                {t(item.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <PageHeading title={title} intro={intro} />
      <FlashMessage ctx={ctx} flash={flash} />
      {children}
    </Layout>
  );
}

export function FlashMessage({ ctx, flash }: { ctx: ViewContext; flash: Flash | undefined }) {
  if (!flash) return null;
  const problem = flash.kind === 'problem';
  return (
    <div class={`utrecht-alert ${problem ? 'utrecht-alert--error' : 'utrecht-alert--info'}`} role={problem ? 'alert' : 'status'}>
      <p class="utrecht-paragraph">{ctx.t(flash.messageKey)}</p>
    </div>
  );
}

/** A secret shown exactly once (a temporary password), large and easy to copy. */
export function OneTimeSecret({ label, value }: { label: string; value: string }) {
  return (
    <div class="ib-one-time">
      <p class="utrecht-paragraph">
        {label}: <code class="ib-secret ib-one-time__secret">{value}</code>
      </p>
    </div>
  );
}

export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href={href}>
        {label}
      </a>
    </p>
  );
}
