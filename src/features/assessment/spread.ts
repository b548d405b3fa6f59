/**
 * The spread of the participants' own answers per question, for the facilitator: counts per level only,
 * never who answered what, and nothing at all until enough participants have submitted that one answer
 * cannot be told apart.
 */
import { levelCount } from './model-definition.ts';

export const minimumParticipantsForSpread = 3;

export interface AnswerNote {
  comment: string;
  evidenceUrl: string;
}

export type Spread =
  | { visible: false; submitted: number }
  | { visible: true; submitted: number; counts: Map<string, number[]>; notes: Map<string, AnswerNote[]> };

type SubmittedAnswer = { questionCode: string; level: number | null; comment?: string; evidenceUrl?: string };

/** Counts per level, and the comments and evidence links per question sorted by their text, so their order says nothing about who wrote them. */
export function answerSpread(answers: readonly SubmittedAnswer[], submitted: number): Spread {
  if (submitted < minimumParticipantsForSpread) return { visible: false, submitted };
  const counts = new Map<string, number[]>();
  const notes = new Map<string, AnswerNote[]>();
  for (const answer of answers) {
    if (answer.comment || answer.evidenceUrl) {
      const list = notes.get(answer.questionCode) ?? [];
      list.push({ comment: answer.comment ?? '', evidenceUrl: answer.evidenceUrl ?? '' });
      notes.set(answer.questionCode, list);
    }
    if (answer.level === null || answer.level < 1 || answer.level > levelCount) continue;
    const row = counts.get(answer.questionCode) ?? new Array<number>(levelCount).fill(0);
    row[answer.level - 1]! += 1;
    counts.set(answer.questionCode, row);
  }
  for (const list of notes.values()) list.sort((a, b) => a.comment.localeCompare(b.comment) || a.evidenceUrl.localeCompare(b.evidenceUrl));
  return { visible: true, submitted, counts, notes };
}
