/** The part of xliff (which ships no types) that `bureau translations` uses: XLIFF documents as plain objects. */
declare module 'xliff' {
  /** One translation unit; source and target are strings unless the file holds inline elements (<g>, <x/> …). */
  export interface XliffUnit {
    source?: unknown;
    target?: unknown;
    note?: unknown;
    groupUnits?: Record<string, XliffUnit>;
  }
  export interface XliffDocument {
    sourceLanguage?: string;
    targetLanguage?: string;
    /** File (XLIFF 1.2 `original`, 2.0 `id`) → unit id → unit. */
    resources: Record<string, Record<string, XliffUnit>>;
  }
  export function jsToXliff12(document: XliffDocument, options?: { indent?: string }): Promise<string>;
  export function js2xliff(document: XliffDocument, options?: { indent?: string }): Promise<string>;
  export function xliff12ToJs(xml: string, options?: Record<string, unknown>): Promise<XliffDocument>;
  export function xliff2js(xml: string, options?: Record<string, unknown>): Promise<XliffDocument>;
}
