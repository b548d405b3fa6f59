/**
 * The audit trail: an append-only, hash-chained log. Each row's hash covers its content and the previous
 * row's hash, and the head (last seq and hash) is kept beside it, so `bureau audit verify` (verify.ts)
 * finds any row that was changed, removed or cut off the end; signed checkpoints (checkpoints.ts) anchor
 * the chain outside the database. The database refuses UPDATE and DELETE on the table.
 */
import crypto from 'node:crypto';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog, settings } from '../db/schema.ts';

/**
 * Augmented by the registry of audit actions (src/audit-actions.ts) with `action`: the union of the actions every
 * feature records. Platform names no feature's action, yet every recorded action is type-checked.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging fills it in
export interface AuditActionRegistry {}

/** An action the audit trail records, `<subject>.<what happened>`, e.g. `case.read`. */
export type AuditAction = AuditActionRegistry extends { action: infer A extends string } ? A : never;

export interface AuditEvent {
  actorId: string | null;
  action: AuditAction;
  subjectType?: string;
  subjectId?: string;
  /** Never personal data of reporters, never an IP or user agent. */
  details?: Record<string, unknown>;
}

export const genesisHash = '0'.repeat(64);
export const auditHeadKey = 'audit.head';
const appendLock = 727002;

/** Stable JSON: keys sorted at every level, so jsonb's own key order cannot change the hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

interface ChainedFields {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
}

export function rowHash(prevHash: string, row: ChainedFields): string {
  const { seq, at, actorId, action, subjectType, subjectId, details } = row;
  const content = canonical({ seq, at: at.toISOString(), actorId, action, subjectType, subjectId, details });
  return crypto.createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** Appends one event; call it inside the transaction of the change it records. */
export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${appendLock})`);
    const [head] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, auditHeadKey));
    const previous = (head?.value as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: genesisHash };
    const row: ChainedFields = {
      seq: previous.seq + 1,
      at: new Date(),
      actorId: event.actorId,
      action: event.action,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      details: event.details ?? {},
    };
    const hash = rowHash(previous.hash, row);
    await tx.insert(auditLog).values({ ...row, prevHash: previous.hash, hash });
    const newHead = { seq: row.seq, hash };
    await tx
      .insert(settings)
      .values({ key: auditHeadKey, value: newHead })
      .onConflictDoUpdate({ target: settings.key, set: { value: newHead } });
  });
}

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  until?: Date | undefined;
  beforeSeq?: number | undefined;
  limit?: number;
}

/** The newest events first, filtered, for administrators. */
export async function listAuditEvents(db: Db, filter: AuditFilter) {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.until) conditions.push(lt(auditLog.at, filter.until));
  if (filter.beforeSeq) conditions.push(lt(auditLog.seq, filter.beforeSeq));
  return db
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(filter.limit ?? 50);
}
