/** Everything a report shows, computed once for the page and the PDF: scores, strengths, gaps, next steps, trend and peer benchmark. */
import type { Db } from '../../platform/db/client.ts';
import { peerBenchmark, type PeerBenchmark } from './benchmark.ts';
import type { MaturityModel } from './model-definition.ts';
import { consensusOf, peerAggregate, previousAssessments, type AssessmentSummary } from './queries.ts';
import { gaps, nextSteps, overallScore, scoreDimensions, strengths, type DimensionScore, type NextStep } from './scoring.ts';

export interface AssessmentReport {
  assessment: AssessmentSummary;
  model: MaturityModel;
  scores: DimensionScore[];
  overall: number | null;
  strengths: DimensionScore[];
  gaps: DimensionScore[];
  nextSteps: NextStep[];
  remarks: Map<string, string>;
  trend: { closedAt: Date | null; version: number; overallScore: number | null; dimensions: Map<string, number | null> }[];
  benchmark: PeerBenchmark;
}

export async function buildReport(db: Db, assessment: AssessmentSummary): Promise<AssessmentReport> {
  const model = assessment.definition;
  const [consensus, trend, peers] = await Promise.all([consensusOf(db, assessment.id), previousAssessments(db, assessment), peerAggregate(db, assessment.modelId, assessment.entityId)]);
  const agreed = new Map(consensus.questions.filter((q) => q.level !== null).map((q) => [q.questionCode, q.level!]));
  const scores = scoreDimensions(model, agreed);
  return {
    assessment,
    model,
    scores,
    overall: overallScore(scores),
    strengths: strengths(scores),
    gaps: gaps(scores),
    nextSteps: nextSteps(model, scores),
    remarks: new Map(consensus.dimensions.filter((d) => d.remark).map((d) => [d.dimensionCode, d.remark])),
    trend,
    benchmark: peerBenchmark(peers),
  };
}
