/**
 * GET/POST /cases/:id/identity: a holder of the confidential identity reads it (audited) and asks to
 * reveal it to another handler of the case; GET /cases/custodian and POST /cases/custodian/:requestId:
 * a designated custodian approves or refuses, seeing only reference, requester, target and reason.
 */
import type { FastifyRequest } from 'fastify';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { users } from '../../../platform/db/schema.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { render } from '../../../ui/render.tsx';
import { cases } from '../../case-record/service.ts';
import { caseExclusions, identityRevealRequests } from '../schema.ts';
import { decideIdentityReveal, requestIdentityReveal } from '../commands/reveal-identity.ts';
import { identityHolders, isCustodian, loadIdentity, openReason } from '../identity.ts';
import { handlerKeysOf, openCase, unlockPath, type OpenedCase } from '../keys.ts';
import { CustodianPage, IdentityPage } from '../views/identity.tsx';
import { id, idParams, noticeName, query, type RoutedApp } from '../../../platform/http/route-schemas.ts';

const requestForm = z.object({
  forUser: z.guid('handover.identity.notEligible'),
  reason: z.string().trim().min(1, 'form.required').max(2000, 'form.tooLong'),
});
const decisionForm = z.object({ decision: z.enum(['approve', 'refuse']) });

const requestProblems: Record<string, MessageKey> = {
  no_identity_key: 'handover.identity.none',
  not_eligible: 'handover.identity.notEligible',
  already_holds: 'handover.identity.notEligible',
  no_custodian: 'handover.identity.noCustodian',
  already_pending: 'handover.identity.alreadyPending',
};

const custodianNotices = { approved: 'handover.custodian.approved', refused: 'handover.custodian.refused' } as const satisfies Record<string, MessageKey>;
const custodianProblems = { own: 'handover.custodian.ownRequest', notEligible: 'handover.custodian.notEligible' } as const satisfies Record<string, MessageKey>;
const custodianQuery = query({ notice: noticeName(['approved', 'refused']), problem: noticeName(['own', 'notEligible']) });

