/** Declares a feature's messages: Dutch is the source, and every other language must have the same keys. */
import type { Language } from './languages.ts';

export type MessageSet<K extends string> = { nl: Record<K, string> } & Record<Exclude<Language, 'nl'>, Record<K, string>>;

export function defineMessages<K extends string>(set: MessageSet<K>): MessageSet<K> {
  return set;
}
