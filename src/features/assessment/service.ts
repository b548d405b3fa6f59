/** The self-assessment's public API for other features, the CLI and the demo: importing models and the scoring functions. */
export { importModel, ensureDefaultModel, defaultModelFile, defaultModelCode } from './commands/models.ts';
export { readModelDocument } from './model-document.ts';
export type { ModelProblem, ModelReading } from './model-document.ts';
export { scoreDimensions, overallScore, nextSteps } from './scoring.ts';
export type { MaturityModel } from './model-definition.ts';
