import { describe, expect, it } from 'vitest';
import type { Actor } from './platform/auth/policy.ts';
import type { RoleGrant } from './platform/auth/roles.ts';
import { navigationOf } from './navigation.ts';

const grant = (role: RoleGrant['role'], extra: Partial<RoleGrant> = {}): RoleGrant => ({ role, handlerFunction: null, actorFunction: null, entityId: null, ...extra });
const actor = (...grants: RoleGrant[]): Actor => ({ userId: 'someone', grants });

type Links = ReturnType<typeof navigationOf>;
const none: Links = { handlesReports: false, isCoordinator: false, isCustodian: false, isAdministrator: false, seesFigures: false, runsRiskAnalysis: false };

describe('what the navigation offers, as the features’ policies decide', () => {
  it.each<[string, Actor, Partial<Links>]>([
    ['the coordinator: cases and their overview, the figures, the instruments; not the administration', actor(grant('integrity_coordinator')), { handlesReports: true, isCoordinator: true, seesFigures: true, runsRiskAnalysis: true }],
    ['a confidential counsellor: the cases routed to them only', actor(grant('case_handler', { handlerFunction: 'confidential_counsellor' })), { handlesReports: true }],
    ['the identity custodian: cases and the requests to reveal an identity', actor(grant('case_handler', { handlerFunction: 'identity_custodian' })), { handlesReports: true, isCustodian: true }],
    ['an administrator: the administration only, never cases or figures', actor(grant('administrator')), { isAdministrator: true }],
    ['a bureau member: the figures’ policy indicators', actor(grant('bureau_member')), { seesFigures: true }],
    ['an entity’s integrity actor: their feedback and their entity’s instruments', actor(grant('entity_actor', { entityId: 'e1', actorFunction: 'hr' })), { seesFigures: true, runsRiskAnalysis: true }],
    ['someone without a role: nothing', actor(), {}],
  ])('%s', (_name, who, offered) => {
    expect(navigationOf(who)).toEqual({ ...none, ...offered });
  });
});
