/** The report as a tagged PDF (ui/pdf.ts): the same content as the page — summary, profile bars and figures, priorities with measures, method. */
import type { Language } from '../../../platform/i18n/languages.ts';
import type { Translate } from '../../../platform/i18n/translate.ts';
import { openPdf, pdfFonts, pdfInk } from '../../../ui/pdf.ts';
import type { RiskReport } from './report.ts';
import type { RiskLevel } from './score.ts';

const colours: Record<RiskLevel, string> = { low: '#2e7d32', medium: '#a35200', high: '#b00020' };

export async function riskReportPdf(report: RiskReport, t: Translate, lang: Language, generatedOn: string): Promise<Buffer> {
  const title = t('risk.report.title', { title: report.title });
  const pdf = await openPdf({ title, lang, subject: report.entityName });

  pdf.heading(title, 1);
  pdf.paragraph(t('risk.analysis.entity', { entity: report.entityName }));
  pdf.paragraph(t('risk.analysis.model', { model: report.modelTitle, version: report.modelVersion }));
  pdf.paragraph(t('risk.report.generated', { date: generatedOn }));
  if (report.status === 'draft') pdf.paragraph(t('risk.report.draftNote'));

  if (report.rows.length === 0) {
    pdf.paragraph(t('risk.report.noRated'));
  } else {
    pdf.paragraph(t('risk.report.summary', report.counts));
    pdf.heading(t('risk.report.chartTitle'));
    const labelWidth = 170;
    const barArea = pdf.width - labelWidth - 40;
    const rowHeight = 15;
    // A page holds about forty bars; a longer list continues on the next page, each part a figure of its own.
    for (let start = 0; start < report.rows.length; start += 40) {
      const rows = report.rows.slice(start, start + 40);
      pdf.figure(t('risk.report.chartDesc', { medium: report.thresholds.medium, high: report.thresholds.high }), rowHeight * rows.length, (top) => {
        const { doc, left } = pdf;
        rows.forEach((row, index) => {
          const y = top + index * rowHeight;
          doc.font(pdfFonts.body).fontSize(9).fillColor(pdfInk).text(row.name, left, y + 2, { width: labelWidth - 8, height: 12, ellipsis: true, lineBreak: false });
          doc.rect(left + labelWidth, y + 1, Math.max(1, (row.score.residual / 100) * barArea), 10).fill(colours[row.score.level]);
          doc.fillColor(pdfInk).text(String(row.score.residual), left + labelWidth + (row.score.residual / 100) * barArea + 4, y + 2, { lineBreak: false });
        });
      });
    }

    pdf.heading(t('risk.report.tableCaption'));
    const columns = ['inherent', 'enhancing', 'vulnerability', 'resilience', 'residual'] as const;
    const nameWidth = 150;
    const cell = (pdf.width - nameWidth) / (columns.length + 1);
    pdf.table({
      header: [t('risk.analysis.process'), ...columns.map((c) => t(`risk.report.${c}`)), t('risk.report.level')],
      rows: report.rows.map((process) => [process.name, ...columns.map((c) => String(process.score[c])), t(`risk.level.${process.score.level}`)]),
      widths: [nameWidth, ...columns.map(() => cell), cell],
      size: 8.5,
    });

    pdf.heading(t('risk.report.priorities'));
    if (report.priorities.length === 0) pdf.paragraph(t('risk.report.noPriorities'));
    report.priorities.forEach((process, index) => {
      pdf.keepSpace(40);
      pdf.heading(`${index + 1}. ${process.name} — ${t('risk.report.residual')} ${process.residual} (${t(`risk.level.${process.level}`)})`, 3);
      if (process.measures.length === 0) pdf.paragraph(t('risk.report.noMeasures'));
      pdf.list(process.measures.map((measure) => `${measure.subject}: ${measure.text}`));
    });
  }

  if (report.unrated.length > 0) {
    pdf.heading(t('risk.report.unrated'));
    pdf.list(report.unrated);
  }

  pdf.heading(t('risk.report.method'));
  pdf.paragraph(report.method);
  pdf.paragraph(t('risk.report.formula', { amplification: report.amplification }));
  pdf.list(report.sources.map((source) => `${source.title} — ${source.url}`));
  return pdf.finish();
}
