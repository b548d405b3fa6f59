/**
 * Everything the case page shows, loaded for one user: the full file (answers, messages, files, the
 * decrypted timeline, tasks, links) for a key holder, or the metadata for someone who may only see that
 * (the coordinator's overview: theme, entity, status, dates, handlers and the status history without reasons).
 */
import { and, asc, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { tryDecryptTextForCase, type DataKey } from '../../platform/crypto/envelope.ts';
import { decryptTaskTitle, taskTitlePurpose } from './task-title.ts';
import type { Db } from '../../platform/db/client.ts';
import { entities, userKeys, userRoles, users } from '../../platform/db/schema.ts';
import type { RoleGrant, Role } from '../../platform/auth/roles.ts';
import { brusselsDay, type IsoDate } from '../../platform/time/calendar.ts';
import {
  caseEvents,
  caseKeySeals,
  cases,
  dutyStatuses,
  loadCaseView,
  procedures,
  type CaseView,
  type DutyStatus,
  type Milestones,
  type ProcedureCode,
} from '../case-record/service.ts';
import { loadAccessFacts } from './access.ts';
import { loadRedactions, redactCaseView, seesRedacted } from './redaction.ts';
import { nextStatuses, type CaseStatus } from './lifecycle.ts';
import { can, canReceiveKey, type CaseAccessFacts, type CaseActor } from './policy.ts';
import { caseExclusions, caseLinks, caseTasks } from './schema.ts';

export type CaseRow = typeof cases.$inferSelect;

export interface TimelineEntry {
  id: string;
  kind: string;
  actorName: string | null;
  at: Date;
  details: Record<string, unknown>;
  /** The decrypted reason or note; undefined in the metadata view. */
  body: string | undefined;
  /** The reason or note did not decrypt; the page says so in its place. */
  undecryptable?: boolean;
}

export interface Person {
  id: string;
  name: string;
}

export interface CaseMetadata {
  row: Omit<CaseRow, 'content' | 'receiptLookupHash' | 'identity'>;
  entityName: string | null;
  procedure: ProcedureCode;
  duties: DutyStatus[];
  holders: Person[];
  pending: Person[];
  excluded: (Person & { reason: string })[];
  timeline: TimelineEntry[];
}

export interface CaseFile extends CaseMetadata {
  view: CaseView;
  hasReporterSeal: boolean;
  /** A task whose title does not decrypt has an empty title and `undecryptable`. */
  tasks: { id: string; title: string; undecryptable: boolean; assignee: Person | null; dueOn: string | null; doneOn: string | null }[];
  /** The encryption purposes (record kind and id, never content) of every record that did not decrypt, for the log. */
  undecryptable: string[];
  links: { id: string; reference: string }[];
  nextStatuses: CaseStatus[];
  referralCandidates: (Person & { functions: string[] })[];
  /** People who may be named as involved: everyone with a case role, not yet excluded. */
  exclusionCandidates: Person[];
}

async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function loadMetadata(db: Db, caseId: string, facts: CaseAccessFacts, today: IsoDate): Promise<CaseMetadata | undefined> {
  const [found] = await db.select({ row: cases, entityName: entities.name }).from(cases).leftJoin(entities, eq(entities.id, cases.entityId)).where(eq(cases.id, caseId));
  if (!found) return undefined;
  const { content: _content, receiptLookupHash: _hash, identity: _identity, ...row } = found.row;
  const [events, exclusions] = await Promise.all([
    db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.position)),
    db.select().from(caseExclusions).where(eq(caseExclusions.caseId, caseId)),
  ]);
  const names = await namesOf(db, [
    ...new Set([...facts.sealedTo, ...(facts.grantedMetadataOnly ?? []), ...facts.excluded, ...events.map((e) => e.actorId).filter((id): id is string => id !== null)]),
  ]);
  const person = (id: string): Person => ({ id, name: names.get(id) ?? '—' });
  const procedure = row.procedure as ProcedureCode;
  return {
    row,
    entityName: found.entityName,
    procedure,
    duties: dutyStatuses(procedures[procedure], row.milestones as Milestones, today),
    holders: facts.sealedTo.map(person),
    pending: (facts.grantedMetadataOnly ?? []).map(person),
    excluded: exclusions.map((e) => ({ ...person(e.userId), reason: e.reason })),
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
      at: e.at,
      details: e.details,
      body: undefined,
    })),
  };
}

/** The metadata view, for the coordinator's overview and handlers waiting for a key to be sealed to them. */
export async function loadCaseMetadata(db: Db, caseId: string, now = new Date()): Promise<CaseMetadata | undefined> {
  const facts = await loadAccessFacts(db, caseId);
  return facts ? loadMetadata(db, caseId, facts, brusselsDay(now)) : undefined;
}

async function grantsByUser(db: Db, userIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const map = new Map<string, RoleGrant[]>();
  if (userIds.length === 0) return map;
  const rows = await db.select().from(userRoles).where(inArray(userRoles.userId, userIds));
  for (const r of rows) {
    const grant: RoleGrant = { role: r.role as Role, handlerFunction: r.handlerFunction, actorFunction: r.actorFunction, entityId: r.entityId };
    map.set(r.userId, [...(map.get(r.userId) ?? []), grant]);
  }
  return map;
}

