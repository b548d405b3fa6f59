/** What other features may use of the figures: the indicator definitions, and protected tables for a period. */
export { indicators, type IndicatorDefinition, type IndicatorId } from './indicators.ts';
export { computeEntityFeedback, computeIndicators, computePolicyIndicators, computePublication, loadRules, type PublicationSnapshot } from './compute.ts';
export type { PublishedTable } from './tables.ts';
