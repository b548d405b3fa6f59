/**
 * What other features may use of the reporting point: the routing table and case themes the back office
 * edits, the configurable landing texts and taxonomy with their loaders, and the case conversation and
 * key handling the back office builds on.
 */
export { caseFiles, caseKeySeals, caseMessages, cases, fileChunks, routingRuleHandlers, routingRules, unlockedKeys } from './schema.ts';
export { landingKey, loadLandingSettings, loadTaxonomy, taxonomyKey, themeLabel } from './settings.ts';
export { defaultTaxonomy, findTheme, type Domain, type Taxonomy } from './taxonomy.ts';
export type { LandingSettings } from './view-models.ts';
export { addMessage, loadCaseView, type CaseView } from './conversation.ts';
export { storeCaseFile } from './attachments/store.ts';
export { sniffAttachmentType } from './attachments/file-types.ts';
export { listCaseFiles, readCaseFile, type CaseFile } from './attachments/store.ts';
export { auditCaseAccess, loadUnlockedKeys, openCaseKey, unlockCookie, unlockKey, type HandlerKeys } from './handling.ts';
export { identityChoices, requesterRoles, contactPreferences, type ReportAnswers } from './intake.ts';
export { newReference, recipients as routedRecipients, type ReportInput } from './intake.ts';
export { reportingSecrets, type ReportingSecrets } from './secrets.ts';
export { loadEntityOptions } from './settings.ts';
export type { EntityOption } from './view-models.ts';
export { checkContactDetails, reportFields, toReportInput } from './report-form.ts';
