/** The same case file as a tagged PDF (ui/pdf.ts): the facts, the report's answers, the files and the messages. */
import type { Language } from '../../../platform/i18n/languages.ts';
import type { Translate } from '../../../platform/i18n/translate.ts';
import { openPdf } from '../../../ui/pdf.ts';
import type { CaseView } from '../../case-record/service.ts';
import type { ExportFacts } from './case-document.tsx';

export async function casePdf(t: Translate, lang: Language, view: CaseView, facts: ExportFacts, exportedBy: string, exportedOn: string, redacted: boolean): Promise<Buffer> {
  const title = t('handover.export.title', { reference: view.reference });
  const pdf = await openPdf({ title, lang, margin: 56 });
  pdf.heading(title, 1);
  pdf.paragraph(t('handover.export.exported', { name: exportedBy, date: exportedOn }), { size: 9, muted: true });
  if (redacted) pdf.paragraph(t('handover.export.redactedNote'), { size: 9, muted: true });
  pdf.table({
    header: [t('handover.export.fact'), t('handover.export.value')],
    rows: [
      [t('handling.reference'), view.reference],
      [t('handover.export.procedure'), facts.procedure],
      [t('handling.theme'), facts.themeLabel],
      [t('handling.status'), facts.status],
      [t('handling.received'), view.receivedOn],
      [t('handover.export.closed'), facts.closedOn ?? t('handover.export.notClosed')],
    ],
    size: 10,
  });
  const answers = [
    ['description', 'handling.description'],
    ['when', 'handling.when'],
    ['where', 'handling.where'],
    ['involved', 'handling.involved'],
  ] as const;
  for (const [field, label] of answers) {
    if (!view.answers[field]) continue;
    pdf.heading(t(label));
    pdf.paragraph(view.answers[field], { size: 10.5 });
  }
  pdf.heading(t('handling.files'));
  const files = [...view.files, ...view.messages.flatMap((m) => m.files)];
  if (files.length === 0) pdf.paragraph(t('handover.export.none'));
  pdf.list(files.map((file) => `${file.name} (${Math.ceil(file.size / 1024)} KB)`));
  pdf.heading(t('handling.messages'));
  if (view.messages.length === 0) pdf.paragraph(t('handover.export.none'));
  for (const message of view.messages) {
    pdf.heading(`${message.author === 'reporter' ? t('handling.fromReporter') : t('handling.fromHandler')} — ${message.sentOn}`, 3);
    pdf.paragraph(message.body, { size: 10.5 });
  }
  return pdf.finish();
}
