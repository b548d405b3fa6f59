/** The report as a PDF, drawn server-side with pdfkit: the same scores, bars, strengths, gaps and next steps as the page. */
import PDFDocument from 'pdfkit';
import type { Translate } from '../../platform/i18n/translate.ts';
import type { Language } from '../../platform/i18n/languages.ts';
import { levelCount } from './model-definition.ts';
import type { AssessmentReport } from './report.ts';
import { formatScore } from './scoring.ts';

const ink = '#1a1a2e';
const bar = '#1f4e79';
const marker = '#b45309';

export function renderReportPdf(report: AssessmentReport, lang: Language, t: Translate): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: t('assessment.report.pageTitle', { entity: report.assessment.entityName }), Author: t('layout.product') }, lang });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const title = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor(ink).text(text).moveDown(0.3).font('Helvetica').fontSize(11);
  const dimensionTitle = (code: string) => report.model.dimensions.find((d) => d.code === code)?.title[lang] ?? code;
  const score = (value: number | null) => formatScore(value, lang);

  doc.font('Helvetica-Bold').fontSize(18).fillColor(ink).text(t('assessment.report.pageTitle', { entity: report.assessment.entityName }));
  doc.font('Helvetica').fontSize(11).text(t('assessment.modelVersion', { title: report.model.title[lang], version: report.assessment.modelVersion }));
  if (report.assessment.status === 'open') doc.moveDown(0.3).text(t('assessment.report.provisional'));
  doc.moveDown(0.5).font('Helvetica-Bold').text(`${t('assessment.report.overall')}: ${score(report.overall)} / 5`).font('Helvetica');

  title(t('assessment.report.scores'));
  const left = doc.page.margins.left;
  const labelWidth = 200;
  const plotWidth = doc.page.width - left - doc.page.margins.right - labelWidth - 40;
  for (const s of report.scores) {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    doc.fillColor(ink).fontSize(10).text(dimensionTitle(s.code), left, y, { width: labelWidth - 10, height: 26, ellipsis: true });
    if (s.score !== null) doc.rect(left + labelWidth, y, (s.score / levelCount) * plotWidth, 12).fill(bar);
    const median = report.benchmark.shown ? report.benchmark.dimensions.get(s.code)?.median : undefined;
    if (median !== undefined && median !== null) doc.rect(left + labelWidth + (median / levelCount) * plotWidth - 1.5, y - 2, 3, 16).fill(marker);
    doc.fillColor(ink).text(score(s.score), left + labelWidth + plotWidth + 6, y, { width: 40 });
    doc.x = left;
    doc.y = y + 24;
  }
  doc.fontSize(11);
  if (report.benchmark.shown) doc.text(t('assessment.report.benchmarkShown', { entities: report.benchmark.entities, median: score(report.benchmark.overall?.median ?? null) }), left);

  title(t('assessment.report.strengths'));
  doc.text(report.strengths.length ? report.strengths.map((s) => `${dimensionTitle(s.code)}: ${score(s.score)}`).join('\n') : t('assessment.report.noStrengths'), left);
  title(t('assessment.report.gaps'));
  doc.text(report.gaps.length ? report.gaps.map((s) => `${dimensionTitle(s.code)}: ${score(s.score)}`).join('\n') : t('assessment.report.noGaps'), left);
  title(t('assessment.report.nextSteps'));
  report.nextSteps.forEach((step, index) => {
    doc.font('Helvetica-Bold').text(`${index + 1}. ${dimensionTitle(step.dimensionCode)} (${t('assessment.report.stepLevel', { level: step.level })})`, left);
    doc.font('Helvetica').text(step.recommendation[lang], { indent: 14 }).moveDown(0.3);
  });
  if (report.trend.length > 0) {
    title(t('assessment.report.trend'));
    for (const p of report.trend) doc.text(t('assessment.report.trendItem', { date: p.closedAt ? p.closedAt.toISOString().slice(0, 10) : '—', version: p.version, score: score(p.overallScore) }), left);
    doc.text(t('assessment.report.trendNow', { score: score(report.overall) }), left);
  }
  doc.end();
  return done;
}
