/**
 * The admin feature's public API, used by its routes, the `bureau` CLI and the demo data: commands that
 * change users, roles, entities, handler functions, routing rules and the reporting point's settings
 * (each writes its audit event in its own transaction) and the queries that read them.
 */
export { createUser, updateUser, disableUser, enableUser, resetPassword, resetTwoFactor, normaliseEmail, isValidEmail } from './commands/users.ts';
export type { NewUser, UserChanges, CreateUserResult, UpdateUserResult, AccountActionResult, ResetPasswordResult } from './commands/users.ts';
export { grantRole, revokeRole, isActorFunction, plainRoles } from './commands/roles.ts';
export type { RoleGrantInput, GrantRoleResult, RevokeRoleResult, GrantProblem } from './commands/roles.ts';
export { createEntity, updateEntity, moveEntity, deleteEntity } from './commands/entities.ts';
export type { EntityFields, CreateEntityResult, MoveEntityResult, DeleteEntityResult } from './commands/entities.ts';
export { addHandlerFunction, handlerFunctionCodePattern } from './commands/handler-functions.ts';
export type { NewHandlerFunction, AddHandlerFunctionResult } from './commands/handler-functions.ts';
export { createRoutingRule, updateRuleHandlers, deleteRoutingRule, handlerRoles } from './commands/routing.ts';
export type { NewRoutingRule, CreateRoutingRuleResult, UpdateRuleHandlersResult, DeleteRoutingRuleResult } from './commands/routing.ts';
export { saveLandingSettings, saveTaxonomy } from './commands/reporting-settings.ts';
export type { SaveTaxonomyResult } from './commands/reporting-settings.ts';
export type { Outcome } from './commands/outcome.ts';
export {
  listUsers,
  getUser,
  findUserByEmail,
  listEntities,
  entityOutline,
  getEntity,
  resolveEntity,
  listHandlerFunctions,
  handlerFunctionLabel,
  adminCounts,
  userListLimit,
} from './queries.ts';
export type { UserSummary, RoleSummary, EntitySummary, HandlerFunctionSummary, AdminCounts } from './queries.ts';
export { readAuditPage, auditActions, auditPageSize } from './audit-trail.ts';
export type { AuditEntry, AuditPage } from './audit-trail.ts';
export { entityKinds, isEntityKind, buildEntityTree, flattenTree, wouldCreateCycle, descendantIds } from './entity-tree.ts';
export type { EntityKind, EntityNode } from './entity-tree.ts';
export { listRoutingRules, getRoutingRule, listHandlerChoices, isDefaultGroup } from './routing-table.ts';
export type { RoutingRuleRow, RuleHandler, HandlerChoice } from './routing-table.ts';
export { readTaxonomy, taxonomyAsJson } from './taxonomy-document.ts';
export type { TaxonomyProblem, TaxonomyReading } from './taxonomy-document.ts';
