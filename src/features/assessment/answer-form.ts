/**
 * Reads a participant's answer form: per question a level (1–5), a comment and a link to evidence.
 * Saving keeps whatever is there (a draft); submitting asks for a level on every question.
 */
import { levelCount, type MaturityModel } from './model-definition.ts';

export const maxCommentLength = 2000;
export const maxEvidenceLength = 500;

export interface AnswerInput {
  questionCode: string;
  level: number | null;
  comment: string;
  evidenceUrl: string;
}

export type AnswerProblem = 'required' | 'outOfRange' | 'tooLong' | 'notALink';

export type AnswerReading = { answers: AnswerInput[]; problems: Map<string, AnswerProblem> };

export const answerLevelField = (questionCode: string) => `level:${questionCode}`;
export const commentField = (questionCode: string) => `comment:${questionCode}`;
export const evidenceField = (questionCode: string) => `evidence:${questionCode}`;

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Every answer as typed (problems included, so nothing is lost) and the problems, for a draft or a submission. */
export function readAnswerForm(model: MaturityModel, values: Readonly<Record<string, string | undefined>>, intent: 'save' | 'submit'): AnswerReading {
  const problems = new Map<string, AnswerProblem>();
  const answers: AnswerInput[] = [];
  for (const question of model.dimensions.flatMap((d) => d.questions)) {
    const raw = (values[answerLevelField(question.code)] ?? '').trim();
    let level: number | null = null;
    if (raw !== '') {
      const parsed = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (parsed >= 1 && parsed <= levelCount) level = parsed;
      else problems.set(answerLevelField(question.code), 'outOfRange');
    } else if (intent === 'submit') problems.set(answerLevelField(question.code), 'required');
    const comment = (values[commentField(question.code)] ?? '').trim();
    if (comment.length > maxCommentLength) problems.set(commentField(question.code), 'tooLong');
    const evidenceUrl = (values[evidenceField(question.code)] ?? '').trim();
    if (evidenceUrl.length > maxEvidenceLength) problems.set(evidenceField(question.code), 'tooLong');
    else if (evidenceUrl !== '' && !isWebLink(evidenceUrl)) problems.set(evidenceField(question.code), 'notALink');
    answers.push({ questionCode: question.code, level, comment: comment.slice(0, maxCommentLength), evidenceUrl: evidenceUrl.slice(0, maxEvidenceLength) });
  }
  return { answers, problems };
}
