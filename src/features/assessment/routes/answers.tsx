/**
 * A participant's answer form: for an invited user (signed in, their own participation only) and for the
 * holder of a one-time link (no account; the link stops working once used to submit, or when it expires).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireSignedIn } from '../../../platform/auth/guards.ts';
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { viewContext } from '../../../platform/http/request-context.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import { render } from '../../../ui/render.tsx';
import { answerLevelField, commentField, evidenceField, readAnswerForm, type AnswerProblem } from '../answer-form.ts';
import { hashLinkToken, saveAnswers } from '../commands/running.ts';
import { answersOf, getAssessment, getParticipant, participantByTokenHash } from '../queries.ts';
import { AnswerPage, LinkGonePage } from '../views/answer.tsx';
import { bodyValues, fieldErrors, linkParams, noticeFrom, participantParams, uuidParam, withNotice } from './shared.ts';
import type { RoutedApp } from '../../../platform/http/route-schemas.ts';

type Participant = NonNullable<Awaited<ReturnType<typeof getParticipant>>>;

const problemKeys: Record<AnswerProblem, MessageKey> = {
  required: 'assessment.answer.required',
  outOfRange: 'assessment.answer.outOfRange',
  tooLong: 'assessment.answer.tooLong',
  notALink: 'assessment.answer.notALink',
};

export async function answerRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  async function answerPage(request: FastifyRequest, reply: FastifyReply, participant: Participant, action: string, form?: { values: FormValues; errors: FieldErrors }, notice?: MessageKey) {
    const assessment = await getAssessment(db, participant.assessmentId);
    if (!assessment) throw new HttpError(404);
    if (assessment.status !== 'open' && participant.status !== 'submitted') throw new HttpError(409, 'assessment.closedMessage');
    let values = form?.values;
    if (!values) {
      values = {};
      for (const a of await answersOf(db, participant.id)) {
        values[answerLevelField(a.questionCode)] = a.level === null ? '' : String(a.level);
        values[commentField(a.questionCode)] = a.comment;
        values[evidenceField(a.questionCode)] = a.evidenceUrl;
      }
    }
    const page = (
      <AnswerPage
        ctx={viewContext(request, reply)}
        model={assessment.definition}
        entityName={assessment.entityName}
        action={action}
        values={values}
        errors={form?.errors}
        notice={notice ?? noticeFrom(request.query)}
        submitted={participant.status === 'submitted'}
      />
    );
    return render(reply, page, form ? 400 : 200);
  }

  /** Saves a draft or submits; a submission with unanswered questions keeps everything as a draft and says which are missing. */
  async function handleAnswers(request: FastifyRequest, reply: FastifyReply, participant: Participant, action: string, after: string | undefined) {
    const assessment = await getAssessment(db, participant.assessmentId);
    if (!assessment) throw new HttpError(404);
    if (assessment.status !== 'open') throw new HttpError(409, 'assessment.closedMessage');
    const values = bodyValues(request.body);
    const intent = values.intent === 'submit' ? 'submit' : 'save';
    const reading = readAnswerForm(assessment.definition, values, intent);
    if (reading.problems.size > 0) {
      // Nothing typed is lost: a valid draft part is kept even when the submission is refused.
      const draftable = readAnswerForm(assessment.definition, values, 'save');
      if (draftable.problems.size === 0) await saveAnswers(db, participant.id, draftable.answers, false);
      const errors = fieldErrors(reading.problems, (p) => request.t(problemKeys[p]));
      return answerPage(request, reply, participant, action, { values, errors });
    }
    const result = await saveAnswers(db, participant.id, reading.answers, intent === 'submit');
    if (!result.ok) {
      if (result.reason === 'closed') throw new HttpError(409, 'assessment.closedMessage');
      return null;
    }
    if (intent === 'submit' && !after) {
      // A link is used up once submitted: its holder gets the thanks here, not a redirect to a link that no longer opens.
      return answerPage(request, reply, { ...participant, status: 'submitted' }, action, undefined, 'assessment.notice.submitted');
    }
    return reply.redirect(withNotice(after ?? action, intent === 'submit' ? 'submitted' : 'saved'), 303);
  }

  async function ownParticipation(request: FastifyRequest): Promise<Participant> {
    const participant = await getParticipant(db, uuidParam(request, 'participantId'));
    if (!participant || participant.userId !== request.auth?.user.id) throw new HttpError(404);
    return participant;
  }

  app.get('/answer/:participantId', { preHandler: requireSignedIn, schema: { params: participantParams } }, async (request, reply) => {
    const participant = await ownParticipation(request);
    return answerPage(request, reply, participant, request.url.split('?')[0]!);
  });

  app.post('/answer/:participantId', { preHandler: requireSignedIn, schema: { params: participantParams } }, async (request, reply) => {
    const participant = await ownParticipation(request);
    const path = request.url.split('?')[0]!;
    const handled = await handleAnswers(request, reply, participant, path, path);
    if (handled === null) throw new HttpError(409, 'assessment.answer.alreadySubmitted');
    return handled;
  });

  /** The participant behind a link, or the 'used or expired' page (410) for a link that no longer works. */
  async function linkParticipant(request: FastifyRequest, reply: FastifyReply, token: string): Promise<Participant | undefined> {
    const participant = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await participantByTokenHash(db, hashLinkToken(token)) : undefined;
    const expired = !participant?.tokenExpiresAt || participant.tokenExpiresAt.getTime() < Date.now();
    if (!participant || expired || participant.status === 'submitted') {
      render(reply, <LinkGonePage ctx={viewContext(request, reply)} />, 410);
      return undefined;
    }
    return participant;
  }

  // The token is a credential until used: these routes log warnings and errors only, never a request line with the URL.
  app.get('/link/:token', { logLevel: 'warn', schema: { params: linkParams } }, async (request, reply) => {
    const participant = await linkParticipant(request, reply, request.params.token);
    if (!participant) return reply;
    const notice = noticeFrom(request.query);
    return answerPage(request, reply, participant, request.url.split('?')[0]!, undefined, notice);
  });

  app.post('/link/:token', { logLevel: 'warn', schema: { params: linkParams } }, async (request, reply) => {
    const participant = await linkParticipant(request, reply, request.params.token);
    if (!participant) return reply;
    const path = request.url.split('?')[0]!;
    const handled = await handleAnswers(request, reply, participant, path, undefined);
    if (handled === null) return render(reply, <LinkGonePage ctx={viewContext(request, reply)} />, 410);
    return handled;
  });
}
