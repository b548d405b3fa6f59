/** The pino logger: structured, redacted, and without IP addresses, user agents, query strings or query parameters. */
import crypto from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

/** What an operator needs from a failed query, without what a person typed into it. */
export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  /**
   * PostgreSQL's SQLSTATE (e.g. 22021 for a byte sequence UTF-8 does not allow) or a Node/Fastify code; not
   * named `code`, which the redaction removes everywhere (a second-factor code is posted under that name).
   */
  errorCode?: string;
  /** A short stable fingerprint of the SQL text (never its parameters), and the tables it names. */
  query?: { fingerprint: string; tables: string[] };
  constraint?: string;
  table?: string;
  column?: string;
  cause?: LoggedError;
}

interface ErrorFields {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  code?: unknown;
  query?: unknown;
  params?: unknown;
  severity?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  cause?: unknown;
}

const sqlState = /^[0-9A-Z]{5}$/;

function isDatabaseError(error: ErrorFields): boolean {
  return typeof error.code === 'string' && sqlState.test(error.code) && typeof error.severity === 'string';
}

/** The SQL text's fingerprint and the tables it reads or writes: enough to find the query in the code. */
export function describeQuery(sql: string): { fingerprint: string; tables: string[] } {
  const tables = new Set<string>();
  for (const match of sql.matchAll(/\b(?:from|into|update|join)\s+"([A-Za-z0-9_]+)"/gi)) tables.add(match[1]!);
  return { fingerprint: crypto.createHash('sha256').update(sql).digest('hex').slice(0, 12), tables: [...tables] };
}

/**
 * PostgreSQL quotes the offending value in many messages (`invalid input syntax for type uuid: "…"`), and a
 * byte sequence it refuses is shown in hex; both are what someone typed.
 */
export function withoutQuotedValues(message: string): string {
  return message.replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'").replace(/0x[0-9a-f]{2}( 0x[0-9a-f]{2})*/gi, '0x…');
}

/** Only the call sites of a stack: its first lines repeat the message, which may carry the query's parameters. */
function callSites(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const lines = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return lines.length ? lines.join('\n') : undefined;
}

/**
 * Serializes an error for the log. A database error keeps its SQLSTATE, constraint and query fingerprint;
 * its parameters, its detail (`Key (email)=(…) already exists`) and the quoted values in its message go.
 * Drizzle wraps a failed query in an error whose message lists the parameters: that message is replaced.
 */
export function serializeError(value: unknown, depth = 0): LoggedError {
  if (value === null || typeof value !== 'object') return { type: typeof value, message: typeof value === 'string' ? '(a thrown string)' : String(value) };
  const error = value as ErrorFields;
  const type = typeof error.name === 'string' ? error.name : (value.constructor?.name ?? 'Error');
  const wrapsQuery = typeof error.query === 'string' && 'params' in error;
  const database = isDatabaseError(error);
  const rawMessage = typeof error.message === 'string' ? error.message : '';
  const logged: LoggedError = {
    type,
    // PGlite's database error carries the query and its parameters too: the database case comes first.
    message: database ? withoutQuotedValues(rawMessage) : wrapsQuery ? 'Failed query' : rawMessage,
  };
  const stack = callSites(error.stack);
  if (stack) logged.stack = stack;
  if (typeof error.code === 'string' || typeof error.code === 'number') logged.errorCode = String(error.code);
  if (wrapsQuery) logged.query = describeQuery(error.query as string);
  if (database) {
    if (typeof error.constraint === 'string') logged.constraint = error.constraint;
    if (typeof error.table === 'string') logged.table = error.table;
    if (typeof error.column === 'string') logged.column = error.column;
  }
  if (error.cause !== undefined && depth < 4) logged.cause = serializeError(error.cause, depth + 1);
  return logged;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers', 'headers', '*.password', '*.passphrase', '*.token', '*.code', 'body', '*.body'],
        censor: '[redacted]',
      },
      serializers: {
        // Fastify's default request serializer logs remoteAddress and the full URL; we keep neither.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: (error: unknown) => serializeError(error),
      },
    },
    destination,
  );
}
