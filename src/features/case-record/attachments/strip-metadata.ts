/**
 * Removes what a file says about its maker before it is stored: a photo's EXIF (GPS position, camera
 * serial, time), XMP and IPTC; a PDF's author, software and XMP packets. A reporter rarely knows these
 * are there, and any one of them can name them.
 */
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import type { PDFDocument, PDFObject } from 'pdf-lib';
import type Sharp from 'sharp';
import type { AttachmentKind } from './file-types.ts';

/**
 * Larger pictures are refused as unreadable: a small PNG can claim to be gigapixels and decode into
 * gigabytes (a decompression bomb). 100 megapixels is above any phone camera's usual output.
 */
const maxImagePixels = 100_000_000;

/**
 * A stream that re-encodes a JPEG, PNG or WebP picture without any of its metadata (sharp keeps none
 * unless asked), turned upright first since the orientation tag goes with the rest.
 * Note: sharp gathers a streamed input in memory before decoding (libvips needs the whole encoded
 * picture), so a picture is held once, bounded by the upload size limit; its output streams.
 */
export function imageMetadataStripper(kind: Extract<AttachmentKind, 'jpeg' | 'png' | 'webp'>): Duplex {
  // sharp (and libvips, some 25 MB) is loaded on the first picture, not at start-up; require keeps this synchronous.
  const sharp = createRequire(import.meta.url)('sharp') as typeof Sharp;
  // 'error' rather than the default 'warning': a photo with a slightly damaged end is still evidence.
  const image = sharp({ limitInputPixels: maxImagePixels, failOn: 'error' }).rotate();
  switch (kind) {
    case 'jpeg':
      return image.jpeg({ quality: 90 });
    case 'png':
      return image.png(); // PNG is always lossless; only the compression effort varies.
    case 'webp':
      return image.webp({ quality: 90 });
  }
}

/** The fixed date every stored PDF claims as its creation and modification date. */
const epoch = new Date(0);

/**
 * A copy of the PDF without its document information (title, author, subject, keywords, creator,
 * producer), XMP metadata streams, application data and document id, and without the objects nothing
 * refers to any more (earlier revisions of an edited PDF keep old metadata there). Undefined when the
 * PDF is encrypted or cannot be read.
 *
 * The one place an attachment is held whole in memory: pdf-lib parses and writes complete documents.
 * The upload size limit bounds it.
 */
export async function stripPdfMetadata(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  // pdf-lib is imported on the first PDF, not at start-up.
  const pdfLib = await import('pdf-lib');
  let document: PDFDocument;
  try {
    // updateMetadata: false, or pdf-lib writes its own name and the current time into the file.
    document = await pdfLib.PDFDocument.load(bytes, { ignoreEncryption: false, updateMetadata: false });
  } catch {
    return undefined;
  }
  const { context } = document;
  // Drop the whole information dictionary (custom entries included); the date setters make a new one.
  context.trailerInfo.Info = undefined;
  context.trailerInfo.ID = undefined;
  document.setCreationDate(epoch);
  document.setModificationDate(epoch);
  // The catalog's and each page's /Metadata (and any image's or font's) go in this walk.
  removeUnreachableObjects(pdfLib, document);
  // Without object streams the saved file is plain enough to inspect, which the tests rely on.
  return document.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

/** Walks everything the trailer reaches, dropping private entries on the way, and deletes the rest. */
function removeUnreachableObjects({ PDFArray, PDFDict, PDFName, PDFRef, PDFStream }: typeof import('pdf-lib'), document: PDFDocument): void {
  // Dictionary entries that carry an application's or a person's private data rather than content.
  const privateEntries = [PDFName.of('Metadata'), PDFName.of('PieceInfo')];
  const { context } = document;
  const reached = new Set<string>();
  const pending: PDFObject[] = [context.trailerInfo.Root, context.trailerInfo.Info].filter((o): o is PDFObject => o !== undefined);
  while (pending.length > 0) {
    const object = pending.pop()!;
    if (object instanceof PDFRef) {
      if (reached.has(object.tag)) continue;
      reached.add(object.tag);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFDict || object instanceof PDFStream) {
      const dict = object instanceof PDFStream ? object.dict : object;
      for (const name of privateEntries) dict.delete(name);
      for (const [, value] of dict.entries()) pending.push(value);
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reached.has(ref.tag)) context.delete(ref);
  }
}
