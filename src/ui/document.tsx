/** The HTML document every page shares: language, head (no referrer, our style sheets only) and the skip link. */
import type { ComponentChildren } from 'preact';
import type { Language } from '../platform/i18n/languages.ts';

interface PageDocumentProps {
  lang: Language;
  /** The full <title>, product name included. */
  title: string;
  skipLabel: string;
  /** Style sheets under /assets/, after the NL Design System subset and our own. */
  extraStylesheets?: string[];
  bodyClass?: string;
  children: ComponentChildren;
}

export function PageDocument({ lang, title, skipLabel, extraStylesheets = [], bodyClass, children }: PageDocumentProps) {
  return (
    <html lang={lang} class="utrecht-theme ib-theme">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        {['/assets/utrecht.css', '/assets/app.css', ...extraStylesheets].map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
      </head>
      <body class={`utrecht-page-body${bodyClass ? ` ${bodyClass}` : ''}`}>
        <a class="ib-skip-link utrecht-link" href="#content">
          {skipLabel}
        </a>
        {children}
      </body>
    </html>
  );
}
