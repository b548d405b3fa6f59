/**
 * Who may do what with the integrity instruments (docs/assessment.md, docs/risk-analysis.md): an entity's
 * integrity actors and the integrity coordinator run the self-assessment and the risk analysis of that
 * entity; the coordinator alone manages the models both instruments start from. One policy for both, so
 * the maturity scan and the risk analysis cannot disagree on who manages a model again.
 */
import { actorEntities, allow, holds, refuse, type Actor, type Decision } from '../../platform/auth/policy.ts';

export const assessmentActions = [
  /** Open the instruments' pages at all (the list of assessments or analyses). */
  'use_instruments',
  /** Start, invite, lead the consensus, read the report, keep the action plan; start, rate and complete a risk analysis. */
  'facilitate',
  /** Import and edit the maturity model and the risk model. */
  'manage_models',
] as const;
export type AssessmentAction = (typeof assessmentActions)[number];

/** The entity an assessment or risk analysis is (to be) about. */
export interface InstrumentSubject {
  entityId: string;
}

export type Why =
  // allowed
  | 'coordinator'
  | 'own_entity_actor'
  // refused
  | 'not_signed_in'
  | 'other_entity'
  | 'no_instrument_role'
  | 'coordinator_only';

/**
 * May `actor` do `action`, on the entity's instrument where the action concerns one?
 *
 * The models are the content of the integrity policy every entity is measured against, not the system's
 * configuration: the coordinator, who runs that policy (docs/assessment.md, docs/risk-analysis.md), manages
 * them; administrators run the system and manage neither.
 */
export function can(actor: Actor | undefined, action: AssessmentAction, subject?: InstrumentSubject): Decision<Why> {
  if (!actor) return refuse('not_signed_in');
  const coordinator = holds(actor, 'integrity_coordinator');
  switch (action) {
    case 'manage_models':
      return coordinator ? allow('coordinator') : refuse('coordinator_only');
    case 'use_instruments':
    case 'facilitate': {
      if (coordinator) return allow('coordinator');
      const own = actorEntities(actor);
      if (own.length === 0) return refuse('no_instrument_role');
      if (action === 'use_instruments' || !subject || own.includes(subject.entityId)) return allow('own_entity_actor');
      return refuse('other_entity');
    }
    default:
      return assertNever(action);
  }
}

/** The entities whose instruments this actor may run: every entity for the coordinator. */
export type EntityScope = { kind: 'all' } | { kind: 'entities'; entityIds: string[] };

export function entityScope(actor: Actor | undefined): EntityScope {
  if (holds(actor, 'integrity_coordinator')) return { kind: 'all' };
  return { kind: 'entities', entityIds: actorEntities(actor) };
}

function assertNever(value: never): never {
  throw new Error(`Unexpected assessment action: ${String(value)}`);
}
