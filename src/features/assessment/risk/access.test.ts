import { describe, expect, it } from 'vitest';
import type { RoleGrant } from '../../../platform/auth/roles.ts';
import { entityScope, mayManageModel, mayWorkOn } from './access.ts';

const actorOf = (entityId: string): RoleGrant => ({ role: 'entity_actor', handlerFunction: null, actorFunction: 'hr', entityId });
const plain = (role: RoleGrant['role']): RoleGrant => ({ role, handlerFunction: null, actorFunction: null, entityId: null });

describe('who may work on an entity’s risk analysis', () => {
  it.each([
    { who: 'the entity’s own integrity actor', grants: [actorOf('a')], entity: 'a', may: true, model: false },
    { who: 'an integrity actor of another entity', grants: [actorOf('b')], entity: 'a', may: false, model: false },
    { who: 'an actor of two entities, for the second', grants: [actorOf('b'), actorOf('a')], entity: 'a', may: true, model: false },
    { who: 'the integrity coordinator', grants: [plain('integrity_coordinator')], entity: 'a', may: true, model: true },
    { who: 'an administrator', grants: [plain('administrator')], entity: 'a', may: false, model: false },
    { who: 'a bureau member', grants: [plain('bureau_member')], entity: 'a', may: false, model: false },
    { who: 'someone without roles', grants: [], entity: 'a', may: false, model: false },
  ])('$who: works on it $may, manages the model $model', ({ grants, entity, may, model }) => {
    expect(mayWorkOn(grants, entity)).toBe(may);
    expect(mayManageModel(grants)).toBe(model);
  });

  it('lists an actor’s entities once, and everything for the coordinator', () => {
    expect(entityScope([actorOf('a'), actorOf('a'), actorOf('b')])).toEqual({ kind: 'entities', entityIds: ['a', 'b'] });
    expect(entityScope([actorOf('a'), plain('integrity_coordinator')])).toEqual({ kind: 'all' });
  });
});