export async function loadGrants(db: Db, userId: string): Promise<RoleGrant[]> {
  return (await grantsByUser(db, [userId])).get(userId) ?? [];
}

/** The full case file for a key holder; `actor` decides which linked cases they may see. */
export async function loadCaseFile(db: Db, actor: CaseActor, caseId: string, dataKey: DataKey, now = new Date()): Promise<CaseFile | undefined> {
  const facts = await loadAccessFacts(db, caseId);
  if (!facts) return undefined;
  const metadata = await loadMetadata(db, caseId, facts, brusselsDay(now));
  const original = await loadCaseView(db, caseId, dataKey);
  if (!metadata || !original) return undefined;
  // A holder sealed with sees_redacted (a referral or export after masking) reads the masked version only.
  const view = (await seesRedacted(db, caseId, actor.userId)) ? redactCaseView(original, await loadRedactions(db, caseId)) : original;
  // One record that does not open must not hide the rest: it is marked in its place and named for the log.
  const undecryptable = [...(original.undecryptable ?? [])];
  const decrypt = (purpose: string, sealed: Uint8Array): string | undefined => {
    const text = tryDecryptTextForCase(dataKey, caseId, purpose, sealed);
    if (text === undefined) undecryptable.push(purpose);
    return text;
  };

  const [bodies, taskRows, linkRows, reporterSeal, candidates] = await Promise.all([
    db.select({ id: caseEvents.id, body: caseEvents.body }).from(caseEvents).where(and(eq(caseEvents.caseId, caseId), isNotNull(caseEvents.body))),
    db.select().from(caseTasks).where(eq(caseTasks.caseId, caseId)).orderBy(asc(caseTasks.createdAt)),
    db.select().from(caseLinks).where(or(eq(caseLinks.caseId, caseId), eq(caseLinks.linkedCaseId, caseId))),
    db
      .select({ id: caseKeySeals.id })
      .from(caseKeySeals)
      .where(and(eq(caseKeySeals.caseId, caseId), isNull(caseKeySeals.userId))),
    db
      .selectDistinct({ id: users.id, name: users.displayName })
      .from(users)
      .innerJoin(userKeys, eq(userKeys.userId, users.id))
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .where(and(inArray(userRoles.role, ['case_handler', 'integrity_coordinator']), isNull(users.disabledAt))),
  ]);
  const bodyById = new Map(bodies.map((b) => [b.id, decrypt(`event.${b.id}`, b.body!)]));
  const grants = await grantsByUser(db, candidates.map((c) => c.id));
  const referralCandidates = candidates
    .filter((c) => c.id !== actor.userId && !facts.sealedTo.includes(c.id))
    .filter((c) => canReceiveKey({ userId: c.id, grants: grants.get(c.id) ?? [] }, facts).allowed)
    .map((c) => ({ ...c, functions: (grants.get(c.id) ?? []).map((g) => g.handlerFunction ?? g.role) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const exclusionCandidates = candidates.filter((c) => !facts.excluded.includes(c.id)).sort((a, b) => a.name.localeCompare(b.name));

  const names = new Map(candidates.map((c) => [c.id, c.name]));
  const linkedIds = linkRows.map((l) => (l.caseId === caseId ? l.linkedCaseId : l.caseId));
  const visibleLinks: { id: string; reference: string }[] = [];
  if (linkedIds.length > 0) {
    const refs = await db.select({ id: cases.id, reference: cases.reference }).from(cases).where(inArray(cases.id, linkedIds));
    for (const ref of refs) {
      const linkedFacts = await loadAccessFacts(db, ref.id);
      // A link never reveals a case the viewer has no need to know about.
      if (linkedFacts && can(actor, 'read_metadata', linkedFacts).allowed) visibleLinks.push(ref);
    }
  }

  return {
    ...metadata,
    view,
    hasReporterSeal: reporterSeal.length > 0,
    timeline: metadata.timeline.map((entry) => {
      const body = bodyById.get(entry.id);
      return { ...entry, body, undecryptable: bodyById.has(entry.id) && body === undefined };
    }),
    tasks: taskRows.map((task) => {
      const title = decryptTaskTitle(dataKey, caseId, task.id, task.title);
      if (title === undefined) undecryptable.push(taskTitlePurpose(task.id));
      return {
        id: task.id,
        title: title ?? '',
        undecryptable: title === undefined,
        assignee: task.assigneeId ? { id: task.assigneeId, name: names.get(task.assigneeId) ?? '—' } : null,
        dueOn: task.dueOn,
        doneOn: task.doneOn,
      };
    }),
    links: visibleLinks,
    undecryptable,
    nextStatuses: nextStatuses(metadata.procedure, metadata.row.status as CaseStatus),
    referralCandidates,
    exclusionCandidates,
  };
}

