/**
 * What other features may use of the reporting point: the routing table and case themes the back office
 * edits, and the configurable landing texts and taxonomy with their loaders.
 */
export { cases, routingRuleHandlers, routingRules } from './schema.ts';
export { landingKey, loadLandingSettings, loadTaxonomy, taxonomyKey } from './settings.ts';
export { defaultTaxonomy, findTheme, type Domain, type Taxonomy } from './taxonomy.ts';
export type { LandingSettings } from './view-models.ts';
