import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openPdf } from './pdf.ts';

/** The text of every object dictionary and every inflated stream of a pdfkit file (it writes no object streams). */
function readable(bytes: Buffer): string {
  const parts = [bytes.toString('latin1')];
  const raw = bytes.toString('latin1');
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      parts.push(zlib.inflateSync(bytes.subarray(start, end)).toString('latin1'));
    } catch {
      // An uncompressed stream or a font program: its bytes are already in the first part.
    }
  }
  return parts.join('\n');
}

describe('print documents as PDF', () => {
  it('are tagged: language, title shown, and headings, paragraphs, lists, tables and figures as structure', async () => {
    const pdf = await openPdf({ title: 'Dossier IB-TEST-0001', lang: 'nl' });
    pdf.heading('Dossier IB-TEST-0001', 1);
    pdf.paragraph('Een alinea.');
    pdf.heading('Lijst');
    pdf.list(['een', 'twee']);
    pdf.table({ header: ['Thema', 'Aantal'], rows: [['Fraude', '12']] });
    pdf.figure('Balk: fraude 12', 20, (top) => pdf.doc.rect(pdf.left, top, 120, 10).fill('#1f4e79'));
    const text = readable(await pdf.finish());
    expect(text).toContain('/Lang (nl-BE)');
    expect(text).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(text).toContain('/Marked true');
    expect(text).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(text).toContain('/DisplayDocTitle true');
    for (const role of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Table', 'TR', 'TH', 'TD', 'Figure']) expect(text).toContain(`/S /${role}`);
    expect(text).toContain('/Alt (Balk: fraude 12)');
  });

  it('print any script a person may write, in an embedded font that maps back to the same characters', async () => {
    const pdf = await openPdf({ title: 'Łódź', lang: 'en' });
    pdf.paragraph('Łódź, Ğüneş, Ωμέγα, Київ, █████ and a minus − sign');
    const text = readable(await pdf.finish());
    expect(text).toContain('/FontFile2');
    expect(text).toContain('DejaVuSans');
    // The ToUnicode map of the embedded font gives each glyph back its character (for search, copy and screen readers).
    for (const codePoint of ['0141', '011e', '03a9', '041a', '2588', '2212']) expect(text.toLowerCase()).toContain(`<${codePoint}>`);
  });
});
