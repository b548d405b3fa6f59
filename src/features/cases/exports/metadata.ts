/**
 * The coordinator's CSV of case metadata, for the register of every report (docs/law.md §1, Directive
 * art. 18(1)): reference, procedure, theme, entity, channel,
 * status, dates and handler names — never content, and nothing of the psychosocial compartment (its
 * cases are left out whole: even their metadata identifies). Read in keyset pages, streamed.
 */
import { and, asc, eq, gt, inArray, ne, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { entities, users } from '../../../platform/db/schema.ts';
import { caseKeySeals, cases, escrowEmail } from '../../case-record/service.ts';
import { caseExclusions } from '../schema.ts';
import { csvLine } from './csv.ts';

export interface MetadataColumns {
  reference: string;
  procedure: string;
  theme: string;
  entity: string;
  channel: string;
  status: string;
  received: string;
  closed: string;
  handlers: string;
}

const pageSize = 2000;

/** CSV lines (header first) of every case the coordinator may see the metadata of. */
export async function* caseMetadataCsv(db: Db, coordinatorId: string, header: MetadataColumns, themeLabel: (code: string) => string): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(Object.values(header))}`;
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .select({
        id: cases.id,
        reference: cases.reference,
        procedure: cases.procedure,
        theme: cases.theme,
        entity: entities.name,
        channel: cases.channel,
        status: cases.status,
        receivedOn: cases.receivedOn,
        closedOn: cases.closedOn,
      })
      .from(cases)
      .leftJoin(entities, eq(entities.id, cases.entityId))
      .where(
        and(
          ne(cases.procedure, 'psychosocial'),
          after ? gt(cases.id, after) : undefined,
          notExists(db.select({ one: sql`1` }).from(caseExclusions).where(and(eq(caseExclusions.caseId, cases.id), eq(caseExclusions.userId, coordinatorId)))),
        ),
      )
      .orderBy(asc(cases.id))
      .limit(pageSize);
    if (rows.length === 0) return;
    const holders = await db
      .select({ caseId: caseKeySeals.caseId, name: users.displayName })
      .from(caseKeySeals)
      .innerJoin(users, eq(users.id, caseKeySeals.userId))
      .where(and(inArray(caseKeySeals.caseId, rows.map((r) => r.id)), ne(users.email, escrowEmail)))
      .orderBy(asc(users.displayName));
    const names = new Map<string, string[]>();
    for (const h of holders) names.set(h.caseId, [...(names.get(h.caseId) ?? []), h.name]);
    yield rows
      .map((r) =>
        csvLine([r.reference, r.procedure, themeLabel(r.theme), r.entity ?? '', r.channel, r.status, r.receivedOn, r.closedOn ?? '', (names.get(r.id) ?? []).join('; ')]),
      )
      .join('');
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.id;
  }
}
