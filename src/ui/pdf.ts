/**
 * Print documents as tagged PDF: the one way the case file, the entity feedback and the assessment and
 * risk reports become PDFs. The document states its language and shows its title; headings, paragraphs,
 * lists, tables and figures (with a text alternative) are structure a screen reader can follow; and the
 * text is set in DejaVu Sans, embedded, so any name or sentence a person writes prints as written (the
 * built-in PDF fonts know Latin-1 only). pdfkit is loaded on first use: importing it takes half a second,
 * which start-up should not pay.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import type { Language } from '../platform/i18n/languages.ts';

const require = createRequire(import.meta.url);
let fonts: { regular: Font; bold: Font } | undefined;
/** Parsed once per process: parsing the font files took most of the time of a small PDF. */
async function dejaVu(): Promise<{ regular: Font; bold: Font }> {
  // fontkit, like pdfkit, is imported on first use.
  const { create: parseFont } = await import('fontkit');
  const load = (file: string) => parseFont(fs.readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
  return (fonts ??= { regular: load('DejaVuSans.ttf'), bold: load('DejaVuSans-Bold.ttf') });
}
// pdfkit takes a parsed fontkit font wherever it takes a file (its types say files only).
const asSource = (font: Font) => font as unknown as string;

export const pdfInk = '#1a1a1a';
/** The fonts by their PostScript names, under which pdfkit caches the constructor's font: using these never parses a font twice. */
export const pdfFonts = { body: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;
const muted = '#444444';

/** The language tag a PDF reader announces: the product's Belgian languages, English as such. */
const languageTags: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en' };

export interface TextStyle {
  size?: number;
  bold?: boolean;
  muted?: boolean;
  indent?: number;
}

export interface PdfTable {
  header: string[];
  rows: string[][];
  /** Column widths in points; by default the first column takes a third and the rest share the remainder. */
  widths?: number[];
  size?: number;
}

export interface PdfWriter {
  /** The pdfkit document, for drawing inside `figure`. */
  doc: PDFKit.PDFDocument;
  left: number;
  width: number;
  heading(text: string, level?: 1 | 2 | 3): void;
  paragraph(text: string, style?: TextStyle): void;
  list(items: string[], ordered?: boolean): void;
  table(table: PdfTable): void;
  /** Drawing (bars, charts) tagged as a figure with its text alternative; `height` is reserved on the page first. */
  figure(alt: string, height: number, draw: (top: number) => void): void;
  /** Starts a new page when less than `height` points are left. */
  keepSpace(height: number): void;
  finish(): Promise<Buffer>;
}

const headingSizes = { 1: 18, 2: 13, 3: 11 } as const;

export async function openPdf(options: { title: string; lang: Language; subject?: string; margin?: number }): Promise<PdfWriter> {
  const { default: PDFDocument } = await import('pdfkit');
  const { regular, bold } = await dejaVu();
  const doc = new PDFDocument({
    size: 'A4',
    margin: options.margin ?? 50,
    pdfVersion: '1.7',
    tagged: true,
    displayTitle: true,
    lang: languageTags[options.lang],
    font: asSource(regular),
    info: { Title: options.title, ...(options.subject ? { Subject: options.subject } : {}), Creator: 'Integrity Bureau', Producer: 'Integrity Bureau' },
  });
  // The family repeats the name: pdfkit restores a table cell's font by source and family, and finds it cached only by that name.
  doc.registerFont(pdfFonts.body, asSource(regular), pdfFonts.body);
  doc.registerFont(pdfFonts.bold, asSource(bold), pdfFonts.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const setStyle = (style: TextStyle = {}) =>
    doc
      .font(style.bold ? pdfFonts.bold : pdfFonts.body)
      .fontSize(style.size ?? 10)
      .fillColor(style.muted ? muted : pdfInk);

  const writer: PdfWriter = {
    doc,
    left,
    width,
    heading(text, level = 2) {
      if (level > 1) doc.moveDown(0.8);
      setStyle({ bold: true, size: headingSizes[level] });
      doc.text(text, left, undefined, { width, structParent: root, structType: `H${level}` });
      doc.moveDown(0.3);
    },
    paragraph(text, style = {}) {
      setStyle(style);
      const indent = style.indent ?? 0;
      doc.text(text, left + indent, undefined, { width: width - indent, paragraphGap: 3, structParent: root, structType: 'P' });
    },
    list(items, ordered = false) {
      if (items.length === 0) return;
      setStyle();
      const list = doc.struct('L');
      root.add(list);
      doc.list(items, left + 12, undefined, { width: width - 12, listType: ordered ? 'numbered' : 'bullet', structParent: list, paragraphGap: 2 });
      list.end();
      doc.x = left;
    },
    table({ header, rows, widths, size }) {
      setStyle({ size: size ?? 9 });
      const first = Math.round(width / 3);
      const columnStyles = widths ?? [first, ...header.slice(1).map(() => (width - first) / Math.max(1, header.length - 1))];
      doc.table({
        position: { x: left },
        maxWidth: width,
        columnStyles,
        defaultStyle: { border: { bottom: 0.5 }, borderColor: '#d0d4dc', padding: 3 },
        rowStyles: (row: number) => (row === 0 ? { backgroundColor: '#eef1f5' } : undefined),
        structParent: root,
        data: [header.map((text) => ({ text, type: 'TH' as const, font: { src: pdfFonts.bold } })), ...rows],
      } as PDFKit.Mixins.TableOptionsWithData);
      doc.x = left;
      doc.moveDown(0.5);
    },
    figure(alt, height, draw) {
      writer.keepSpace(height);
      const top = doc.y;
      root.add(doc.struct('Figure', { alt }, () => draw(top)));
      doc.x = left;
      doc.y = top + height;
    },
    keepSpace(height) {
      if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    },
    finish() {
      root.end();
      doc.end();
      return done;
    },
  };
  return writer;
}
