/**
 * The name a file is shown under. It comes from the reporter's browser, so it is only ever displayed
 * (escaped), never used as a path, a type, or anything else.
 */

const maxLength = 200;

/**
 * The base name without control or formatting characters (a right-to-left override can make
 * "gpj.exe" look like "exe.jpg"), at most 200 characters; `attachment.<ext>` when nothing is left.
 */
export function displayName(raw: string, fallbackExtension: string): string {
  const base = raw.split(/[/\\]/).at(-1) ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  // By code point, so a character outside the BMP is never cut in half.
  const capped = Array.from(cleaned).slice(0, maxLength).join('').trim();
  return capped === '' || capped === '.' || capped === '..' ? `attachment.${fallbackExtension}` : capped;
}
