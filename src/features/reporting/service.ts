/**
 * What other features may use of the reporting point: its configurable landing texts (administrators
 * edit them).
 */
export { landingKey, loadLandingSettings } from './settings.ts';
export type { LandingSettings } from './view-models.ts';
