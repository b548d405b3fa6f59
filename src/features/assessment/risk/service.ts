/**
 * The risk analysis's public API for other features, the CLI and the demo data: reading and importing
 * models, the commands that start, fill and complete an analysis, and the pure scoring.
 */
export { builtInRiskModel, readRiskModel } from './model.ts';
export type { RiskModel, ModelProblem, ModelReading } from './model.ts';
export { startAnalysis } from './commands/start-analysis.ts';
export { addProcess, updateProcess, removeProcess } from './commands/edit-processes.ts';
export { rateProcess } from './commands/rate-process.ts';
export { completeAnalysis } from './commands/complete-analysis.ts';
export { importRiskModel } from './commands/import-model.ts';
export { listAnalyses, getAnalysis, listProcesses, currentRiskModel } from './queries.ts';
export { riskProfile, scoreProcess, suggestedMeasures } from './score.ts';
export type { ProcessRatings, ProcessScore, RiskLevel, RiskProfile, Presence, ControlLevel } from './score.ts';
export { riskAnalyses, riskProcesses, riskModels } from './schema.ts';
