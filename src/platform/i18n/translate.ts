/** One `t()` for all text: ICU MessageFormat over the merged, type-checked catalog. */
import { IntlMessageFormat } from 'intl-messageformat';
import { catalog, type MessageKey } from './catalog.ts';
import type { Language } from './languages.ts';

export type MessageValues = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

const compiled = new Map<string, IntlMessageFormat>();

export function translator(language: Language): Translate {
  return (key, values) => {
    const cacheKey = `${language}\u0000${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      const message = catalog[language][key];
      // Only when app.ts has not installed the catalog (src/messages.ts): the keys themselves are type-checked.
      if (message === undefined) throw new Error(`No ${language} text for ${key}: the message catalog is not installed.`);
      format = new IntlMessageFormat(message, language);
      compiled.set(cacheKey, format);
    }
    return String(format.format(values));
  };
}

export type { MessageKey };
