/**
 * Text of the back office for administrators: its start page, users, entities, the reporting point's settings (routing table, landing page, theme taxonomy) and the audit trail with the check of its hash chain.
 * One file per language; nl.json is the source of the keys, and translators work on the others through
 * `bureau translations` (docs/translations.md).
 */
import { defineMessages } from '../../../platform/i18n/define.ts';
import nl from './nl.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import de from './de.json' with { type: 'json' };

export const adminMessages = defineMessages({ nl, fr, en, de });
