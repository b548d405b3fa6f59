/** Text of the back office for administrators: users, roles, entities and the audit trail. */
import { defineMessages } from '../../platform/i18n/define.ts';

export const adminMessages = defineMessages({
  nl: { 'admin.title': 'Beheer' },
  fr: { 'admin.title': 'Administration' },
  en: { 'admin.title': 'Administration' },
  de: { 'admin.title': 'Verwaltung' },
});
