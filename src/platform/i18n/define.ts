/** Declares a feature's messages: Dutch is the source of the keys, and every other language must have exactly those keys. */
import type { Language } from './languages.ts';

export type MessageSet<K extends string> = { nl: Record<K, string> } & Record<Exclude<Language, 'nl'>, Record<K, string>>;

/** A translation of `Dutch`: a key it lacks fails as a missing property, a key Dutch does not have as `never`. */
type Translation<Dutch, Translated> = Record<keyof Dutch, string> & Record<Exclude<keyof Translated, keyof Dutch>, never>;

/**
 * Types a feature's per-language message files (messages/nl.json, fr.json …): the keys come from the Dutch
 * file, and a French, English or German file with a key too many or too few does not compile.
 */
export function defineMessages<Dutch extends Record<string, string>, Fr, En, De>(set: {
  nl: Dutch;
  fr: Fr & Translation<Dutch, Fr>;
  en: En & Translation<Dutch, En>;
  de: De & Translation<Dutch, De>;
}): MessageSet<keyof Dutch & string> {
  return set as MessageSet<keyof Dutch & string>;
}
