/**
 * The message catalog `t()` reads. Platform names no feature: the app's registry (src/messages.ts) declares
 * the keys by augmenting MessageRegistry, so every `t()` key is still type-checked, and app.ts installs the
 * texts at start-up.
 */
import { languages, type Language } from './languages.ts';

/** Augmented by src/messages.ts with `key`: the union of every feature's Dutch keys. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging fills it in
export interface MessageRegistry {}

export type MessageKey = MessageRegistry extends { key: infer K extends string } ? K : never;

export type Catalog = Record<Language, Record<MessageKey, string>>;

/** Empty until installMessageCatalog; read per call, so modules holding it see the installed texts. */
export const catalog = Object.fromEntries(languages.map((language) => [language, {}])) as Catalog;

/** Installs the assembled catalog (app.ts does, before any page renders). */
export function installMessageCatalog(messages: Catalog): void {
  for (const language of languages) catalog[language] = messages[language];
}
