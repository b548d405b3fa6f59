/** What other features may use of the figures: the indicator definitions, protected tables for a period, and publishing (the demo). */
export { indicatorIds, indicators, type IndicatorDefinition, type IndicatorId } from './indicators.ts';
export { computeEntityFeedback, computeIndicators, computePolicyIndicators, computePublication, loadRules, type PublicationSnapshot } from './compute.ts';
export type { PublishedTable } from './tables.ts';
export { createPublication } from './commands/create-publication.ts';
export { publishPublication } from './commands/publish.ts';
export { publicationScope, saveCommentary } from './commands/save-commentary.ts';
