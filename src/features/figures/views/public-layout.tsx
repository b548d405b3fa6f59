/**
 * The frame of the public figures: skip link, landmarks, language links. No back-office navigation, no
 * form, no cookie: the language travels in the URL, as on the reporting point.
 */
import type { ComponentChildren } from 'preact';
import type { Language } from '../../../platform/i18n/languages.ts';
import type { Translate } from '../../../platform/i18n/translate.ts';
import { PageDocument } from '../../../ui/document.tsx';
import { LanguageSwitcher } from '../../../ui/language-switcher.tsx';

export interface PublicContext {
  lang: Language;
  t: Translate;
  path: string;
  /** A link that keeps the language the visitor chose. */
  url: (path: string) => string;
}

export function PublicLayout({ ctx, title, children }: { ctx: PublicContext; title: string; children: ComponentChildren }) {
  const { t } = ctx;
  return (
    <PageDocument lang={ctx.lang} title={`${title} — ${t('figures.public.name')}`} skipLabel={t('layout.skip')} extraStylesheets={['/assets/figures.css']}>
      <header class="utrecht-page-header ib-header">
        <div class="ib-header__inner">
          <a class="ib-brand utrecht-link" href={ctx.url('/figures')}>
            {t('figures.public.archiveTitle')}
          </a>
          <LanguageSwitcher t={t} lang={ctx.lang} path={ctx.path} />
        </div>
      </header>
      <main id="content" class="utrecht-page-content ib-main" tabIndex={-1}>
        {children}
      </main>
      <footer class="utrecht-page-footer ib-footer">
        <p class="utrecht-paragraph">{t('figures.public.footer')}</p>
      </footer>
    </PageDocument>
  );
}
