/**
 * Text of the back office's case pages: registering a contact from any channel and the record of an oral report, the case lists, dashboard and deadline reminders, the case page (facts, deadlines, the lifecycle's steps, triage, classification, notes, tasks, links, referral, exclusion), redaction, hand-over, the confidential identity, retention and exports, and the handler's report pages.
 * One file per language; nl.json is the source of the keys, and translators work on the others through
 * `bureau translations` (docs/translations.md).
 */
import { defineMessages } from '../../../platform/i18n/define.ts';
import nl from './nl.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import de from './de.json' with { type: 'json' };

export const caseMessages = defineMessages({ nl, fr, en, de });
