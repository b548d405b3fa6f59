/**
 * The same case file as a PDF (pdfkit, its built-in Helvetica). Helvetica covers Latin-1 (WinAnsi)
 * only, so the mask character █ is drawn as "X" and other characters outside WinAnsi may show wrongly.
 * pdfkit is loaded on first use: it takes half a second to import, which start-up should not pay.
 */
import type { Translate } from '../../../platform/i18n/translate.ts';
import type { CaseView } from '../../reporting/service.ts';
import { maskCharacter } from '../redaction.ts';
import type { ExportFacts } from './case-document.tsx';

const printable = (text: string) => text.replaceAll(maskCharacter, 'X');

export async function casePdf(t: Translate, view: CaseView, facts: ExportFacts, exportedBy: string, exportedOn: string, redacted: boolean): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: t('handover.export.title', { reference: view.reference }), Producer: 'Integrity Bureau', Creator: 'Integrity Bureau' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(printable(text)).moveDown(0.3).font('Helvetica').fontSize(10.5);
  const paragraph = (text: string) => doc.font('Helvetica').fontSize(10.5).text(printable(text), { paragraphGap: 4 });

  doc.font('Helvetica-Bold').fontSize(18).text(printable(t('handover.export.title', { reference: view.reference })));
  doc.font('Helvetica').fontSize(9).fillColor('#444').text(printable(t('handover.export.exported', { name: exportedBy, date: exportedOn })));
  if (redacted) doc.text(printable(t('handover.export.redactedNote')));
  doc.fillColor('#000').moveDown();
  const facts_: [string, string][] = [
    [t('handling.reference'), view.reference],
    [t('handover.export.procedure'), facts.procedure],
    [t('handling.theme'), facts.themeLabel],
    [t('handling.status'), facts.status],
    [t('handling.received'), view.receivedOn],
    [t('handover.export.closed'), facts.closedOn ?? t('handover.export.notClosed')],
  ];
  for (const [label, value] of facts_) doc.font('Helvetica-Bold').fontSize(10.5).text(`${printable(label)}: `, { continued: true }).font('Helvetica').text(printable(value));
  const answers = [
    ['description', 'handling.description'],
    ['when', 'handling.when'],
    ['where', 'handling.where'],
    ['involved', 'handling.involved'],
  ] as const;
  for (const [field, label] of answers) {
    if (!view.answers[field]) continue;
    heading(t(label));
    paragraph(view.answers[field]);
  }
  heading(t('handling.files'));
  const files = [...view.files, ...view.messages.flatMap((m) => m.files)];
  if (files.length === 0) paragraph(t('handover.export.none'));
  for (const file of files) paragraph(`• ${file.name} (${Math.ceil(file.size / 1024)} KB)`);
  heading(t('handling.messages'));
  if (view.messages.length === 0) paragraph(t('handover.export.none'));
  for (const message of view.messages) {
    doc.font('Helvetica-Bold').fontSize(9.5).fillColor('#444').text(printable(`${message.author === 'reporter' ? t('handling.fromReporter') : t('handling.fromHandler')} — ${message.sentOn}`));
    doc.fillColor('#000');
    paragraph(message.body);
  }
  doc.end();
  return done;
}
