/** The report as a tagged PDF (ui/pdf.ts): the same scores, bars, strengths, gaps and next steps as the page. */
import type { Translate } from '../../platform/i18n/translate.ts';
import type { Language } from '../../platform/i18n/languages.ts';
import { openPdf, pdfFonts, pdfInk } from '../../ui/pdf.ts';
import { levelCount } from './model-definition.ts';
import type { AssessmentReport } from './report.ts';
import { formatScore } from './scoring.ts';

const bar = '#1f4e79';
const marker = '#b45309';

export async function renderReportPdf(report: AssessmentReport, lang: Language, t: Translate): Promise<Buffer> {
  const title = t('assessment.report.pageTitle', { entity: report.assessment.entityName });
  const pdf = await openPdf({ title, lang });
  const dimensionTitle = (code: string) => report.model.dimensions.find((d) => d.code === code)?.title[lang] ?? code;
  const score = (value: number | null) => formatScore(value, lang);
  const median = (code: string) => (report.benchmark.shown ? (report.benchmark.dimensions.get(code)?.median ?? null) : null);

  pdf.heading(title, 1);
  pdf.paragraph(t('assessment.modelVersion', { title: report.model.title[lang], version: report.assessment.modelVersion }), { size: 11 });
  if (report.assessment.status === 'open') pdf.paragraph(t('assessment.report.provisional'), { size: 11 });
  pdf.paragraph(`${t('assessment.report.overall')}: ${score(report.overall)} / 5`, { size: 11, bold: true });

  pdf.heading(t('assessment.report.scores'));
  const labelWidth = 200;
  const plotWidth = pdf.width - labelWidth - 40;
  const rowHeight = 24;
  const alt = `${t('assessment.report.chartTitle')}. ${t(report.benchmark.shown ? 'assessment.report.chartDescBenchmark' : 'assessment.report.chartDesc')}`;
  pdf.figure(alt, rowHeight * report.scores.length, (top) => {
    const { doc, left } = pdf;
    report.scores.forEach((s, index) => {
      const y = top + index * rowHeight;
      doc.font(pdfFonts.body).fontSize(10).fillColor(pdfInk).text(dimensionTitle(s.code), left, y, { width: labelWidth - 10, height: rowHeight, ellipsis: true });
      if (s.score !== null) doc.rect(left + labelWidth, y, (s.score / levelCount) * plotWidth, 12).fill(bar);
      const peer = median(s.code);
      if (peer !== null) doc.rect(left + labelWidth + (peer / levelCount) * plotWidth - 1.5, y - 2, 3, 16).fill(marker);
      doc.fillColor(pdfInk).text(score(s.score), left + labelWidth + plotWidth + 6, y, { width: 40 });
    });
  });
  pdf.table({
    header: [t('assessment.report.dimension'), t('assessment.report.score'), ...(report.benchmark.shown ? [t('assessment.report.peerMedian')] : [])],
    rows: report.scores.map((s) => [dimensionTitle(s.code), score(s.score), ...(report.benchmark.shown ? [score(median(s.code))] : [])]),
  });
  if (report.benchmark.shown) pdf.paragraph(t('assessment.report.benchmarkShown', { entities: report.benchmark.entities, median: score(report.benchmark.overall?.median ?? null) }), { size: 11 });

  pdf.heading(t('assessment.report.strengths'));
  if (report.strengths.length === 0) pdf.paragraph(t('assessment.report.noStrengths'), { size: 11 });
  pdf.list(report.strengths.map((s) => `${dimensionTitle(s.code)}: ${score(s.score)}`));
  pdf.heading(t('assessment.report.gaps'));
  if (report.gaps.length === 0) pdf.paragraph(t('assessment.report.noGaps'), { size: 11 });
  pdf.list(report.gaps.map((s) => `${dimensionTitle(s.code)}: ${score(s.score)}`));
  pdf.heading(t('assessment.report.nextSteps'));
  report.nextSteps.forEach((step, index) => {
    pdf.heading(`${index + 1}. ${dimensionTitle(step.dimensionCode)} (${t('assessment.report.stepLevel', { level: step.level })})`, 3);
    pdf.paragraph(step.recommendation[lang], { size: 11, indent: 14 });
  });
  if (report.trend.length > 0) {
    pdf.heading(t('assessment.report.trend'));
    pdf.list([
      ...report.trend.map((p) => t('assessment.report.trendItem', { date: p.closedAt ? p.closedAt.toISOString().slice(0, 10) : '—', version: p.version, score: score(p.overallScore) })),
      t('assessment.report.trendNow', { score: score(report.overall) }),
    ]);
  }
  return pdf.finish();
}
