import { describe, expect, it } from 'vitest';
import { buildEntityTree, descendantIds, flattenTree, wouldCreateCycle } from './entity-tree.ts';

// government
// ├─ Financiën (department)
// │  └─ Belastingdienst (agency)
// │     └─ Inning (unit)
// └─ Omgeving (department)
const entities = [
  { id: 'gov', parentId: null, name: 'Vlaamse overheid' },
  { id: 'omg', parentId: 'gov', name: 'Omgeving' },
  { id: 'fin', parentId: 'gov', name: 'Financiën' },
  { id: 'vlabel', parentId: 'fin', name: 'Belastingdienst' },
  { id: 'inning', parentId: 'vlabel', name: 'Inning' },
];

describe('wouldCreateCycle', () => {
  it.each([
    ['moving an entity under itself', 'fin', 'fin', true],
    ['moving an entity under its child', 'fin', 'vlabel', true],
    ['moving an entity under its grandchild', 'fin', 'inning', true],
    ['moving the root under a leaf', 'gov', 'inning', true],
    ['moving an entity under a sibling', 'fin', 'omg', false],
    ['moving a leaf under the root', 'inning', 'gov', false],
    ['making an entity a root', 'inning', null, false],
    ['moving under an unknown parent (the command refuses it separately)', 'fin', 'nowhere', false],
  ] as const)('%s → %s', (_case, id, newParentId, expected) => {
    expect(wouldCreateCycle(entities, id, newParentId)).toBe(expected);
  });

  it('stops on a loop that already exists above the new parent', () => {
    const broken = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
      { id: 'c', parentId: null },
    ];
    expect(wouldCreateCycle(broken, 'c', 'a')).toBe(false);
    expect(wouldCreateCycle(broken, 'a', 'b')).toBe(true);
  });
});

describe('buildEntityTree', () => {
  it('nests children under their parent, sorted by name', () => {
    const tree = buildEntityTree(entities);
    expect(tree).toHaveLength(1);
    expect(tree[0]!.entity.id).toBe('gov');
    expect(tree[0]!.children.map((c) => c.entity.name)).toEqual(['Financiën', 'Omgeving']);
    expect(flattenTree(tree).map((row) => `${row.depth}:${row.entity.id}`)).toEqual(['0:gov', '1:fin', '2:vlabel', '3:inning', '1:omg']);
  });

  it('shows an entity with a missing parent, and entities in a loop, as roots so none disappears', () => {
    const tree = buildEntityTree([
      { id: 'x', parentId: 'gone', name: 'Wees' },
      { id: 'a', parentId: 'b', name: 'A' },
      { id: 'b', parentId: 'a', name: 'B' },
    ]);
    const flat = flattenTree(tree).map((row) => row.entity.id);
    expect(flat.sort()).toEqual(['a', 'b', 'x']);
  });

  it('returns an empty forest for no entities', () => {
    expect(buildEntityTree([])).toEqual([]);
  });
});

describe('descendantIds', () => {
  it('finds every entity below, not the entity itself', () => {
    expect([...descendantIds(entities, 'fin')].sort()).toEqual(['inning', 'vlabel']);
    expect(descendantIds(entities, 'inning').size).toBe(0);
  });
});
