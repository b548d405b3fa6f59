/** The entity tree as pure functions: building it from rows, flattening it for lists, and the cycle check for moves. */

export const entityKinds = ['government', 'department', 'agency', 'unit'] as const;
export type EntityKind = (typeof entityKinds)[number];

export function isEntityKind(value: unknown): value is EntityKind {
  return typeof value === 'string' && (entityKinds as readonly string[]).includes(value);
}

/** The part of an entity the tree needs: who it is and who its parent is. */
export interface EntityLink {
  id: string;
  parentId: string | null;
}

export interface EntityNode<E extends EntityLink> {
  entity: E;
  children: EntityNode<E>[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nl', { sensitivity: 'base' });

/**
 * Builds the forest of entities, children sorted by name. An entity whose parent is missing becomes a
 * root; an entity caught in a cycle (which moveEntity refuses, but a restored or hand-edited database
 * might hold) is shown as a root too, so nothing ever disappears from the list.
 */
export function buildEntityTree<E extends EntityLink & { name: string }>(entities: readonly E[]): EntityNode<E>[] {
  const ids = new Set(entities.map((e) => e.id));
  const childrenOf = new Map<string | null, E[]>();
  for (const entity of entities) {
    const parent = entity.parentId !== null && ids.has(entity.parentId) && entity.parentId !== entity.id ? entity.parentId : null;
    const siblings = childrenOf.get(parent) ?? [];
    siblings.push(entity);
    childrenOf.set(parent, siblings);
  }
  const placed = new Set<string>();
  const grow = (entity: E): EntityNode<E> => {
    placed.add(entity.id);
    const children = (childrenOf.get(entity.id) ?? []).filter((child) => !placed.has(child.id)).sort(byName);
    return { entity, children: children.map(grow) };
  };
  const roots = [...(childrenOf.get(null) ?? [])].sort(byName).map(grow);
  const unplaced = entities.filter((e) => !placed.has(e.id)).sort(byName);
  for (const entity of unplaced) if (!placed.has(entity.id)) roots.push(grow(entity));
  return roots;
}

/** The tree in reading order (a parent before its children), each entity with its depth (roots at 0). */
export function flattenTree<E extends EntityLink>(nodes: readonly EntityNode<E>[], depth = 0): { entity: E; depth: number }[] {
  return nodes.flatMap((node) => [{ entity: node.entity, depth }, ...flattenTree(node.children, depth + 1)]);
}

/** The ids of every entity below `id` (not `id` itself). */
export function descendantIds(entities: readonly EntityLink[], id: string): Set<string> {
  const childrenOf = new Map<string, string[]>();
  for (const e of entities) {
    if (e.parentId === null) continue;
    childrenOf.set(e.parentId, [...(childrenOf.get(e.parentId) ?? []), e.id]);
  }
  const found = new Set<string>();
  const queue = [...(childrenOf.get(id) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (next === id || found.has(next)) continue;
    found.add(next);
    queue.push(...(childrenOf.get(next) ?? []));
  }
  return found;
}

/**
 * Whether making `newParentId` the parent of `id` would close a loop: true when the new parent is the
 * entity itself or lies below it. Walks up from the new parent, so it costs the depth of the tree.
 */
export function wouldCreateCycle(entities: readonly EntityLink[], id: string, newParentId: string | null): boolean {
  if (newParentId === null) return false;
  const parentOf = new Map(entities.map((e) => [e.id, e.parentId]));
  const seen = new Set<string>();
  let current: string | null | undefined = newParentId;
  while (current !== null && current !== undefined) {
    if (current === id) return true;
    // An existing loop above the new parent does not pass through `id`: stop instead of walking forever.
    if (seen.has(current)) return false;
    seen.add(current);
    current = parentOf.get(current);
  }
  return false;
}
