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

export type AuditAction =
  | 'installation.setup'
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'auth.second_factor_failed'
  | 'auth.locked'
  | 'auth.sign_out'
  | 'auth.sign_out_everywhere'
  | 'auth.two_factor_enabled'
  | 'auth.recovery_code_used'
  | 'auth.recovery_codes_renewed'
  | 'auth.password_changed'
  | 'auth.password_reset'
  | 'auth.two_factor_reset'
  | 'auth.unlock_passphrase_set'
  | 'user.created'
  | 'user.updated'
  | 'user.disabled'
  | 'user.enabled'
  | 'user.role_granted'
  | 'user.role_revoked'
  | 'entity.created'
  | 'entity.updated'
  | 'entity.moved'
  | 'entity.deleted'
  | 'handler_function.created'
  | 'routing.rule_created'
  | 'routing.rule_updated'
  | 'routing.rule_deleted'
  | 'settings.landing_updated'
  | 'settings.taxonomy_updated'
  | 'backup.restored'
  | 'case.read'
  | 'case.file_downloaded'
  | 'case.message_sent'
  | 'case.key_unlocked'
  | 'case.redacted'
  | 'case.redacted_permanently'
  | 'case.reassigned'
  | 'case.key_resealed'
  | 'case.identity_read'
  | 'case.identity_reveal_requested'
  | 'case.identity_reveal_approved'
  | 'case.identity_reveal_refused'
  | 'case.legal_hold_set'
  | 'case.legal_hold_lifted'
  | 'case.purged'
  | 'case.exported'
  | 'case.metadata_exported'
  | 'settings.retention_updated'
  | 'case.registered'
  | 'case.record_written'
  | 'case.record_read'
  | 'case.status_changed'
  | 'case.triaged'
  | 'case.note_added'
  | 'case.task_added'
  | 'case.task_completed'
  | 'case.linked'
  | 'case.classified'
  | 'case.referred'
  | 'case.excluded'
  | 'risk_analysis.started'
  | 'risk_analysis.completed'
  | 'risk_model.imported'
  | 'assessment.model_imported'
  | 'assessment.started'
  | 'assessment.participant_invited'
  | 'assessment.link_created'
  | 'assessment.consensus_recorded'
  | 'assessment.closed'
  | 'assessment.action_created'
  | 'assessment.action_updated'
  | 'figures.settings_updated'
  | 'figures.publication_created'
  | 'figures.commentary_saved'
  | 'figures.published'
  | 'figures.corrected'
  | 'figures.unpublished';

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
