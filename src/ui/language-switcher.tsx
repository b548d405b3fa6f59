/** Links to the same page in each of the four languages, the current one marked; shared by both layouts. */
import { languageNames, languages, type Language } from '../platform/i18n/languages.ts';
import type { Translate } from '../platform/i18n/translate.ts';

export function LanguageSwitcher({ t, lang, path }: { t: Translate; lang: Language; path: string }) {
  return (
    <nav class="ib-languages" aria-label={t('layout.language')}>
      <ul class="ib-inline-list">
        {languages.map((language) => (
          <li key={language}>
            {language === lang ? (
              <span class="ib-languages__current" lang={language} aria-current="true">
                {languageNames[language]}
              </span>
            ) : (
              <a class="utrecht-link" href={`${path}?lang=${language}`} lang={language} hreflang={language}>
                {languageNames[language]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
