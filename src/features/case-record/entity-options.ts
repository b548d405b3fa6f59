/** The entities a case can be about, as the options of a select list (the reporter's form and the registration form). */
import { asc } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { entities } from '../../platform/db/schema.ts';

export interface EntityOption {
  id: string;
  name: string;
  /** 0 for a root entity, 1 for its children … (for indentation in the list). */
  depth: number;
}

/** The entity tree, depth-first, for a select list. */
export async function loadEntityOptions(db: Db): Promise<EntityOption[]> {
  const rows = await db.select({ id: entities.id, name: entities.name, parentId: entities.parentId }).from(entities).orderBy(asc(entities.name));
  const children = new Map<string | null, typeof rows>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const options: EntityOption[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const row of children.get(parentId) ?? []) {
      options.push({ id: row.id, name: row.name, depth });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 0);
  return options;
}
