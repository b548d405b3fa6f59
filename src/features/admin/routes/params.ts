/** Path parameters of the back office: ids must be UUIDs, anything else is a page that does not exist (route-schemas.ts). */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../../../platform/http/errors.tsx';
import { id } from '../../../platform/http/route-schemas.ts';

export { idParams } from '../../../platform/http/route-schemas.ts';
export const grantParams = z.object({ id, grantId: id });

/** The signed-in administrator; the admin plugin's guard has already made sure there is one. */
export function actorOf(request: FastifyRequest): string {
  const auth = request.auth;
  if (!auth) throw new HttpError(403);
  return auth.user.id;
}
