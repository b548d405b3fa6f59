/** Starting an assessment, the facilitator's page (inviting users, one-time links, closing) and the consensus. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { viewContext } from '../../../platform/http/request-context.ts';
import { render } from '../../../ui/render.tsx';
import { ensureDefaultModel } from '../commands/models.ts';
import { closeAssessment, recordConsensus } from '../commands/consensus.ts';
import { createParticipantLink, inviteUser, startAssessment } from '../commands/running.ts';
import { completeField, dimensionRemarkField, levelField, readConsensusForm, remarkField, type ConsensusProblem } from '../consensus-form.ts';
import { actorOf as policyActor } from '../../../platform/auth/policy.ts';
import { can, entityScope } from '../policy.ts';
import { consensusOf, entityUsers, invitationsFor, latestModelVersions, listAssessments, listEntityChoices, participantsOf, submittedLevels, type AssessmentSummary } from '../queries.ts';
import { answerSpread } from '../spread.ts';
import { AssessmentPage } from '../views/assessment.tsx';
import { ConsensusPage } from '../views/consensus.tsx';
import { OverviewPage } from '../views/overview.tsx';
import { actorOf, assessmentParams, bodyValues, facilitatedAssessment, fieldErrors, noticeFrom, withNotice } from './shared.ts';
import type { RoutedApp } from '../../../platform/http/route-schemas.ts';

const startForm = z.object({ entityId: z.uuid(), modelId: z.uuid() });
const inviteForm = z.object({ userId: z.uuid() });

export async function runningRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  async function overview(request: FastifyRequest, reply: FastifyReply, form?: { values: FormValues; errors: FieldErrors }) {
    const auth = request.auth!;
    await ensureDefaultModel(db);
    const actor = policyActor(request);
    const scope = entityScope(actor);
    const page = (
      <OverviewPage
        ctx={viewContext(request, reply)}
        invitations={await invitationsFor(db, auth.user.id)}
        assessments={await listAssessments(db, scope)}
        entities={await listEntityChoices(db, scope)}
        models={await latestModelVersions(db)}
        canManageModels={can(actor, 'manage_models').allowed}
        values={form?.values}
        errors={form?.errors}
        notice={noticeFrom(request.query)}
      />
    );
    return render(reply, page, form ? 400 : 200);
  }

  app.get('/', async (request, reply) => overview(request, reply));

  app.post('/start', async (request, reply) => {
    const form = parseForm(startForm, request.body, request.t);
    if (!form.ok) return overview(request, reply, form);
    if (!can(policyActor(request), 'facilitate', { entityId: form.data.entityId }).allowed) return overview(request, reply, { values: form.values, errors: { entityId: request.t('form.invalidChoice') } });
    const result = await startAssessment(db, actorOf(request), form.data);
    if (!result.ok) {
      const field = result.reason === 'unknown_entity' ? 'entityId' : 'modelId';
      return overview(request, reply, { values: form.values, errors: { [field]: request.t('form.invalidChoice') } });
    }
    return reply.redirect(withNotice(`/assessment/${result.assessmentId}`, 'started'), 303);
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, assessment: AssessmentSummary, extra: Partial<Parameters<typeof AssessmentPage>[0]> = {}, status = 200) {
    const participants = await participantsOf(db, assessment.id);
    const invited = new Set(participants.map((p) => p.userId));
    const candidates = (await entityUsers(db, assessment.entityId)).filter((u) => !invited.has(u.id));
    const page = <AssessmentPage ctx={viewContext(request, reply)} assessment={assessment} participants={participants} candidates={candidates} notice={noticeFrom(request.query)} {...extra} />;
    return render(reply, page, status);
  }

  app.get('/:id', { schema: { params: assessmentParams } }, async (request, reply) => detail(request, reply, await facilitatedAssessment(db, request)));

  app.post('/:id/invite', { schema: { params: assessmentParams } }, async (request, reply) => {
    const assessment = await facilitatedAssessment(db, request);
    const form = parseForm(inviteForm, request.body, request.t);
    if (!form.ok) return detail(request, reply, assessment, { values: form.values, errors: form.errors }, 400);
    const result = await inviteUser(db, actorOf(request), assessment.id, form.data.userId);
    if (!result.ok) {
      if (result.reason === 'closed') throw new HttpError(409, 'assessment.closedMessage');
      return detail(request, reply, assessment, { values: form.values, errors: { userId: request.t('form.invalidChoice') } }, 400);
    }
    return reply.redirect(withNotice(`/assessment/${assessment.id}`, 'invited'), 303);
  });

  app.post('/:id/links', { schema: { params: assessmentParams } }, async (request, reply) => {
    const assessment = await facilitatedAssessment(db, request);
    const result = await createParticipantLink(db, actorOf(request), assessment.id);
    if (!result.ok) throw new HttpError(409, 'assessment.closedMessage');
    // The token is shown this once; the database keeps only its hash.
    const url = `${app.parts.config.baseUrl}/assessment/link/${result.token}`;
    return detail(request, reply, assessment, { newLink: { url, expiresAt: result.expiresAt } }, 201);
  });

  app.post('/:id/close', { schema: { params: assessmentParams } }, async (request, reply) => {
    const assessment = await facilitatedAssessment(db, request);
    const result = await closeAssessment(db, actorOf(request), assessment.id, assessment.definition);
    if (!result.ok) {
      if (result.reason === 'closed') throw new HttpError(409, 'assessment.closedMessage');
      return detail(request, reply, assessment, { closeProblem: true }, 409);
    }
    return reply.redirect(withNotice(`/assessment/${assessment.id}/report`, 'closed'), 303);
  });

  async function consensusPage(request: FastifyRequest, reply: FastifyReply, assessment: AssessmentSummary, form?: { values: FormValues; errors: FieldErrors }) {
    const { submitted, levels } = await submittedLevels(db, assessment.id);
    let values = form?.values;
    if (!values) {
      const saved = await consensusOf(db, assessment.id);
      values = {};
      for (const q of saved.questions) {
        values[levelField(q.questionCode)] = q.level === null ? '' : String(q.level);
        values[remarkField(q.questionCode)] = q.remark;
      }
      for (const d of saved.dimensions) {
        values[dimensionRemarkField(d.dimensionCode)] = d.remark;
        if (d.complete) values[completeField(d.dimensionCode)] = 'on';
      }
    }
    const page = (
      <ConsensusPage
        ctx={viewContext(request, reply)}
        assessmentId={assessment.id}
        entityName={assessment.entityName}
        model={assessment.definition}
        spread={answerSpread(levels, submitted)}
        values={values}
        errors={form?.errors}
        notice={noticeFrom(request.query)}
        open={assessment.status === 'open'}
      />
    );
    return render(reply, page, form ? 400 : 200);
  }

  app.get('/:id/consensus', { schema: { params: assessmentParams } }, async (request, reply) => consensusPage(request, reply, await facilitatedAssessment(db, request)));

  app.post('/:id/consensus', { schema: { params: assessmentParams } }, async (request, reply) => {
    const assessment = await facilitatedAssessment(db, request);
    const values = bodyValues(request.body);
    const reading = readConsensusForm(assessment.definition, values);
    if (!reading.ok) {
      const message = (problem: ConsensusProblem) =>
        problem.kind === 'outOfRange'
          ? request.t('assessment.consensus.outOfRange')
          : problem.kind === 'tooLong'
            ? request.t('form.tooLong', { max: 2000 })
            : request.t('assessment.consensus.incomplete', { missing: problem.missing });
      return consensusPage(request, reply, assessment, { values, errors: fieldErrors(reading.problems, message) });
    }
    const result = await recordConsensus(db, actorOf(request), assessment.id, reading.input);
    if (!result.ok) throw new HttpError(409, 'assessment.closedMessage');
    return reply.redirect(withNotice(`/assessment/${assessment.id}/consensus`, 'consensus'), 303);
  });
}
