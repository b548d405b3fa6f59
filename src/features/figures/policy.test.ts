import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/policy.ts';
import type { RoleGrant } from '../../platform/auth/roles.ts';
import { can, figuresAccess, type FeedbackSubject, type FiguresAction, type Why } from './policy.ts';

const grant = (role: RoleGrant['role'], entityId: string | null = null): RoleGrant => ({ role, handlerFunction: null, actorFunction: role === 'entity_actor' ? 'hr' : null, entityId });
const actor = (userId: string, ...grants: RoleGrant[]): Actor => ({ userId, grants });

const nobody = undefined;
const coordinator = actor('coordinator', grant('integrity_coordinator'));
const bureauMember = actor('bureau', grant('bureau_member'));
const actorOfA = actor('actor-a', grant('entity_actor', 'a'));
const actorOfAandB = actor('actor-ab', grant('entity_actor', 'b'), grant('entity_actor', 'a'));
const administrator = actor('admin', grant('administrator'));
const handler = actor('handler', { role: 'case_handler', handlerFunction: 'confidential_counsellor', actorFunction: null, entityId: null });
const entityA: FeedbackSubject = { entityId: 'a' };
const entityB: FeedbackSubject = { entityId: 'b' };

type Row = [string, Actor | undefined, FiguresAction, FeedbackSubject | undefined, boolean, Why];

describe('who may do what with the figures', () => {
  it.each<Row>([
    // the public figures
    ['anyone reads what is published', nobody, 'read_published', undefined, true, 'published_is_public'],
    ['a handler reads what is published like anyone', handler, 'read_published', undefined, true, 'published_is_public'],
    // publications and disclosure settings
    ['the coordinator assembles and publishes', coordinator, 'manage_publications', undefined, true, 'coordinator'],
    ['a bureau member does not publish', bureauMember, 'manage_publications', undefined, false, 'coordinator_only'],
    ['an administrator does not publish: they run the system, not the figures', administrator, 'manage_publications', undefined, false, 'coordinator_only'],
    ['an entity actor does not publish', actorOfA, 'manage_publications', undefined, false, 'coordinator_only'],
    ['nobody signed in publishes nothing', nobody, 'manage_publications', undefined, false, 'not_signed_in'],
    // policy indicators
    ['the coordinator reads the policy indicators', coordinator, 'read_policy_indicators', undefined, true, 'coordinator'],
    ['a bureau member reads the policy indicators', bureauMember, 'read_policy_indicators', undefined, true, 'bureau_member'],
    ['an entity actor does not read the policy indicators', actorOfA, 'read_policy_indicators', undefined, false, 'no_figures_role'],
    ['a case handler does not read the policy indicators', handler, 'read_policy_indicators', undefined, false, 'no_figures_role'],
    ['nobody signed in reads no policy indicators', nobody, 'read_policy_indicators', undefined, false, 'not_signed_in'],
    // entity feedback
    ['the coordinator opens the feedback index', coordinator, 'list_feedback', undefined, true, 'coordinator'],
    ['an entity actor opens the feedback index', actorOfA, 'list_feedback', undefined, true, 'own_entity_actor'],
    ['a bureau member has no feedback to open', bureauMember, 'list_feedback', undefined, false, 'no_figures_role'],
    ['the coordinator reads any entity’s feedback', coordinator, 'read_feedback', entityB, true, 'coordinator'],
    ['an entity actor reads their own entity’s feedback', actorOfA, 'read_feedback', entityA, true, 'own_entity_actor'],
    ['an entity actor never reads another entity’s feedback', actorOfA, 'read_feedback', entityB, false, 'other_entity'],
    ['an actor of two entities reads the second one’s feedback', actorOfAandB, 'read_feedback', entityA, true, 'own_entity_actor'],
    ['an administrator reads no entity’s feedback', administrator, 'read_feedback', entityA, false, 'no_figures_role'],
    ['nobody signed in reads no feedback', nobody, 'read_feedback', entityA, false, 'not_signed_in'],
    ['the coordinator comments an entity’s feedback', coordinator, 'comment_feedback', entityA, true, 'coordinator'],
    ['an entity actor reads but does not comment their feedback', actorOfA, 'comment_feedback', entityA, false, 'coordinator_only'],
  ])('%s', (_name, who, action, subject, allowed, why) => {
    expect(can(who, action, subject)).toEqual({ allowed, why });
  });

  it('offers each page only what the policy allows', () => {
    expect(figuresAccess(coordinator)).toEqual({ managesPublications: true, readsPolicyIndicators: true, readsFeedback: true, commentsFeedback: true });
    expect(figuresAccess(bureauMember)).toEqual({ managesPublications: false, readsPolicyIndicators: true, readsFeedback: false, commentsFeedback: false });
    expect(figuresAccess(actorOfA)).toEqual({ managesPublications: false, readsPolicyIndicators: false, readsFeedback: true, commentsFeedback: false });
  });
});
