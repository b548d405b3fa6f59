/**
 * Text of the self-assessment (maturity scan: pages, forms, errors and the report) and of the integrity risk analysis (pages and report; the model's own texts, factors and measures, live in the model file).
 * One file per language; nl.json is the source of the keys, and translators work on the others through
 * `bureau translations` (docs/translations.md).
 */
import { defineMessages } from '../../../platform/i18n/define.ts';
import nl from './nl.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import de from './de.json' with { type: 'json' };

export const assessmentMessages = defineMessages({ nl, fr, en, de });
