/**
 * Who may do what with the figures (docs/figures.md): anyone reads what is published; the integrity
 * coordinator assembles, comments and publishes; bureau members read the policy indicators; an entity's
 * integrity actors read their own entity's feedback, never another's.
 */
import { actorEntities, allow, holds, refuse, type Actor, type Decision } from '../../platform/auth/policy.ts';

export const figuresActions = ['read_published', 'manage_publications', 'read_policy_indicators', 'list_feedback', 'read_feedback', 'comment_feedback'] as const;
export type FiguresAction = (typeof figuresActions)[number];

/** The entity whose feedback is asked for, where the action concerns one. */
export interface FeedbackSubject {
  entityId: string;
}

export type Why =
  // allowed
  | 'published_is_public'
  | 'coordinator'
  | 'bureau_member'
  | 'own_entity_actor'
  // refused
  | 'not_signed_in'
  | 'coordinator_only'
  | 'no_figures_role'
  | 'other_entity';

const coordinator = (actor: Actor | undefined) => holds(actor, 'integrity_coordinator');

function readFeedback(actor: Actor | undefined, subject: FeedbackSubject | undefined): Decision<Why> {
  if (!actor) return refuse('not_signed_in');
  if (coordinator(actor)) return allow('coordinator');
  const own = actorEntities(actor);
  if (own.length === 0) return refuse('no_figures_role');
  // Without a subject the question is whether the feedback index is theirs to open at all.
  if (!subject || own.includes(subject.entityId)) return allow('own_entity_actor');
  return refuse('other_entity');
}

/** May `actor` (undefined: someone not signed in) do `action`, on the entity's feedback where it concerns one? */
export function can(actor: Actor | undefined, action: FiguresAction, subject?: FeedbackSubject): Decision<Why> {
  switch (action) {
    case 'read_published':
      // Published figures are suppressed for small counts before they are stored (docs/figures.md): no reader check.
      return allow('published_is_public');
    case 'manage_publications':
    case 'comment_feedback':
      if (!actor) return refuse('not_signed_in');
      return coordinator(actor) ? allow('coordinator') : refuse('coordinator_only');
    case 'read_policy_indicators':
      if (!actor) return refuse('not_signed_in');
      if (coordinator(actor)) return allow('coordinator');
      return holds(actor, 'bureau_member') ? allow('bureau_member') : refuse('no_figures_role');
    case 'list_feedback':
      return readFeedback(actor, undefined);
    case 'read_feedback':
      return readFeedback(actor, subject);
    default:
      return assertNever(action);
  }
}

/** What the figures' back office may offer this actor: the pages' navigation and forms follow it. */
export interface FiguresAccess {
  managesPublications: boolean;
  readsPolicyIndicators: boolean;
  readsFeedback: boolean;
  commentsFeedback: boolean;
}

export function figuresAccess(actor: Actor | undefined): FiguresAccess {
  return {
    managesPublications: can(actor, 'manage_publications').allowed,
    readsPolicyIndicators: can(actor, 'read_policy_indicators').allowed,
    readsFeedback: can(actor, 'list_feedback').allowed,
    commentsFeedback: can(actor, 'comment_feedback').allowed,
  };
}

function assertNever(value: never): never {
  throw new Error(`Unexpected figures action: ${String(value)}`);
}
