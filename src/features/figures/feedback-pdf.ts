/** An entity's feedback as a tagged PDF (ui/pdf.ts): the same protected tables and commentary as the page. */
import type { Language } from '../../platform/i18n/languages.ts';
import type { Translate } from '../../platform/i18n/translate.ts';
import { openPdf } from '../../ui/pdf.ts';
import type { EntityFeedback } from './compute.ts';
import { indicatorById } from './indicators.ts';
import { parseBlocks } from './markdown.tsx';

// Marks are dropped: the PDF shows the commentary's words, its links as their text and address.
const plain = (text: string) => text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)').replace(/\*\*|[*_]/g, '');

export async function feedbackPdf(feedback: EntityFeedback, commentary: string | undefined, t: Translate, lang: Language): Promise<Buffer> {
  const title = t('figures.feedback.title', { year: String(feedback.year), entity: feedback.entity.name });
  const pdf = await openPdf({ title, lang });
  const count = (value: number | null | undefined) => (value === null || value === undefined ? t('figures.table.suppressed') : value.toLocaleString(lang));

  pdf.heading(title, 1);
  pdf.paragraph(t('figures.feedback.intro'));
  if (feedback.tooSmall) pdf.paragraph(t('figures.feedback.tooSmall', { year: String(feedback.year) }));
  pdf.paragraph(feedback.entityTotal === null ? t('figures.feedback.entityTotalHidden', { threshold: feedback.rules.threshold }) : t('figures.feedback.entityTotal', { count: count(feedback.entityTotal) }));
  pdf.paragraph(feedback.organisationTotal === null ? t('figures.feedback.organisationTotalHidden') : t('figures.feedback.organisationTotal', { count: count(feedback.organisationTotal) }));

  for (const table of feedback.tables) {
    pdf.heading(indicatorById(table.id).text[lang].name);
    pdf.table({
      header: [t('figures.table.category'), ...table.columns.map((c) => c.label[lang]), t('figures.table.total')],
      rows: [
        ...table.rows.map((row) => [`${'  '.repeat(row.depth)}${row.label[lang]}`, ...table.columns.map((c) => count(table.values[`${row.key}|${c.key}`])), count(table.values[`${row.key}|*`])]),
        [t('figures.table.total'), ...table.columns.map((c) => count(table.values[`*|${c.key}`])), count(table.values['*|*'])],
      ],
    });
    if (table.status === 'unprotectable') pdf.paragraph(t('figures.table.unprotectable'));
    if (table.suppressed > 0) pdf.paragraph(t('figures.table.suppressedNote', { threshold: feedback.rules.threshold }), { size: 9, muted: true });
  }

  pdf.heading(t('figures.feedback.commentary'));
  if (!commentary) pdf.paragraph(t('figures.feedback.noCommentary'));
  for (const block of commentary ? parseBlocks(commentary) : []) {
    if (block.kind === 'paragraph') pdf.paragraph(plain(block.lines.join(' ')));
    else pdf.list(block.items.map(plain), block.kind !== 'bullets');
  }
  return pdf.finish();
}
