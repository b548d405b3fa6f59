/**
 * Between the figures' rows and their pages: a view receives what it shows (a publication's id, year and
 * versions), never the database row with its authors and timestamps.
 */
import type { Publication, VersionSummary } from './publications.ts';

export interface PublicationView {
  id: string;
  year: number;
  /** Newest first; empty while it is a draft never published. */
  versions: VersionSummary[];
}

export function presentPublication(row: Publication, versions: VersionSummary[] = []): PublicationView {
  return { id: row.id, year: row.year, versions };
}
