/** The result of a command: what it produced, or the expected reason it refused (exceptions stay for the unexpected). */
export type Outcome<T extends object, Reason extends string> = ({ ok: true } & T) | { ok: false; reason: Reason };

/** PostgreSQL's SQLSTATE of an error, looking through the wrappers Drizzle puts around driver errors. */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Another row already holds this unique value (e.g. two administrators adding the same e-mail at once). */
export const isUniqueViolation = (error: unknown) => sqlState(error) === '23505';

/** A row is still referenced by another table's foreign key. */
export const isForeignKeyViolation = (error: unknown) => sqlState(error) === '23503';
