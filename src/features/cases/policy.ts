/**
 * Who may do what with a case (need to know: only designated staff open a report, docs/law.md §1,
 * Directive art. 9(1)(a)): a pure function of the actor's grants
 * and the case's access facts, answering with a short machine code the audit trail and the 404s use.
 */
import type { RoleGrant } from '../../platform/auth/roles.ts';
import { procedures, type Procedure, type ProcedureCode } from '../case-record/service.ts';

export const caseActions = ['read_metadata', 'read_content', 'read_statistics', 'act', 'refer', 'grant_access', 'reassign', 'legal_hold'] as const;
export type CaseAction = (typeof caseActions)[number];

export interface CaseActor {
  userId: string;
  grants: readonly RoleGrant[];
}

export interface CaseAccessFacts {
  procedure: ProcedureCode;
  compartment: Procedure['compartment'];
  /** Users the case key is sealed to: the only people who can decrypt its content. */
  sealedTo: readonly string[];
  /** Users named as involved or who declared a conflict of interest: never read, never granted. */
  excluded: readonly string[];
  /** Users routed the case without its key (say, reassigned before the key is re-sealed): metadata only. */
  grantedMetadataOnly?: readonly string[];
}

export type Why =
  // allowed
  | 'holds_key'
  | 'may_act'
  | 'coordinator_overview'
  | 'granted_metadata'
  | 'statistics_record'
  | 'administrator_reassign'
  | 'coordinator_reassign'
  | 'coordinator_hold'
  | 'retention_steward'
  | 'holds_case_role'
  // refused
  | 'excluded'
  | 'no_case_role'
  | 'statistics_only'
  | 'administrator_never_reads_content'
  | 'administrator_reassign_only'
  | 'key_not_held'
  | 'not_routed'
  | 'function_not_in_procedure'
  | 'no_retention_role';

export interface Decision {
  allowed: boolean;
  why: Why;
}

const allow = (why: Why): Decision => ({ allowed: true, why });
const refuse = (why: Why): Decision => ({ allowed: false, why });

const isCoordinator = (actor: CaseActor) => actor.grants.some((g) => g.role === 'integrity_coordinator');
const isAdministrator = (actor: CaseActor) => actor.grants.some((g) => g.role === 'administrator');
/** Roles that hold a key pair, so a case key can be sealed to them (roles.ts needsKeyPair). */
const keyRoleGrants = (actor: CaseActor) => actor.grants.filter((g) => g.role === 'case_handler' || g.role === 'integrity_coordinator');

/**
 * docs/law.md §4: the integrity coordinator and internal audit never see psychosocial dossiers. The
 * coordinator's own staff count as the coordinator. One such grant is enough: a person wearing both hats
 * is kept out rather than let in.
 */
function keptOutOfPsychosocial(actor: CaseActor): boolean {
  return actor.grants.some(
    (g) => g.role === 'integrity_coordinator' || g.handlerFunction === 'auditor' || g.handlerFunction === 'coordinator_staff',
  );
}

function readContent(actor: CaseActor, facts: CaseAccessFacts): Decision {
  // Administrators run the system, never the cases (not designated staff, docs/law.md §1), even when they hold other grants.
  if (isAdministrator(actor)) return refuse('administrator_never_reads_content');
  if (keyRoleGrants(actor).length === 0) return refuse('no_case_role');
  if (facts.compartment === 'psychosocial' && keptOutOfPsychosocial(actor)) return refuse('statistics_only');
  if (!facts.sealedTo.includes(actor.userId)) return refuse('key_not_held');
  return allow('holds_key');
}

/** Acting needs the key and a handler function the procedure lists as an actor (procedures.ts). */
function act(actor: CaseActor, facts: CaseAccessFacts): Decision {
  const content = readContent(actor, facts);
  if (!content.allowed) return content;
  const actors = procedures[facts.procedure].actors;
  const fits = keyRoleGrants(actor).some((g) => g.handlerFunction !== null && actors.includes(g.handlerFunction));
  return fits ? allow('may_act') : refuse('function_not_in_procedure');
}

function readMetadata(actor: CaseActor, facts: CaseAccessFacts): Decision {
  if (facts.compartment === 'psychosocial' && keptOutOfPsychosocial(actor)) return refuse('statistics_only');
  if (facts.sealedTo.includes(actor.userId) && keyRoleGrants(actor).length > 0) return allow('holds_key');
  if (facts.grantedMetadataOnly?.includes(actor.userId) && keyRoleGrants(actor).length > 0) return allow('granted_metadata');
  // The coordinator oversees the follow-up of every case, so sees its metadata (theme, entity, status, dates, handler), never its content.
  if (isCoordinator(actor)) return allow('coordinator_overview');
  if (isAdministrator(actor)) return refuse('administrator_reassign_only');
  return refuse(keyRoleGrants(actor).length > 0 ? 'not_routed' : 'no_case_role');
}

/** The anonymous statistical record (theme, entity, channel, dates, outcome): for the figures, never identifying. */
function readStatistics(actor: CaseActor, facts: CaseAccessFacts): Decision {
  if (isCoordinator(actor) || actor.grants.some((g) => g.handlerFunction === 'auditor')) return allow('statistics_record');
  const metadata = readMetadata(actor, facts);
  return metadata.allowed ? allow('statistics_record') : metadata;
}

