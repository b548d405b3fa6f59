/**
 * What other parts may use of case management: the anonymous statistical record the figures read, the
 * operator's `bureau escrow` commands, and the case states and task titles the demo data writes.
 */
export { caseStatistics } from './schema.ts';
export { escrowKeygen, escrowReseal, escrowUsage, keyFileOf } from './escrow.ts';
export { isTerminal, type CaseStatus } from './lifecycle.ts';
export { encryptTaskTitle } from './task-title.ts';
