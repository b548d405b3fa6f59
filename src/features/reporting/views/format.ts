/** Dates and file sizes as a reporter reads them, in their language, without any time of day. */
import type { Language } from '../../../platform/i18n/languages.ts';

const locales: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB', de: 'de-BE' };

/** A calendar day (YYYY-MM-DD) in words, e.g. "3 maart 2025"; read as UTC so no time zone can shift the day. */
export function formatDay(lang: Language, isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDay;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Bytes as kB below a megabyte, else as MB with one decimal. */
export function formatFileSize(lang: Language, bytes: number): string {
  const megabyte = 1024 * 1024;
  if (bytes < megabyte) {
    return new Intl.NumberFormat(locales[lang], { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, Math.ceil(bytes / 1024)));
  }
  return new Intl.NumberFormat(locales[lang], { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / megabyte);
}

/** The largest file size allowed, in MB with at most one decimal, as the upload form reports it. */
export function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
