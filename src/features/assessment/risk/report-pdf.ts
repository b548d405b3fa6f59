/** The report as a PDF (pdfkit): the same content as the page — summary, profile bars and figures, priorities with measures, method. */
import PDFDocument from 'pdfkit';
import type { Language } from '../../../platform/i18n/languages.ts';
import type { Translate } from '../../../platform/i18n/translate.ts';
import type { RiskReport } from './report.ts';
import type { RiskLevel } from './score.ts';

const colours: Record<RiskLevel, string> = { low: '#2e7d32', medium: '#a35200', high: '#b00020' };

export function riskReportPdf(report: RiskReport, t: Translate, lang: Language, generatedOn: string): Promise<Buffer> {
  const title = t('risk.report.title', { title: report.title });
  const doc = new PDFDocument({ size: 'A4', margin: 50, lang, displayTitle: true, info: { Title: title, Subject: report.entityName, Creator: 'Integrity Bureau' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#1a1a1a').text(text, left, undefined, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
  };
  const paragraph = (text: string) => doc.font('Helvetica').fontSize(10).fillColor('#1a1a1a').text(text, left, undefined, { width }).moveDown(0.3);
  const ensureSpace = (height: number) => {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };

  doc.font('Helvetica-Bold').fontSize(18).fillColor('#1a1a1a').text(title, { width });
  doc.moveDown(0.4);
  paragraph(t('risk.analysis.entity', { entity: report.entityName }));
  paragraph(t('risk.analysis.model', { model: report.modelTitle, version: report.modelVersion }));
  paragraph(t('risk.report.generated', { date: generatedOn }));
  if (report.status === 'draft') paragraph(t('risk.report.draftNote'));

  if (report.rows.length === 0) {
    paragraph(t('risk.report.noRated'));
  } else {
    paragraph(t('risk.report.summary', report.counts));
    heading(t('risk.report.chartTitle'));
    const labelWidth = 170;
    const barArea = width - labelWidth - 40;
    for (const row of report.rows) {
      ensureSpace(16);
      const y = doc.y;
      doc.font('Helvetica').fontSize(9).fillColor('#1a1a1a').text(row.name, left, y + 2, { width: labelWidth - 8, height: 12, ellipsis: true, lineBreak: false });
      doc.rect(left + labelWidth, y + 1, Math.max(1, (row.score.residual / 100) * barArea), 10).fill(colours[row.score.level]);
      doc.fillColor('#1a1a1a').text(String(row.score.residual), left + labelWidth + (row.score.residual / 100) * barArea + 4, y + 2, { lineBreak: false });
      doc.x = left;
      doc.y = y + 15;
    }

    heading(t('risk.report.tableCaption'));
    const columns = ['inherent', 'enhancing', 'vulnerability', 'resilience', 'residual'] as const;
    const nameWidth = 150;
    const cell = (width - nameWidth) / (columns.length + 1);
    const row = (cells: string[], bold: boolean) => {
      const heights = cells.map((text, i) => doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5).heightOfString(text, { width: (i === 0 ? nameWidth : cell) - 6 }));
      const height = Math.max(...heights) + 4;
      ensureSpace(height);
      const y = doc.y;
      cells.forEach((text, i) => {
        const x = i === 0 ? left : left + nameWidth + (i - 1) * cell;
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5).fillColor('#1a1a1a').text(text, x, y, { width: (i === 0 ? nameWidth : cell) - 6 });
      });
      doc.moveTo(left, y + height - 2).lineTo(left + width, y + height - 2).lineWidth(0.5).strokeColor('#d0d4dc').stroke();
      doc.x = left;
      doc.y = y + height;
    };
    row([t('risk.analysis.process'), ...columns.map((c) => t(`risk.report.${c}`)), t('risk.report.level')], true);
    for (const process of report.rows) row([process.name, ...columns.map((c) => String(process.score[c])), t(`risk.level.${process.score.level}`)], false);

    heading(t('risk.report.priorities'));
    if (report.priorities.length === 0) paragraph(t('risk.report.noPriorities'));
    report.priorities.forEach((process, index) => {
      ensureSpace(40);
      doc.font('Helvetica-Bold').fontSize(10.5).fillColor('#1a1a1a').text(`${index + 1}. ${process.name} — ${t('risk.report.residual')} ${process.residual} (${t(`risk.level.${process.level}`)})`, left, undefined, { width });
      doc.moveDown(0.2);
      if (process.measures.length === 0) paragraph(t('risk.report.noMeasures'));
      for (const measure of process.measures) {
        doc.font('Helvetica').fontSize(9.5).text(`•  ${measure.subject}: ${measure.text}`, left + 12, undefined, { width: width - 12 });
      }
      doc.moveDown(0.4);
    });
  }

  if (report.unrated.length > 0) {
    heading(t('risk.report.unrated'));
    for (const name of report.unrated) doc.font('Helvetica').fontSize(9.5).text(`•  ${name}`, left + 12, undefined, { width: width - 12 });
  }

  heading(t('risk.report.method'));
  paragraph(report.method);
  // Helvetica's WinAnsi encoding has no minus sign (U+2212): a hyphen stands in for it.
  paragraph(t('risk.report.formula', { amplification: report.amplification }).replaceAll('\u2212', '-'));
  for (const source of report.sources) paragraph(`${source.title} — ${source.url}`);
  doc.end();
  return done;
}
