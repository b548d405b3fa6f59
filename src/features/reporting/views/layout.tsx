/**
 * The reporter's page frame: skip link, landmarks, language links and a short promise about traces.
 * Nothing from the back office: no navigation to it, no sign-in, no CSRF token, no form in the header.
 */
import type { ComponentChildren } from 'preact';
import { PageDocument } from '../../../ui/document.tsx';
import { LanguageSwitcher } from '../../../ui/language-switcher.tsx';
import type { ReporterContext } from '../view-models.ts';

interface ReporterLayoutProps {
  ctx: ReporterContext;
  title: string;
  children: ComponentChildren;
}

export function ReporterLayout({ ctx, title, children }: ReporterLayoutProps) {
  const { t } = ctx;
  return (
    <PageDocument lang={ctx.lang} title={`${title} — ${t('report.layout.name')}`} skipLabel={t('layout.skip')} extraStylesheets={['/assets/report.css']} bodyClass="ib-reporter">
        <header class="utrecht-page-header ib-header">
          <div class="ib-header__inner">
            <a class="ib-brand utrecht-link" href={ctx.url('/report')}>
              {t('report.layout.name')}
            </a>
            <LanguageSwitcher t={ctx.t} lang={ctx.lang} path={pageForLanguageSwitch(ctx.path)} />
          </div>
          <ReporterNavigation ctx={ctx} />
        </header>
        <main id="content" class="utrecht-page-content ib-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="utrecht-page-footer ib-footer">
          <p class="utrecht-paragraph">{t('report.layout.footer')}</p>
        </footer>
    </PageDocument>
  );
}

/** Pages reached by a POST only (a reply sent back with a mistake) switch language on the page they belong to. */
function pageForLanguageSwitch(path: string): string {
  return path.replace(/\/inbox\/(reply|sign-out)$/, '/inbox');
}


function ReporterNavigation({ ctx }: { ctx: ReporterContext }) {
  const links = [
    { path: '/report', label: ctx.t('report.layout.about') },
    { path: '/report/new', label: ctx.t('report.layout.new') },
    { path: '/report/follow-up', label: ctx.t('report.layout.followUp') },
  ];
  return (
    <nav class="ib-nav" aria-label={ctx.t('report.layout.nav')}>
      <ul class="ib-inline-list">
        {links.map((link) => (
          <li key={link.path}>
            <a class="utrecht-link" href={ctx.url(link.path)} aria-current={ctx.path === link.path ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
