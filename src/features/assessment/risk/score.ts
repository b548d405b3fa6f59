/**
 * Scoring an integrity risk analysis: per process the inherent vulnerability, the enhancing factors, the
 * resilience of its controls and what remains (the residual risk), classified and ranked so the processes
 * that need measures first come first. Plain functions of the model and the ratings.
 */
import type { RiskModel } from './model.ts';

/** How strongly an inherent or enhancing factor is present: 0 not, 1 a little, 2 substantially, 3 strongly. */
export const presenceLevels = [0, 1, 2, 3] as const;
export type Presence = (typeof presenceLevels)[number];
/** How well a control works: 1 absent … 5 embedded and continuously improved. */
export const controlLevels = [1, 2, 3, 4, 5] as const;
export type ControlLevel = (typeof controlLevels)[number];

export interface ProcessRatings {
  inherent: Record<string, Presence>;
  enhancing: Record<string, Presence>;
  controls: Record<string, ControlLevel>;
  /** A comment per control: what exists and how it works. */
  comments: Record<string, string>;
}

export type RiskLevel = 'low' | 'medium' | 'high';

/** All figures from 0 to 100. */
export interface ProcessScore {
  inherent: number;
  enhancing: number;
  vulnerability: number;
  resilience: number;
  residual: number;
  level: RiskLevel;
}

/** A rating's form field: `inherent.money`, `enhancing.turnover`, `control.four_eyes`. */
export type RatingField = `inherent.${string}` | `enhancing.${string}` | `control.${string}`;

/** The ratings still missing for a process, in the order the rating page asks them. */
export function missingRatings(model: RiskModel, ratings: ProcessRatings): RatingField[] {
  return [
    ...model.inherentFactors.filter((f) => ratings.inherent[f.code] === undefined).map((f) => `inherent.${f.code}` as const),
    ...model.enhancingFactors.filter((f) => ratings.enhancing[f.code] === undefined).map((f) => `enhancing.${f.code}` as const),
    ...model.controls.filter((c) => ratings.controls[c.code] === undefined).map((c) => `control.${c.code}` as const),
  ];
}

export const isComplete = (model: RiskModel, ratings: ProcessRatings) => missingRatings(model, ratings).length === 0;

/** Σ weight × value ÷ Σ weight × most, from 0 to 1. */
function weightedShare(items: readonly { code: string; weight: number }[], value: (code: string) => number, most: number): number {
  const total = items.reduce((sum, item) => sum + item.weight * most, 0);
  return total === 0 ? 0 : items.reduce((sum, item) => sum + item.weight * value(item.code), 0) / total;
}

const percent = (fraction: number) => Math.round(fraction * 1000) / 10;

export function classify(model: RiskModel, residual: number): RiskLevel {
  const { medium, high } = model.scoring.thresholds;
  return residual >= high ? 'high' : residual >= medium ? 'medium' : 'low';
}

/**
 * The process's profile. Vulnerability is the inherent vulnerability raised by the enhancing factors
 * (by at most the model's amplification, capped at 100); resilience is how far the controls stand between
 * level 1 and 5; the residual risk is vulnerability × (1 − resilience): what the controls leave uncovered.
 */
export function scoreProcess(model: RiskModel, ratings: ProcessRatings): ProcessScore {
  const inherent = weightedShare(model.inherentFactors, (code) => ratings.inherent[code] ?? 0, 3);
  const enhancing = weightedShare(model.enhancingFactors, (code) => ratings.enhancing[code] ?? 0, 3);
  const vulnerability = Math.min(1, inherent * (1 + model.scoring.enhancingAmplification * enhancing));
  const resilience = weightedShare(model.controls, (code) => (ratings.controls[code] ?? 1) - 1, 4);
  const residual = percent(vulnerability * (1 - resilience));
  return {
    inherent: percent(inherent),
    enhancing: percent(enhancing),
    vulnerability: percent(vulnerability),
    resilience: percent(resilience),
    residual,
    level: classify(model, residual),
  };
}

export interface SuggestedMeasure {
  kind: 'enhancing' | 'control';
  code: string;
  /** weight × how far off: the factor's presence, or how far the control stands below the target level. */
  priority: number;
}

/**
 * The model's measures that fit a process: for each enhancing factor present substantially or strongly,
 * and for each control below the model's target level, most important first.
 */
export function suggestedMeasures(model: RiskModel, ratings: ProcessRatings): SuggestedMeasure[] {
  const measures: SuggestedMeasure[] = [];
  for (const factor of model.enhancingFactors) {
    const presence = ratings.enhancing[factor.code] ?? 0;
    if (presence >= 2) measures.push({ kind: 'enhancing', code: factor.code, priority: factor.weight * presence });
  }
  for (const control of model.controls) {
    const level = ratings.controls[control.code] ?? 1;
    const gap = model.scoring.controlTarget - level;
    if (gap > 0) measures.push({ kind: 'control', code: control.code, priority: control.weight * gap });
  }
  // Stable sort: equal priorities keep the model's order (enhancing factors, then controls).
  return measures.sort((a, b) => b.priority - a.priority);
}

export interface ProcessInput {
  id: string;
  name: string;
  ratings: ProcessRatings;
}

export interface RankedProcess extends ProcessInput {
  score: ProcessScore;
  measures: SuggestedMeasure[];
}

export interface RiskProfile {
  /** Rated processes, those that need measures first at the top. */
  ranked: RankedProcess[];
  /** Processes whose rating is not complete yet: left out of the profile, never guessed. */
  unrated: ProcessInput[];
  counts: Record<RiskLevel, number>;
}

const levelOrder: Record<RiskLevel, number> = { high: 0, medium: 1, low: 2 };

export function riskProfile(model: RiskModel, processes: readonly ProcessInput[]): RiskProfile {
  const ranked: RankedProcess[] = [];
  const unrated: ProcessInput[] = [];
  for (const process of processes) {
    if (!isComplete(model, process.ratings)) {
      unrated.push(process);
      continue;
    }
    const score = scoreProcess(model, process.ratings);
    ranked.push({ ...process, score, measures: score.level === 'low' ? [] : suggestedMeasures(model, process.ratings) });
  }
  ranked.sort(
    (a, b) =>
      levelOrder[a.score.level] - levelOrder[b.score.level] ||
      b.score.residual - a.score.residual ||
      b.score.vulnerability - a.score.vulnerability ||
      a.name.localeCompare(b.name),
  );
  const counts = { high: 0, medium: 0, low: 0 };
  for (const process of ranked) counts[process.score.level] += 1;
  return { ranked, unrated, counts };
}
