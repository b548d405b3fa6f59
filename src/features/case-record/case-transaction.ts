/** Running a change to a case in one transaction that is rolled back when the change answers a failure. */
import type { Db } from '../../platform/db/client.ts';

/** Runs `work` in a transaction that is rolled back when it answers a failure, so nothing is half-stored. */
export async function inCaseTransaction<T extends { ok: boolean }>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  class Rollback extends Error {
    constructor(readonly result: T) {
      super('rollback');
    }
  }
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx as unknown as Db);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}
