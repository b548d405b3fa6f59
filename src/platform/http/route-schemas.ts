/**
 * Route input is checked by a zod schema before the handler runs (fastify-type-provider-zod): each route
 * declares the schema of its path parameters and query, and its handler reads them typed, never cast. A
 * path parameter that does not fit names a page that does not exist (404); a query that does not fit is a
 * request we cannot answer (400). Both get the translated error page, never a stack trace. Form bodies are
 * parsed by their own schema in the handler (forms.ts), because a wrong field re-renders the form with its
 * message beside the field rather than an error page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, FastifySchema, RawServerDefault, RouteGenericInterface } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from './errors.tsx';

/** A Fastify instance whose routes read their params and query as their schemas type them. */
export type RoutedApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** The request of a route declared with `schema`, for the helpers its handler passes it to. */
export type SchemaRequest<S extends FastifySchema> = FastifyRequest<RouteGenericInterface, RawServerDefault, IncomingMessage, S, ZodTypeProvider>;

export function registerRouteSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSchemaErrorFormatter((_issues, part) => new HttpError(part === 'params' ? 404 : 400));
}

/** A record's id in a path: any UUID PostgreSQL stores (the database makes them; the form is all we check). */
export const id = z.guid();

/** Whether a text is a record's id, for input that arrives inside another field (a cursor, a redaction target). */
export const isRecordId = (value: string): boolean => id.safeParse(value).success;

/** The common path of a record's page: `/:id`. */
export const idParams = z.object({ id });

/**
 * A query whose listed fields are checked; any other field (say `lang`, which the language switcher reads
 * before routing) is kept as it came.
 */
export const query = <S extends z.core.$ZodLooseShape>(shape: S) => z.looseObject(shape);

/**
 * A notice named in the query after a redirect: one of `names`, or nothing. An unknown name is ignored
 * rather than refused, as a link from an older page may still carry one.
 */
export const noticeName = <const N extends readonly [string, ...string[]]>(names: N) => z.enum(names).optional().catch(undefined);

/** A text field of the query that is shown back or looked up, or nothing; a repeated field keeps its first value. */
export const optionalText = z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string().optional()).catch(undefined);

/**
 * A query field as the request carried it, for the hooks that run before a route's schema (the language
 * switcher) and for pages that only ask whether a field was given; undefined when absent.
 */
export function rawQueryValue(request: { query: unknown }, name: string): unknown {
  const fields = request.query;
  return typeof fields === 'object' && fields !== null && Object.hasOwn(fields, name) ? Reflect.get(fields, name) : undefined;
}
