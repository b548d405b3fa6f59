/**
 * The registry of every text the application shows: each feature's messages (one JSON file per language
 * in its messages/ folder, Dutch the source of the keys), assembled here into the catalog app.ts installs.
 * The folder names are where `bureau translations import` writes a translation office's work back.
 */
import { installMessageCatalog, type Catalog } from './platform/i18n/catalog.ts';
import type { MessageSet } from './platform/i18n/define.ts';
import { languages } from './platform/i18n/languages.ts';
import { uiMessages } from './ui/messages/index.ts';
import { setupMessages } from './features/setup/messages/index.ts';
import { accountMessages } from './features/account/messages/index.ts';
import { adminMessages } from './features/admin/messages/index.ts';
import { homeMessages } from './features/home/messages/index.ts';
import { reportingMessages } from './features/reporting/messages/index.ts';
import { caseMessages } from './features/cases/messages/index.ts';
import { assessmentMessages } from './features/assessment/messages/index.ts';
import { figuresMessages } from './features/figures/messages/index.ts';

/** Each message folder (relative to the project's root) and the messages its files hold. */
export const messageSources = {
  'src/ui/messages': uiMessages,
  'src/features/setup/messages': setupMessages,
  'src/features/account/messages': accountMessages,
  'src/features/admin/messages': adminMessages,
  'src/features/home/messages': homeMessages,
  'src/features/reporting/messages': reportingMessages,
  'src/features/cases/messages': caseMessages,
  'src/features/assessment/messages': assessmentMessages,
  'src/features/figures/messages': figuresMessages,
} as const;

type KeysOf<S> = S extends MessageSet<infer K> ? K : never;
type RegisteredKey = KeysOf<(typeof messageSources)[keyof typeof messageSources]>;

declare module './platform/i18n/catalog.ts' {
  interface MessageRegistry {
    key: RegisteredKey;
  }
}

export const messageCatalog = Object.fromEntries(
  languages.map((language) => [language, Object.assign({}, ...Object.values(messageSources).map((set) => set[language]))]),
) as Catalog;

/** Makes the catalog the one `t()` reads: app.ts does at start-up; tests and benchmarks that call features directly do too. */
export function installMessages(): void {
  installMessageCatalog(messageCatalog);
}
