/** Open data of a publication: each protected table as CSV (suppressed cells empty) and a CSVW metadata file describing the columns. */
import type { Language } from '../../platform/i18n/languages.ts';
import type { Translate } from '../../platform/i18n/translate.ts';
import type { PublicationSnapshot } from './compute.ts';
import type { PublishedTable } from './tables.ts';

const quote = (value: string) => (/[",\n\r;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One line per row: its code, its label, a count per column and the row's total. Suppressed counts are empty. */
export function tableCsv(table: PublishedTable, lang: Language, t: Translate): string {
  const header = ['code', t('figures.csv.label'), ...table.columns.map((c) => c.key), 'total'];
  const cell = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  const lines = table.rows.map((row) => [row.key, quote(row.label[lang]), ...table.columns.map((c) => cell(table.values[`${row.key}|${c.key}`])), cell(table.values[`${row.key}|*`])].join(','));
  const total = ['*', quote(t('figures.table.total')), ...table.columns.map((c) => cell(table.values[`*|${c.key}`])), cell(table.values['*|*'])].join(',');
  return `${[header.join(','), ...lines, total].join('\r\n')}\r\n`;
}

/** CSV on the Web metadata (W3C CSVW): a title, the period and the meaning of every column of every table. */
export function publicationMetadata(snapshot: PublicationSnapshot, lang: Language, t: Translate, baseUrl: string) {
  return {
    '@context': 'http://www.w3.org/ns/csvw',
    'dc:title': t('figures.public.title', { year: String(snapshot.year) }),
    'dc:temporal': `${snapshot.period.from}/${snapshot.period.to}`,
    'dc:description': t('figures.csv.suppressionNote', { threshold: String(snapshot.rules.threshold) }),
    'dc:language': lang,
    tables: snapshot.tables.map((table) => ({
      url: `${baseUrl}/${table.id}.csv`,
      'dc:title': snapshot.definitions[table.id]?.[lang].name ?? table.id,
      'dc:description': snapshot.definitions[table.id]?.[lang].formula ?? '',
      tableSchema: {
        columns: [
          { name: 'code', titles: 'code', datatype: 'string', 'dc:description': t('figures.csv.codeColumn') },
          { name: 'label', titles: t('figures.csv.label'), datatype: 'string', 'dc:description': t('figures.csv.labelColumn') },
          ...table.columns.map((c) => ({ name: c.key, titles: c.label[lang], datatype: 'integer', null: '', 'dc:description': t('figures.csv.countColumn', { column: c.label[lang] }) })),
          { name: 'total', titles: t('figures.table.total'), datatype: 'integer', null: '', 'dc:description': t('figures.csv.totalColumn') },
        ],
        primaryKey: 'code',
      },
    })),
  };
}
