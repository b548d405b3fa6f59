/** One `t()` for all text: ICU MessageFormat over the merged, type-checked catalog. */
import { IntlMessageFormat } from 'intl-messageformat';
import { catalog, type MessageKey } from './catalog.ts';
import type { Language } from './languages.ts';

export type MessageValues = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

const compiled = new Map<string, IntlMessageFormat>();

export function translator(language: Language): Translate {
  const messages = catalog[language];
  return (key, values) => {
    const cacheKey = `${language}\u0000${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(messages[key], language);
      compiled.set(cacheKey, format);
    }
    return String(format.format(values));
  };
}

export type { MessageKey };
