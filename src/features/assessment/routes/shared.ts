/** What the self-assessment's routes share: id parameters, the signed-in actor, access to an assessment (404 for anyone else), and notices across redirects. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { id, idParams, noticeName, query } from '../../../platform/http/route-schemas.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { actorOf as policyActor } from '../../../platform/auth/policy.ts';
import { can } from '../policy.ts';
import { getAssessment, type AssessmentSummary } from '../queries.ts';

/** The paths of the self-assessment: an assessment, one of its actions, a participation, a link. */
export const assessmentParams = idParams;
export const actionParams = z.object({ id, actionId: id });
export const participantParams = z.object({ participantId: id });
export const linkParams = z.object({ token: z.string() });

/** An id from the path, already checked by the route's schema; read again here typed, never cast. */
export function uuidParam(request: FastifyRequest, name: string): string {
  const parsed = z.object({ [name]: id }).safeParse(request.params);
  if (!parsed.success) throw new HttpError(404);
  return parsed.data[name]!;
}

export function actorOf(request: FastifyRequest): string {
  const auth = request.auth;
  if (!auth) throw new HttpError(403);
  return auth.user.id;
}

/** The assessment, if this user may facilitate it; anyone else gets the same 404 as for an assessment that does not exist. */
export async function facilitatedAssessment(db: Db, request: FastifyRequest): Promise<AssessmentSummary> {
  const assessment = await getAssessment(db, uuidParam(request, 'id'));
  if (!assessment || !can(policyActor(request), 'facilitate', { entityId: assessment.entityId }).allowed) throw new HttpError(404);
  return assessment;
}

const notices = {
  started: 'assessment.notice.started',
  invited: 'assessment.notice.invited',
  saved: 'assessment.notice.saved',
  submitted: 'assessment.notice.submitted',
  consensus: 'assessment.notice.consensus',
  closed: 'assessment.notice.closed',
  imported: 'assessment.notice.imported',
  actionCreated: 'assessment.notice.actionCreated',
  actionUpdated: 'assessment.notice.actionUpdated',
} as const satisfies Record<string, MessageKey>;

export type NoticeName = keyof typeof notices;

export const withNotice = (path: string, name: NoticeName) => `${path}?notice=${name}`;

/** The query of a self-assessment page: a notice after a redirect, or nothing; unknown names are ignored. */
export const noticeQuery = query({ notice: noticeName(Object.keys(notices) as [NoticeName, ...NoticeName[]]) });

/** The notice a page's query asks for; the plugin checks every query against noticeQuery before the handler. */
export function noticeFrom(checkedQuery: unknown): MessageKey | undefined {
  const { notice } = noticeQuery.parse(checkedQuery);
  return notice ? notices[notice] : undefined;
}

/** The text fields of a urlencoded or multipart body, as typed (repeated fields keep their first value). */
export function bodyValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === '_csrf') continue;
      if (typeof value === 'string') values[key] = value;
      else if (Array.isArray(value) && typeof value[0] === 'string') values[key] = value[0];
    }
  }
  return values;
}

/** Turns problems keyed by field into translated field errors. */
export function fieldErrors<P>(problems: Map<string, P>, message: (problem: P) => string): FieldErrors {
  return Object.fromEntries([...problems].map(([field, problem]) => [field, message(problem)]));
}
