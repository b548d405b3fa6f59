/**
 * What the reporting point and the back office use of the case record: its tables, storing a new case,
 * its legal dates and procedures, the conversation and its attachments, the handlers' keys, the routing
 * table, the taxonomy of themes and the record of an oral report. Neither side imports the other; both
 * import this file.
 */
export { caseEvents, caseFiles, caseIdentitySeals, caseKeySeals, caseMessages, cases, draftFiles, fileChunks, routingRuleHandlers, routingRules, unlockedKeys } from './schema.ts';
export { contactPreferences, identityChoices, newReference, requesterRoles, storeNewCase, type NewCase, type ReportAnswers, type ReportInput } from './new-case.ts';
export { initialCaseState, legalDatesOfNewReport, type InitialCaseState, type LegalDates } from './legal-dates.ts';
export { initialProcedure, procedures, type DeadlineRule, type Milestone, type Procedure, type ProcedureCode } from './procedures.ts';
export { dueDate, dutyStatuses, nextDeadline, reminderOffsets, reminderTimes, type DutyStatus, type Milestones } from './deadlines.ts';
export { identityPurpose, sealIdentityForNewCase, type IdentityFields, type KeyHolder } from './identity-seal.ts';
export { escrowEmail, escrowHolder, sealToEscrow } from './escrow-seal.ts';
export { recipients, routeReport, type RoutingRule } from './routing.ts';
export { addMessage, loadCaseView, type CaseView, type NewMessage } from './conversation.ts';
export { listCaseFiles, listDraftFiles, moveDraftFilesToCase, purgeExpiredDrafts, readCaseFile, removeDraftFile, storeCaseFile, storeDraftFile, type CaseFile, type HeldFile } from './attachments/store.ts';
export { sniffAttachmentType } from './attachments/file-types.ts';
export { abandonedUploadAgeMs, filesWithoutRow, purgeAbandonedChunks } from './attachments/abandoned-chunks.ts';
export { loadUnlockedKeys, openCaseKey, unlockKey, type HandlerKeys } from './handler-keys.ts';
export { defaultTaxonomy, findTheme, loadTaxonomy, taxonomyKey, themeLabel, themesOf, type Domain, type Taxonomy, type Theme } from './taxonomy.ts';
export { loadEntityOptions, type EntityOption } from './entity-options.ts';
export { checkContactDetails, reportFields, toReportInput, type ReportForm } from './report-fields.ts';
export { reportingSecrets, type ReportingSecrets } from './secrets.ts';
export { answerRecord, correctionsMaxLength, isRecordReviewState, latestVersion, recordHistory, recordReviewStates, type AnswerRecordInput, type RecordEntry, type RecordOutcome, type RecordReviewState } from './oral-record.ts';
export { inCaseTransaction } from './case-transaction.ts';
export { notifyHandlers, notifyKeyHolders, type CaseNotice, type NotifyParts } from './notify.ts';
