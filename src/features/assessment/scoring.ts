/**
 * Maturity scoring, as plain functions of the model and the agreed levels: a score per dimension (the
 * mean of its agreed question levels), the weighted overall score, strengths and gaps, and the next
 * steps — the model's recommendation for each dimension's agreed level, most important first (weight × gap).
 */
import { levelCount, type LocalizedText, type MaturityModel } from './model-definition.ts';

export interface DimensionScore {
  code: string;
  weight: number;
  /** The mean agreed level of the dimension's questions, 1–5; null while none is agreed. */
  score: number | null;
  agreed: number;
  questions: number;
}

/** A dimension scoring at least this is a strength; below `gapBelow` it is a gap. */
export const strengthFrom = 4;
export const gapBelow = 3;

export function scoreDimensions(model: MaturityModel, agreedLevels: ReadonlyMap<string, number>): DimensionScore[] {
  return model.dimensions.map((dimension) => {
    const levels = dimension.questions.map((q) => agreedLevels.get(q.code)).filter((level): level is number => level !== undefined);
    const score = levels.length === 0 ? null : levels.reduce((sum, level) => sum + level, 0) / levels.length;
    return { code: dimension.code, weight: dimension.weight, score, agreed: levels.length, questions: dimension.questions.length };
  });
}

/** The weighted mean of the scored dimensions; null when none is scored. */
export function overallScore(scores: readonly DimensionScore[]): number | null {
  const scored = scores.filter((s) => s.score !== null);
  const weights = scored.reduce((sum, s) => sum + s.weight, 0);
  if (weights === 0) return null;
  return scored.reduce((sum, s) => sum + s.weight * s.score!, 0) / weights;
}

/** The level a score has fully reached: 2.8 has reached 2, not 3. */
export function reachedLevel(score: number): number {
  return Math.min(levelCount, Math.max(1, Math.floor(score + 1e-9)));
}

export function strengths(scores: readonly DimensionScore[]): DimensionScore[] {
  return scores.filter((s) => s.score !== null && s.score >= strengthFrom).sort((a, b) => b.score! - a.score!);
}

export function gaps(scores: readonly DimensionScore[]): DimensionScore[] {
  return scores.filter((s) => s.score !== null && s.score < gapBelow).sort((a, b) => a.score! - b.score!);
}

export interface NextStep {
  dimensionCode: string;
  level: number;
  /** weight × (5 − score): how much there is to gain, times how much the dimension matters. */
  priority: number;
  recommendation: LocalizedText;
}

/** One next step per scored dimension, highest priority first; ties keep the model's order. */
export function nextSteps(model: MaturityModel, scores: readonly DimensionScore[]): NextStep[] {
  const steps = scores.flatMap((s, index) => {
    if (s.score === null) return [];
    const dimension = model.dimensions[index]!;
    const level = reachedLevel(s.score);
    return [{ dimensionCode: s.code, level, priority: s.weight * (levelCount - s.score), recommendation: dimension.recommendations[level - 1]!, index }];
  });
  steps.sort((a, b) => b.priority - a.priority || a.index - b.index);
  return steps.map(({ index: _index, ...step }) => step);
}

/** Scores are shown with one decimal, in the page's language. */
export function formatScore(score: number | null, lang: string): string {
  if (score === null) return '—';
  return score.toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