/** So no case waits on an absent handler, an administrator or the coordinator moves cases on without seeing content. */
function reassign(actor: CaseActor, facts: CaseAccessFacts): Decision {
  if (isAdministrator(actor)) return allow('administrator_reassign');
  if (isCoordinator(actor)) {
    return facts.compartment === 'psychosocial' ? refuse('statistics_only') : allow('coordinator_reassign');
  }
  return refuse(keyRoleGrants(actor).length > 0 ? 'not_routed' : 'no_case_role');
}

/**
 * A legal hold keeps a case from the retention sweep (docs/cases.md): a handler who may act on the case
 * places or lifts it, and so does the coordinator on any case whose metadata they see (not psychosocial
 * ones), since a court order may come to them first.
 */
function legalHold(actor: CaseActor, facts: CaseAccessFacts): Decision {
  const acting = act(actor, facts);
  if (acting.allowed) return acting;
  if (isCoordinator(actor) && readMetadata(actor, facts).allowed) return allow('coordinator_hold');
  return acting;
}

/** May `actor` do `action` on the case described by `facts`? */
export function can(actor: CaseActor, action: CaseAction, facts: CaseAccessFacts): Decision {
  // Anyone named as involved or with a declared conflict is excluded from everything (docs/law.md §1 art. 9(1)(c), §5 ISO 37301 8.4).
  if (facts.excluded.includes(actor.userId)) return refuse('excluded');
  switch (action) {
    case 'read_metadata':
      return readMetadata(actor, facts);
    case 'read_content':
      return readContent(actor, facts);
    case 'read_statistics':
      return readStatistics(actor, facts);
    // Referring and granting seal the key to someone else: only a key holder who may act can do it.
    case 'act':
    case 'refer':
    case 'grant_access':
      return act(actor, facts);
    case 'reassign':
      return reassign(actor, facts);
    case 'legal_hold':
      return legalHold(actor, facts);
    default:
      return assertNever(action);
  }
}

/**
 * May the case key be sealed to `grantee` (by a referral, a grant or a re-sealing)? Checked with
 * can(granter, 'grant_access') by the command. A read-only grant needs no procedure function (the
 * coordinator may be granted an integrity case); acting is checked separately by can(grantee, 'act').
 */
export function canReceiveKey(grantee: CaseActor, facts: CaseAccessFacts): Decision {
  if (facts.excluded.includes(grantee.userId)) return refuse('excluded');
  if (isAdministrator(grantee)) return refuse('administrator_never_reads_content');
  if (keyRoleGrants(grantee).length === 0) return refuse('no_case_role');
  if (facts.compartment === 'psychosocial' && keptOutOfPsychosocial(grantee)) return refuse('statistics_only');
  return allow('holds_key');
}

/**
 * May `actor` set the retention periods of every case? Not a question about one case: the coordinator,
 * who answers for the records, and administrators, who configure the installation, may.
 */
export function canSetRetention(actor: CaseActor): Decision {
  return isCoordinator(actor) || isAdministrator(actor) ? allow('retention_steward') : refuse('no_retention_role');
}

/**
 * May `actor` hand every case of one handler over to another (reassign.ts)? The same people who move a
 * single case without reading it: an administrator, or the coordinator (for the cases outside the
 * psychosocial compartment, which the command checks case by case with can(actor, 'reassign')).
 */
export function canReassignHandler(actor: CaseActor): Decision {
  if (isAdministrator(actor)) return allow('administrator_reassign');
  if (isCoordinator(actor)) return allow('coordinator_reassign');
  return refuse(keyRoleGrants(actor).length > 0 ? 'not_routed' : 'no_case_role');
}

/**
 * May `actor` open the back office's case pages at all (list, dashboard, hand-over)? Those who hold case
 * keys, and administrators, who move cases on without reading them; each case still asks `can()`.
 */
export function canEnterCases(actor: CaseActor): Decision {
  if (keyRoleGrants(actor).length > 0) return allow('holds_case_role');
  return isAdministrator(actor) ? allow('administrator_reassign') : refuse('no_case_role');
}

/** May `actor` register a contact that came by phone, e-mail, letter or in person? Only those who hold a key pair, never administrators. */
export function canRegisterContact(actor: CaseActor): Decision {
  if (keyRoleGrants(actor).length > 0) return allow('holds_case_role');
  return refuse(isAdministrator(actor) ? 'administrator_never_reads_content' : 'no_case_role');
}

/** The case pages a person's navigation leads to; the pages themselves still ask `can()` per case. */
export interface CaseNavigation {
  /** The case list, dashboard and registration: those who hold case keys (handlers and the coordinator). */
  handlesReports: boolean;
  /** The coordinator's overview: every case's metadata, reassignment and retention. */
  isCoordinator: boolean;
  /** The identity custodian decides on requests to reveal a confidential reporter (docs/cases.md). */
  isCustodian: boolean;
}

export function caseNavigation(actor: CaseActor): CaseNavigation {
  return {
    handlesReports: canRegisterContact(actor).allowed,
    isCoordinator: isCoordinator(actor),
    isCustodian: actor.grants.some((g) => g.handlerFunction === 'identity_custodian'),
  };
}

function assertNever(value: never): never {
  throw new Error(`Unexpected case action: ${String(value)}`);
}
