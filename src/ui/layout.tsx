/** The one page layout: skip link, landmarks, language switcher, navigation and footer. */
import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';
import { PageDocument } from './document.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';

interface LayoutProps {
  ctx: ViewContext;
  title: string;
  children: ComponentChildren;
}

export function Layout({ ctx, title, children }: LayoutProps) {
  const { t, user } = ctx;
  return (
    <PageDocument lang={ctx.lang} title={`${title} — ${t('layout.product')}`} skipLabel={t('layout.skip')}>
        <header class="utrecht-page-header ib-header">
          <div class="ib-header__inner">
            <a class="ib-brand utrecht-link" href="/">
              {t('layout.product')}
            </a>
            <LanguageSwitcher t={ctx.t} lang={ctx.lang} path={ctx.path} />
          </div>
          {user ? <MainNavigation ctx={ctx} /> : null}
        </header>
        <main id="content" class="utrecht-page-content ib-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="utrecht-page-footer ib-footer">
          <p class="utrecht-paragraph">{t('layout.footer')}</p>
        </footer>
    </PageDocument>
  );
}

function MainNavigation({ ctx }: { ctx: ViewContext }) {
  const { t, user } = ctx;
  if (!user) return null;
  return (
    <nav class="ib-nav" aria-label={t('layout.mainNav')}>
      <ul class="ib-inline-list">
        <li>
          <a class="utrecht-link" href="/">
            {t('layout.home')}
          </a>
        </li>
        {user.handlesReports ? (
          <li>
            <a class="utrecht-link" href="/cases">
              {t('layout.reports')}
            </a>
          </li>
        ) : null}
        {user.seesFigures ? (
          <li>
            <a class="utrecht-link" href="/figures-admin">
              {t('figures.admin.title')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="utrecht-link" href="/assessment">
            {t('assessment.nav')}
          </a>
        </li>
        {user.runsRiskAnalysis ? (
          <li>
            <a class="utrecht-link" href="/risk-analysis">
              {t('risk.title')}
            </a>
          </li>
        ) : null}
        {user.isAdministrator ? (
          <li>
            <a class="utrecht-link" href="/admin">
              {t('layout.admin')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="utrecht-link" href="/account">
            {t('layout.account')}
          </a>
        </li>
        <li>
          <span class="ib-nav__user">{t('layout.signedInAs', { name: user.displayName })}</span>
        </li>
        <li>
          <form method="post" action="/sign-out" class="ib-inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            <button type="submit" class="utrecht-button utrecht-button--subtle">
              {t('layout.signOut')}
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}