export async function identityRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  const namesOf = async (ids: string[]) =>
    new Map((ids.length ? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids)) : []).map((u) => [u.id, u.name]));

  async function identityPage(ctx: ViewContext, opened: OpenedCase, caseId: string, extra: { values?: FormValues; errors?: FieldErrors; notice?: string }) {
    const [row] = await db.select({ reference: cases.reference }).from(cases).where(eq(cases.id, caseId));
    const identity = await loadIdentity(db, caseId, opened.keys);
    if (identity) {
      await recordAudit(db, { actorId: opened.actor.userId, action: 'case.identity_read', subjectType: 'case', subjectId: caseId });
    }
    const holders = await identityHolders(db, caseId);
    const pendingRows = await db
      .select({ forUserId: identityRevealRequests.forUserId, createdAt: identityRevealRequests.createdAt })
      .from(identityRevealRequests)
      .where(and(eq(identityRevealRequests.caseId, caseId), eq(identityRevealRequests.status, 'pending')));
    const candidateIds = opened.facts.sealedTo.filter((id) => id !== opened.actor.userId && !holders.includes(id) && !opened.facts.excluded.includes(id));
    const names = await namesOf([...candidateIds, ...pendingRows.map((p) => p.forUserId)]);
    const active = candidateIds.length
      ? new Set((await db.select({ id: users.id }).from(users).where(and(inArray(users.id, candidateIds), isNull(users.disabledAt)))).map((u) => u.id))
      : new Set<string>();
    return (
      <IdentityPage
        ctx={ctx}
        caseId={caseId}
        reference={row!.reference}
        identity={identity}
        candidates={candidateIds.filter((id) => active.has(id)).map((id) => ({ id, displayName: names.get(id) ?? id }))}
        pending={pendingRows.map((p) => ({ forName: names.get(p.forUserId) ?? '', createdOn: p.createdAt.toISOString().slice(0, 10) }))}
        {...extra}
      />
    );
  }

  app.get('/:id/identity', { schema: { params: idParams, querystring: query({ notice: noticeName(['requested']) }) } }, async (request, reply) => {
    const opened = await openCase(db, request, request.params.id, 'read_content');
    if (opened === 'locked') return reply.redirect(unlockPath(request), 303);
    const notice = request.query.notice === 'requested' ? request.t('handover.identity.requested') : undefined;
    return render(reply, await identityPage(viewContext(request, reply), opened, request.params.id, notice ? { notice } : {}));
  });

  app.post('/:id/identity', { schema: { params: idParams } }, async (request, reply) => {
    const caseId = request.params.id;
    const opened = await openCase(db, request, caseId, 'read_content');
    if (opened === 'locked') return reply.redirect(unlockPath(request), 303);
    const ctx = viewContext(request, reply);
    const form = parseForm(requestForm, request.body, request.t);
    if (!form.ok) return render(reply, await identityPage(ctx, opened, caseId, { values: form.values, errors: form.errors }), 400);
    const result = await requestIdentityReveal(db, { caseId, dataKey: opened.dataKey, keys: opened.keys, forUserId: form.data.forUser, reason: form.data.reason });
    if (!result.ok) {
      const field = result.reason === 'no_custodian' || result.reason === 'no_identity_key' ? 'reason' : 'forUser';
      return render(reply, await identityPage(ctx, opened, caseId, { values: form.values, errors: { [field]: request.t(requestProblems[result.reason]!) } }), 400);
    }
    return reply.redirect(`/cases/${caseId}/identity?notice=requested`, 303);
  });

  function requireCustodian(request: FastifyRequest): string {
    const auth = request.auth;
    if (!auth || !isCustodian(auth.roles)) throw new HttpError(404);
    return auth.user.id;
  }

  app.get('/custodian', { schema: { querystring: custodianQuery } }, async (request, reply) => {
    const custodianId = requireCustodian(request);
    const keys = await handlerKeysOf(db, request);
    if (!keys) return reply.redirect(unlockPath(request), 303);
    const rows = await db
      .select({ id: identityRevealRequests.id, caseId: identityRevealRequests.caseId, reference: cases.reference, requestedBy: identityRevealRequests.requestedBy, forUserId: identityRevealRequests.forUserId, reason: identityRevealRequests.reason })
      .from(identityRevealRequests)
      .innerJoin(cases, eq(cases.id, identityRevealRequests.caseId))
      .where(eq(identityRevealRequests.status, 'pending'))
      .orderBy(identityRevealRequests.createdAt);
    const excluded = new Set(
      (await db.select({ caseId: caseExclusions.caseId }).from(caseExclusions).where(eq(caseExclusions.userId, custodianId))).map((e) => e.caseId),
    );
    const visible = rows.filter((r) => r.requestedBy !== custodianId && r.forUserId !== custodianId && !excluded.has(r.caseId));
    const names = await namesOf([...new Set(visible.flatMap((r) => [r.requestedBy, r.forUserId].filter((id): id is string => Boolean(id))))]);
    const { notice: noticeAsked, problem: problemAsked } = request.query;
    const notice = noticeAsked ? request.t(custodianNotices[noticeAsked]) : undefined;
    const problem = problemAsked ? request.t(custodianProblems[problemAsked]) : undefined;
    const requests = visible.map((r) => ({
      id: r.id,
      reference: r.reference,
      requestedBy: (r.requestedBy && names.get(r.requestedBy)) || '—',
      forName: names.get(r.forUserId) ?? '—',
      reason: openReason(r.reason, keys),
    }));
    return render(reply, <CustodianPage ctx={viewContext(request, reply)} requests={requests} notice={notice} problem={problem} />);
  });

  app.post('/custodian/:requestId', { schema: { params: z.object({ requestId: id }) } }, async (request, reply) => {
    const custodianId = requireCustodian(request);
    const form = parseForm(decisionForm, request.body, request.t);
    if (!form.ok) throw new HttpError(400);
    const result = await decideIdentityReveal(db, custodianId, request.params.requestId, form.data.decision === 'approve');
    if (!result.ok) {
      if (result.reason === 'not_found') throw new HttpError(404);
      return reply.redirect(`/cases/custodian?problem=${result.reason === 'own_request' ? 'own' : 'notEligible'}`, 303);
    }
    return reply.redirect(`/cases/custodian?notice=${form.data.decision === 'approve' ? 'approved' : 'refused'}`, 303);
  });
}
