/** Adding to the configurable list of case-handler functions (confidential counsellor, prevention advisor …). */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { handlerFunctions } from '../../../platform/db/schema.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Language } from '../../../platform/i18n/languages.ts';
import { isUniqueViolation, type Outcome } from './outcome.ts';

/** A code is a stable identifier stored on grants and cases: lower case letters, digits and underscores. */
export const handlerFunctionCodePattern = /^[a-z][a-z0-9_]{1,62}$/;

export interface NewHandlerFunction {
  code: string;
  labels: Record<Language, string>;
}

export type AddHandlerFunctionResult = Outcome<object, 'code_taken' | 'invalid_code'>;

export async function addHandlerFunction(db: Db, actorId: string | null, input: NewHandlerFunction): Promise<AddHandlerFunctionResult> {
  if (!handlerFunctionCodePattern.test(input.code)) return { ok: false, reason: 'invalid_code' };
  try {
    return await db.transaction(async (tx): Promise<AddHandlerFunctionResult> => {
      const [taken] = await tx.select({ code: handlerFunctions.code }).from(handlerFunctions).where(eq(handlerFunctions.code, input.code));
      if (taken) return { ok: false, reason: 'code_taken' };
      const [last] = await tx.select({ max: sql<number | null>`max(${handlerFunctions.sortOrder})` }).from(handlerFunctions);
      await tx.insert(handlerFunctions).values({ code: input.code, labels: input.labels, sortOrder: Number(last?.max ?? 0) + 1 });
      await recordAudit(tx, { actorId, action: 'handler_function.created', subjectType: 'handler_function', subjectId: input.code, details: { labels: input.labels } });
      return { ok: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'code_taken' };
    throw error;
  }
}
