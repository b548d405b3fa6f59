/** What other features may use of case management: the anonymous statistical record the figures read. */
export { caseStatistics } from './schema.ts';
