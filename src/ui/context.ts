/** What every page needs to render: the language, the translator, the CSRF token and who is signed in. */
import type { Language } from '../platform/i18n/languages.ts';
import type { Translate } from '../platform/i18n/translate.ts';

export interface ViewUser {
  displayName: string;
  isAdministrator: boolean;
  /** Case handlers and integrity coordinators, who read the reports routed to them. */
  handlesReports: boolean;
  /** The integrity coordinator: the overview of cases, publications, reassignment and retention. */
  isCoordinator: boolean;
  /** Coordinator, bureau members and entities' integrity actors: the figures' back office. */
  seesFigures: boolean;
  /** Entities' integrity actors and the coordinator: the integrity risk analysis. */
  runsRiskAnalysis: boolean;
  /** Holds the identity custodian function: decides on revealing confidential identities. */
  isCustodian: boolean;
}

export interface ViewContext {
  lang: Language;
  t: Translate;
  /** The request path without query, for the language switcher. */
  path: string;
  csrfToken: () => string;
  user: ViewUser | undefined;
}
