/** The report of an analysis in one language, as plain data: what both the page and the PDF show. */
import type { Language } from '../../../platform/i18n/languages.ts';
import type { RiskModel } from './model.ts';
import type { Analysis, RiskProcess } from './queries.ts';
import { riskProfile, type ProcessScore, type RiskLevel, type SuggestedMeasure } from './score.ts';

/** A short list is a plan; the rest of the model's measures would bury the first steps. */
export const measuresPerProcess = 5;

export interface ReportMeasure {
  /** The factor or control the measure answers. */
  subject: string;
  text: string;
}

export interface RiskReport {
  title: string;
  entityName: string;
  status: Analysis['status'];
  modelTitle: string;
  modelVersion: number;
  method: string;
  sources: RiskModel['sources'];
  thresholds: RiskModel['scoring']['thresholds'];
  amplification: number;
  rows: { name: string; score: ProcessScore }[];
  /** Processes at medium or high residual risk, those that need measures first at the top, with the model's measures. */
  priorities: { name: string; level: RiskLevel; residual: number; measures: ReportMeasure[] }[];
  unrated: string[];
  counts: Record<RiskLevel, number>;
}

function measureOf(model: RiskModel, measure: SuggestedMeasure, lang: Language): ReportMeasure {
  const item = (measure.kind === 'enhancing' ? model.enhancingFactors : model.controls).find((candidate) => candidate.code === measure.code);
  if (!item) throw new Error(`measure for unknown ${measure.kind} ${measure.code}`);
  return { subject: item.label[lang], text: item.measure[lang] };
}

export function buildRiskReport(analysis: Analysis, processes: readonly RiskProcess[], lang: Language): RiskReport {
  const { model } = analysis;
  const profile = riskProfile(model, processes);
  return {
    title: analysis.title,
    entityName: analysis.entityName,
    status: analysis.status,
    modelTitle: model.title[lang],
    modelVersion: model.version,
    method: model.description[lang],
    sources: model.sources,
    thresholds: model.scoring.thresholds,
    amplification: model.scoring.enhancingAmplification,
    rows: profile.ranked.map((process) => ({ name: process.name, score: process.score })),
    priorities: profile.ranked
      .filter((process) => process.score.level !== 'low')
      .map((process) => ({
        name: process.name,
        level: process.score.level,
        residual: process.score.residual,
        measures: process.measures.slice(0, measuresPerProcess).map((measure) => measureOf(model, measure, lang)),
      })),
    unrated: profile.unrated.map((process) => process.name),
    counts: profile.counts,
  };
}
