/**
 * Need to know in SQL (docs/law.md §1, Directive art. 9(1)(a)): which cases a user's lists may show, derived from policy.ts
 * itself by asking `can(actor, 'read_metadata', …)` about each procedure, so the lists cannot drift from
 * the policy that guards each case page. A case is listed when the policy lets the user read its metadata
 * because it is sealed to them, waiting for a seal to them, or (the coordinator) whatever it is; never
 * when they are excluded. Psychosocial cases never reach the coordinator, auditors or coordinator staff.
 */
import { sql, type SQL } from 'drizzle-orm';
import { can, type CaseActor } from '../policy.ts';
import { procedures, type ProcedureCode } from '../../case-record/service.ts';

export interface ListScope {
  userId: string;
  /** Procedures whose every case's metadata the user sees (the coordinator's overview). */
  all: ProcedureCode[];
  /** Procedures whose cases the user sees when the key is sealed to them. */
  sealed: ProcedureCode[];
  /** Procedures whose cases the user sees while a seal to them is pending. */
  pending: ProcedureCode[];
}

const codes = Object.keys(procedures) as ProcedureCode[];

export function listScopeOf(actor: CaseActor): ListScope {
  const probe = (procedure: ProcedureCode, facts: { sealedTo?: string[]; grantedMetadataOnly?: string[] }) =>
    can(actor, 'read_metadata', {
      procedure,
      compartment: procedures[procedure].compartment,
      sealedTo: facts.sealedTo ?? [],
      excluded: [],
      grantedMetadataOnly: facts.grantedMetadataOnly ?? [],
    }).allowed;
  return {
    userId: actor.userId,
    all: codes.filter((p) => probe(p, {})),
    sealed: codes.filter((p) => probe(p, { sealedTo: [actor.userId] })),
    pending: codes.filter((p) => probe(p, { grantedMetadataOnly: [actor.userId] })),
  };
}

/** Whether the user has any case list at all (administrators and entity actors do not). */
export function hasCaseList(scope: ListScope): boolean {
  return scope.all.length + scope.sealed.length + scope.pending.length > 0;
}

/** Whether the user sees cases they do not hold (the coordinator): their lists show and filter by handler. */
export function isOverview(scope: ListScope): boolean {
  return scope.all.length > 0;
}

/** `c.procedure` among the list, or undefined when the list is every procedure. */
export function procedureIn(list: ProcedureCode[]): SQL | undefined {
  if (list.length === codes.length) return undefined;
  if (list.length === codes.length - 1) return sql`c.procedure <> ${codes.find((c) => !list.includes(c))!}`;
  return sql`c.procedure in (${sql.join(
    list.map((p) => sql`${p}`),
    sql`, `,
  )})`;
}

function both(a: SQL | undefined, b: SQL): SQL {
  return a ? sql`(${a} and ${b})` : b;
}

/** The SQL condition on `cases c` for this scope: a boolean expression, `false` when nothing may be listed. */
export function scopeCondition(scope: ListScope): SQL {
  const me = scope.userId;
  const excluded = sql`not exists (select 1 from case_exclusions x where x.case_id = c.id and x.user_id = ${me})`;
  // The holders copied onto the case by the seals' triggers (migration 0010): no lookup per listed case.
  const sealedTo = sql`c.key_holders @> array[${me}]::uuid[]`;
  const pendingFor = sql`c.awaiting_seal @> array[${me}]::uuid[]`;
  const parts: SQL[] = [];
  if (scope.all.length > 0) parts.push(procedureIn(scope.all) ?? sql`true`);
  const sealedOnly = scope.sealed.filter((p) => !scope.all.includes(p));
  const pendingOnly = scope.pending.filter((p) => !scope.all.includes(p));
  if (sealedOnly.length > 0 && sealedOnly.join() === pendingOnly.join()) {
    parts.push(both(procedureIn(sealedOnly), sql`(${sealedTo} or ${pendingFor})`));
  } else {
    if (sealedOnly.length > 0) parts.push(both(procedureIn(sealedOnly), sealedTo));
    if (pendingOnly.length > 0) parts.push(both(procedureIn(pendingOnly), pendingFor));
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)}) and ${excluded}`;
}
