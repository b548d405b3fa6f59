/**
 * Text of the reporter's pages, and of the reporting routes' own errors and e-mail notifications. The reader may be afraid: short sentences, plain words, and nothing promised that the software or the law does not deliver.
 * One file per language; nl.json is the source of the keys, and translators work on the others through
 * `bureau translations` (docs/translations.md).
 */
import { defineMessages } from '../../../platform/i18n/define.ts';
import nl from './nl.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import de from './de.json' with { type: 'json' };

export const reportingMessages = defineMessages({ nl, fr, en, de });
