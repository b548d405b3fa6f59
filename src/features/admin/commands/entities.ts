/** Commands on the entity tree: create, edit, move (never into a loop) and delete (only a leaf nobody acts for). */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { entities, userRoles } from '../../../platform/db/schema.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { wouldCreateCycle, type EntityKind } from '../entity-tree.ts';
import { isForeignKeyViolation, type Outcome } from './outcome.ts';

// Changes to the tree take this lock, so two moves at once cannot together close a loop that each alone would not.
const treeLock = 727010;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function lockTree(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${treeLock})`);
}

export interface EntityFields {
  name: string;
  kind: EntityKind;
  headcount: number | null;
}

export type CreateEntityResult = Outcome<{ entityId: string }, 'unknown_parent'>;

export async function createEntity(db: Db, actorId: string | null, input: EntityFields & { parentId: string | null }): Promise<CreateEntityResult> {
  return db.transaction(async (tx): Promise<CreateEntityResult> => {
    await lockTree(tx);
    if (input.parentId) {
      const [parent] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.id, input.parentId));
      if (!parent) return { ok: false, reason: 'unknown_parent' };
    }
    const [entity] = await tx
      .insert(entities)
      .values({ name: input.name.trim(), kind: input.kind, headcount: input.headcount, parentId: input.parentId })
      .returning({ id: entities.id });
    if (!entity) throw new Error('entity insert returned nothing');
    await recordAudit(tx, {
      actorId,
      action: 'entity.created',
      subjectType: 'entity',
      subjectId: entity.id,
      details: { name: input.name.trim(), kind: input.kind, parentId: input.parentId, headcount: input.headcount },
    });
    return { ok: true, entityId: entity.id };
  });
}

export type UpdateEntityResult = Outcome<object, 'not_found'>;

export async function updateEntity(db: Db, actorId: string | null, entityId: string, changes: EntityFields): Promise<UpdateEntityResult> {
  return db.transaction(async (tx): Promise<UpdateEntityResult> => {
    const [entity] = await tx.select().from(entities).where(eq(entities.id, entityId));
    if (!entity) return { ok: false, reason: 'not_found' };
    const next = { name: changes.name.trim(), kind: changes.kind, headcount: changes.headcount };
    const changed = Object.fromEntries(Object.entries(next).filter(([field, value]) => entity[field as keyof typeof next] !== value));
    if (Object.keys(changed).length === 0) return { ok: true };
    await tx.update(entities).set(next).where(eq(entities.id, entityId));
    // Entity names are organisational facts, not personal data: the trail keeps the new values.
    await recordAudit(tx, { actorId, action: 'entity.updated', subjectType: 'entity', subjectId: entityId, details: changed });
    return { ok: true };
  });
}

export type MoveEntityResult = Outcome<object, 'not_found' | 'unknown_parent' | 'cycle'>;

/** Gives an entity a new parent (or none: it becomes a root), refusing a parent that lies below it. */
export async function moveEntity(db: Db, actorId: string | null, entityId: string, newParentId: string | null): Promise<MoveEntityResult> {
  return db.transaction(async (tx): Promise<MoveEntityResult> => {
    await lockTree(tx);
    const all = await tx.select({ id: entities.id, parentId: entities.parentId }).from(entities);
    const entity = all.find((e) => e.id === entityId);
    if (!entity) return { ok: false, reason: 'not_found' };
    if (newParentId !== null && !all.some((e) => e.id === newParentId)) return { ok: false, reason: 'unknown_parent' };
    if (wouldCreateCycle(all, entityId, newParentId)) return { ok: false, reason: 'cycle' };
    if (entity.parentId === newParentId) return { ok: true };
    await tx.update(entities).set({ parentId: newParentId }).where(eq(entities.id, entityId));
    await recordAudit(tx, {
      actorId,
      action: 'entity.moved',
      subjectType: 'entity',
      subjectId: entityId,
      details: { fromParentId: entity.parentId, toParentId: newParentId },
    });
    return { ok: true };
  });
}

export type DeleteEntityResult = Outcome<object, 'not_found' | 'has_children' | 'has_roles' | 'in_use'>;

/** Deletes an entity that has no children and that no one holds a role for. */
export async function deleteEntity(db: Db, actorId: string | null, entityId: string): Promise<DeleteEntityResult> {
  try {
    return await db.transaction(async (tx): Promise<DeleteEntityResult> => {
      await lockTree(tx);
      const [entity] = await tx.select().from(entities).where(eq(entities.id, entityId));
      if (!entity) return { ok: false, reason: 'not_found' };
      const [child] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.parentId, entityId)).limit(1);
      if (child) return { ok: false, reason: 'has_children' };
      const [grant] = await tx.select({ id: userRoles.id }).from(userRoles).where(eq(userRoles.entityId, entityId)).limit(1);
      if (grant) return { ok: false, reason: 'has_roles' };
      await tx.delete(entities).where(eq(entities.id, entityId));
      await recordAudit(tx, { actorId, action: 'entity.deleted', subjectType: 'entity', subjectId: entityId, details: { name: entity.name, kind: entity.kind } });
      return { ok: true };
    });
  } catch (error) {
    // Other features' records (cases, assessments …) may point at the entity too; their foreign keys refuse.
    if (isForeignKeyViolation(error)) return { ok: false, reason: 'in_use' };
    throw error;
  }
}
