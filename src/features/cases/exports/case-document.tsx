/**
 * A case file as a print-ready HTML document, for the dossier an office hands on or keeps on paper: its own small style sheet with
 * @media print rules (served at /cases/export.css, no inline style, no script), the case's metadata,
 * the report's answers, the files' names and the conversation. Masked passages appear as █.
 */
import type { Language } from '../../../platform/i18n/languages.ts';
import type { Translate } from '../../../platform/i18n/translate.ts';
import type { CaseView } from '../../case-record/service.ts';

export const exportStylesheet = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.6rem;margin:0 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #999}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
.text{white-space:pre-wrap}.meta{color:#444;font-size:.9rem}.screen-only a{color:#0645ad}
ol.messages{list-style:none;padding:0}ol.messages li{border-left:3px solid #999;padding:.25rem .75rem;margin:.75rem 0}
@media print{.screen-only{display:none}body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}ol.messages li{break-inside:avoid}@page{margin:2cm}}
`;

export interface ExportFacts {
  procedure: string;
  status: string;
  closedOn: string | null;
  themeLabel: string;
}

export interface ExportDocumentProps {
  lang: Language;
  t: Translate;
  view: CaseView;
  facts: ExportFacts;
  exportedBy: string;
  exportedOn: string;
  redacted: boolean;
}

const answerLabels = [
  ['description', 'handling.description'],
  ['when', 'handling.when'],
  ['where', 'handling.where'],
  ['involved', 'handling.involved'],
] as const;

export function ExportDocument({ lang, t, view, facts, exportedBy, exportedOn, redacted }: ExportDocumentProps) {
  const title = t('handover.export.title', { reference: view.reference });
  const files = [...view.files, ...view.messages.flatMap((m) => m.files)];
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <link rel="stylesheet" href="/cases/export.css" />
      </head>
      <body>
        <p class="screen-only">
          <a href={`/cases/${view.id}`}>{t('handover.backToCase')}</a> · <a href={`/cases/${view.id}/export.pdf`}>{t('handover.export.pdf')}</a> ·{' '}
          {t('handover.export.print')}
        </p>
        <h1>{title}</h1>
        <p class="meta">{t('handover.export.exported', { name: exportedBy, date: exportedOn })}</p>
        {redacted ? <p class="meta">{t('handover.export.redactedNote')}</p> : null}
        <dl>
          <dt>{t('handling.reference')}</dt>
          <dd>{view.reference}</dd>
          <dt>{t('handover.export.procedure')}</dt>
          <dd>{facts.procedure}</dd>
          <dt>{t('handling.theme')}</dt>
          <dd>{facts.themeLabel}</dd>
          <dt>{t('handling.status')}</dt>
          <dd>{facts.status}</dd>
          <dt>{t('handling.received')}</dt>
          <dd>{view.receivedOn}</dd>
          <dt>{t('handover.export.closed')}</dt>
          <dd>{facts.closedOn ?? t('handover.export.notClosed')}</dd>
        </dl>
        {answerLabels.map(([field, label]) =>
          view.answers[field] ? (
            <section key={field}>
              <h2>{t(label)}</h2>
              <p class="text">{view.answers[field]}</p>
            </section>
          ) : null,
        )}
        <h2>{t('handling.files')}</h2>
        {files.length ? (
          <ul>
            {files.map((f) => (
              <li key={f.id}>
                {f.name} ({Math.ceil(f.size / 1024)} KB)
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('handover.export.none')}</p>
        )}
        <h2>{t('handling.messages')}</h2>
        {view.messages.length ? (
          <ol class="messages">
            {view.messages.map((m) => (
              <li key={m.id}>
                <p class="meta">
                  {m.author === 'reporter' ? t('handling.fromReporter') : t('handling.fromHandler')} — {m.sentOn}
                </p>
                <p class="text">{m.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('handover.export.none')}</p>
        )}
      </body>
    </html>
  );
}
