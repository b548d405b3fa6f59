/** An entity's feedback as a PDF (pdfkit): the same protected tables and commentary as the page, as plain text tables. */
import PDFDocument from 'pdfkit';
import type { Language } from '../../platform/i18n/languages.ts';
import type { Translate } from '../../platform/i18n/translate.ts';
import type { EntityFeedback } from './compute.ts';
import { indicatorById } from './indicators.ts';
import { parseBlocks } from './markdown.tsx';

export async function feedbackPdf(feedback: EntityFeedback, commentary: string | undefined, t: Translate, lang: Language): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: t('figures.feedback.title', { year: String(feedback.year), entity: feedback.entity.name }) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const count = (value: number | null | undefined) => (value === null || value === undefined ? t('figures.table.suppressed') : value.toLocaleString(lang));

  doc.fontSize(18).text(t('figures.feedback.title', { year: String(feedback.year), entity: feedback.entity.name }));
  doc.moveDown(0.5).fontSize(10).text(t('figures.feedback.intro'));
  doc.moveDown(0.5);
  if (feedback.tooSmall) doc.text(t('figures.feedback.tooSmall', { year: String(feedback.year) }));
  doc.text(feedback.entityTotal === null ? t('figures.feedback.entityTotalHidden', { threshold: feedback.rules.threshold }) : t('figures.feedback.entityTotal', { count: count(feedback.entityTotal) }));
  doc.text(feedback.organisationTotal === null ? t('figures.feedback.organisationTotalHidden') : t('figures.feedback.organisationTotal', { count: count(feedback.organisationTotal) }));

  for (const table of feedback.tables) {
    doc.moveDown(1).fontSize(13).text(indicatorById(table.id).text[lang].name);
    doc.fontSize(9);
    const columns = [t('figures.table.category'), ...table.columns.map((c) => c.label[lang]), t('figures.table.total')];
    const widths = [200, ...table.columns.map(() => 100), 80];
    const line = (cells: string[]) => {
      const y = doc.y;
      let x = doc.page.margins.left;
      cells.forEach((cell, index) => {
        doc.text(cell, x, y, { width: (widths[index] ?? 80) - 6 });
        x += widths[index] ?? 80;
      });
      doc.x = doc.page.margins.left;
      doc.moveDown(0.2);
    };
    line(columns);
    for (const row of table.rows) line([`${'  '.repeat(row.depth)}${row.label[lang]}`, ...table.columns.map((c) => count(table.values[`${row.key}|${c.key}`])), count(table.values[`${row.key}|*`])]);
    line([t('figures.table.total'), ...table.columns.map((c) => count(table.values[`*|${c.key}`])), count(table.values['*|*'])]);
    if (table.status === 'unprotectable') doc.text(t('figures.table.unprotectable'));
    if (table.suppressed > 0) doc.text(t('figures.table.suppressedNote', { threshold: feedback.rules.threshold }));
  }

  doc.moveDown(1).fontSize(13).text(t('figures.feedback.commentary'));
  doc.fontSize(10);
  if (!commentary) doc.text(t('figures.feedback.noCommentary'));
  for (const block of commentary ? parseBlocks(commentary) : []) {
    // Marks are dropped: the PDF shows the commentary's words, its links as their text and address.
    const plain = (text: string) => text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)').replace(/\*\*|[*_]/g, '');
    if (block.kind === 'paragraph') doc.text(plain(block.lines.join(' '))).moveDown(0.5);
    else block.items.forEach((item, index) => doc.text(`${block.kind === 'bullets' ? '•' : `${index + 1}.`} ${plain(item)}`));
  }
  doc.end();
  return done;
}
