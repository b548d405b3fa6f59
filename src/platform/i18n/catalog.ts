/** The merged message catalog of all features, with the union of their keys as MessageKey. */
import { uiMessages } from '../../ui/messages.ts';
import { setupMessages } from '../../features/setup/messages.ts';
import { accountMessages } from '../../features/account/messages.ts';
import { adminMessages } from '../../features/admin/messages.ts';
import { homeMessages } from '../../features/home/messages.ts';
import { intakeMessages } from '../../features/reporting/route-messages.ts';
import { handlingMessages } from '../../features/reporting/handling-messages.ts';
import { reportingMessages } from '../../features/reporting/messages.ts';
import { registerMessages } from '../../features/cases/messages/register.ts';
import { caseListMessages } from '../../features/cases/messages/lists.ts';
import { caseMessages } from '../../features/cases/messages/case.ts';
import { handoverMessages } from '../../features/cases/messages/handover.ts';
import { riskMessages } from '../../features/assessment/risk/messages.ts';
import { assessmentMessages } from '../../features/assessment/messages.ts';
import { figuresMessages } from '../../features/figures/messages.ts';
import type { MessageSet } from './define.ts';
import { languages, type Language } from './languages.ts';

export const messageSets = [caseMessages, uiMessages, setupMessages, accountMessages, adminMessages, homeMessages, intakeMessages, handlingMessages, reportingMessages, caseListMessages, registerMessages, handoverMessages, riskMessages, assessmentMessages, figuresMessages] as const;

type KeysOf<S> = S extends MessageSet<infer K> ? K : never;
export type MessageKey = KeysOf<(typeof messageSets)[number]>;

export const catalog = Object.fromEntries(
  languages.map((language) => [language, Object.assign({}, ...messageSets.map((set) => set[language]))]),
) as Record<Language, Record<MessageKey, string>>;
