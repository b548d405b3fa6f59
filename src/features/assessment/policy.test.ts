import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/policy.ts';
import type { RoleGrant } from '../../platform/auth/roles.ts';
import { can, entityScope, type AssessmentAction, type InstrumentSubject, type Why } from './policy.ts';

const grant = (role: RoleGrant['role'], entityId: string | null = null): RoleGrant => ({ role, handlerFunction: null, actorFunction: role === 'entity_actor' ? 'hr' : null, entityId });
const actor = (userId: string, ...grants: RoleGrant[]): Actor => ({ userId, grants });

const coordinator = actor('coordinator', grant('integrity_coordinator'));
const actorOfA = actor('actor-a', grant('entity_actor', 'a'));
const actorOfBandA = actor('actor-ba', grant('entity_actor', 'b'), grant('entity_actor', 'a'));
const administrator = actor('admin', grant('administrator'));
const bureauMember = actor('bureau', grant('bureau_member'));
const withoutRoles = actor('nobody-special');
const entityA: InstrumentSubject = { entityId: 'a' };
const entityB: InstrumentSubject = { entityId: 'b' };

type Row = [string, Actor | undefined, AssessmentAction, InstrumentSubject | undefined, boolean, Why];

describe('who may do what with the self-assessment and the risk analysis', () => {
  it.each<Row>([
    // running an instrument for an entity
    ['the entity’s own integrity actor facilitates its instruments', actorOfA, 'facilitate', entityA, true, 'own_entity_actor'],
    ['an integrity actor of another entity does not', actorOfA, 'facilitate', entityB, false, 'other_entity'],
    ['an actor of two entities facilitates the second one', actorOfBandA, 'facilitate', entityA, true, 'own_entity_actor'],
    ['the integrity coordinator facilitates for every entity', coordinator, 'facilitate', entityB, true, 'coordinator'],
    ['an administrator runs no entity’s instruments', administrator, 'facilitate', entityA, false, 'no_instrument_role'],
    ['a bureau member runs no entity’s instruments', bureauMember, 'facilitate', entityA, false, 'no_instrument_role'],
    ['someone without roles runs nothing', withoutRoles, 'facilitate', entityA, false, 'no_instrument_role'],
    ['nobody signed in runs nothing', undefined, 'facilitate', entityA, false, 'not_signed_in'],
    // the instruments' pages
    ['an integrity actor opens the instruments', actorOfA, 'use_instruments', undefined, true, 'own_entity_actor'],
    ['the coordinator opens the instruments', coordinator, 'use_instruments', undefined, true, 'coordinator'],
    ['a bureau member does not', bureauMember, 'use_instruments', undefined, false, 'no_instrument_role'],
    ['an administrator does not', administrator, 'use_instruments', undefined, false, 'no_instrument_role'],
    // the models of both instruments: one rule
    ['the coordinator manages the models (the integrity policy’s content)', coordinator, 'manage_models', undefined, true, 'coordinator'],
    ['an administrator does not: they run the system, not the integrity policy', administrator, 'manage_models', undefined, false, 'coordinator_only'],
    ['an integrity actor does not manage the models every entity is measured against', actorOfA, 'manage_models', undefined, false, 'coordinator_only'],
    ['a bureau member does not manage the models', bureauMember, 'manage_models', undefined, false, 'coordinator_only'],
    ['nobody signed in manages nothing', undefined, 'manage_models', undefined, false, 'not_signed_in'],
  ])('%s', (_name, who, action, subject, allowed, why) => {
    expect(can(who, action, subject)).toEqual({ allowed, why });
  });

  it('lists an actor’s entities once, and every entity for the coordinator', () => {
    expect(entityScope(actor('x', grant('entity_actor', 'a'), grant('entity_actor', 'a'), grant('entity_actor', 'b')))).toEqual({ kind: 'entities', entityIds: ['a', 'b'] });
    expect(entityScope(actor('y', grant('entity_actor', 'a'), grant('integrity_coordinator')))).toEqual({ kind: 'all' });
    expect(entityScope(administrator)).toEqual({ kind: 'entities', entityIds: [] });
  });
});
