/** The audit trail as administrators read it: a filtered page of events, newest first, with people and entities named. */
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { auditLog, entities, users } from '../../platform/db/schema.ts';
import { listAuditEvents, type AuditFilter } from '../../platform/audit/audit.ts';

export const auditPageSize = 50;

export interface AuditEntry {
  seq: number;
  at: Date;
  /** The actor's e-mail; null when the operator acted on the console (CLI) or the actor was removed. */
  actorEmail: string | null;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** The subject's current e-mail or name, when it still exists. */
  subjectLabel: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as beforeSeq to read the next, older page; absent on the last page. */
  olderBeforeSeq: number | undefined;
}

export async function readAuditPage(db: Db, filter: Omit<AuditFilter, 'limit'>): Promise<AuditPage> {
  // One more than a page tells whether an older page exists without counting.
  const rows = await listAuditEvents(db, { ...filter, limit: auditPageSize + 1 });
  const page = rows.slice(0, auditPageSize);
  const userIds = new Set<string>();
  const entityIds = new Set<string>();
  for (const row of page) {
    if (row.actorId) userIds.add(row.actorId);
    if (row.subjectType === 'user' && row.subjectId) userIds.add(row.subjectId);
    if (row.subjectType === 'entity' && row.subjectId) entityIds.add(row.subjectId);
  }
  const emails = new Map(
    userIds.size > 0 ? (await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, [...userIds]))).map((u) => [u.id, u.email]) : [],
  );
  const names = new Map(
    entityIds.size > 0
      ? (await db.select({ id: entities.id, name: entities.name }).from(entities).where(inArray(entities.id, [...entityIds]))).map((e) => [e.id, e.name])
      : [],
  );
  const entries = page.map((row): AuditEntry => {
    const subjectLabel =
      row.subjectType === 'user' && row.subjectId ? (emails.get(row.subjectId) ?? null) : row.subjectType === 'entity' && row.subjectId ? (names.get(row.subjectId) ?? null) : null;
    return {
      seq: row.seq,
      at: new Date(row.at),
      actorId: row.actorId,
      actorEmail: row.actorId ? (emails.get(row.actorId) ?? null) : null,
      action: row.action,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      subjectLabel,
      details: row.details,
    };
  });
  const last = page.at(-1);
  return { entries, olderBeforeSeq: rows.length > auditPageSize && last ? last.seq : undefined };
}

/** The actions that occur in the trail, for the filter's choices. */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}

/** A date typed as YYYY-MM-DD, as the start of that day in UTC (the trail shows times in UTC too). */
export function startOfDayUtc(date: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(value.getTime()) || value.toISOString().slice(0, 10) !== date ? undefined : value;
}

/** The end of an inclusive "until" day: the start of the next day. */
export function endOfDayUtc(date: string): Date | undefined {
  const start = startOfDayUtc(date);
  return start ? new Date(start.getTime() + 24 * 3600_000) : undefined;
}
