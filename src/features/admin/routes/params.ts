/** Path parameters of the back office: ids must be UUIDs, anything else is a page that does not exist. */
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../../../platform/http/errors.tsx';
import { grantParam, idParam } from '../form-schemas.ts';

export function idOf(request: FastifyRequest): string {
  const parsed = idParam.safeParse(request.params);
  if (!parsed.success) throw new HttpError(404);
  return parsed.data.id;
}

export function grantIdsOf(request: FastifyRequest): { id: string; grantId: string } {
  const parsed = grantParam.safeParse(request.params);
  if (!parsed.success) throw new HttpError(404);
  return parsed.data;
}

/** The signed-in administrator; the admin plugin's guard has already made sure there is one. */
export function actorOf(request: FastifyRequest): string {
  const auth = request.auth;
  if (!auth) throw new HttpError(403);
  return auth.user.id;
}
