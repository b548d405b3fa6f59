/** The one call of fontkit (pdfkit's font engine) we make: parse a font file once, for every PDF after it. */
declare module 'fontkit' {
  /** A parsed font; pdfkit takes it wherever it takes a font file. */
  export interface Font {
    postscriptName: string;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
