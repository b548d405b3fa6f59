/**
 * CSV for spreadsheets, safe against formula injection (OWASP "CSV injection"): a cell starting with
 * = + - @ (or a tab or carriage return, which some spreadsheets skip before a formula) gets a leading
 * apostrophe, so it is read as text; cells with a comma, quote or line break are quoted (RFC 4180).
 */
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
