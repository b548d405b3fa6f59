/**
 * The lifecycle of a case as data: its states, the transitions each procedure allows, which transitions
 * need a reason, which set a deadline milestone (shared by the deadline engine and the commands), and
 * which states are terminal. Pure: no database, no clock; the command records who, when and why.
 * The sources cited below are in docs/law.md.
 */
import type { Milestone, ProcedureCode } from '../case-record/service.ts';

export const caseStatuses = [
  'received',
  'acknowledged',
  'assessing',
  'in_follow_up',
  'feedback_given',
  'closed',
  'not_admissible',
  'forwarded',
  'referred',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export interface Transition {
  from: CaseStatus;
  to: CaseStatus;
  /** The milestone of procedures.ts this transition records (on the day it happens), if any. */
  milestone?: Milestone;
  /** Done by the system (say, the automatic acknowledgement of a web report): no reason is asked. */
  automatic?: true;
  /** Leaves a terminal state; always needs a reason and is shown as a re-opening in the timeline. */
  reopening?: true;
}

/** Terminal states: the case is finished; the only way out is a listed re-opening. */
export function isTerminal(status: CaseStatus): boolean {
  switch (status) {
    case 'closed':
    case 'not_admissible':
    case 'forwarded':
      return true;
    case 'received':
    case 'acknowledged':
    case 'assessing':
    case 'in_follow_up':
    case 'feedback_given':
    // Referred is a hand-over between actors inside the office, not an end: the receiver takes it up.
    case 'referred':
      return false;
    default:
      return assertNever(status);
  }
}

/** Ways out that every non-terminal, not-yet-concluded case has: not admissible, forwarded, referred. */
function exits(from: CaseStatus): Transition[] {
  return [
    { from, to: 'not_admissible' },
    // docs/law.md §2 (Flemish decree): a misdirected report is forwarded to the competent channel (with consent) and the reporter told.
    { from, to: 'forwarded' },
    { from, to: 'referred' },
  ];
}

/** Re-opening after new facts (docs/law.md §5, ISO 37002 8.5: outcomes and protection are monitored after closure). */
const reopenings: Transition[] = [
  { from: 'closed', to: 'assessing', reopening: true },
  { from: 'not_admissible', to: 'assessing', reopening: true },
  // 'forwarded' has no re-opening: the report now belongs to another channel (docs/law.md §2).
];

export const transitions: Record<ProcedureCode, readonly Transition[]> = {
  integrity: [
    // docs/law.md §1 EU3, Directive art. 9(1)(b): acknowledgement within 7 days, automatic for web reports, so no reason is asked.
    { from: 'received', to: 'acknowledged', milestone: 'acknowledged', automatic: true },
    // docs/law.md §2: no acknowledgement when the reporter objected or it would endanger their identity; the reason records which.
    { from: 'received', to: 'assessing', milestone: 'acknowledgement_waived' },
    ...exits('received'),
    { from: 'acknowledged', to: 'assessing' },
    ...exits('acknowledged'),
    { from: 'assessing', to: 'in_follow_up' },
    // docs/law.md §1 EU6, Directive art. 9(1)(f): feedback (on action envisaged or taken) may come before any investigation.
    { from: 'assessing', to: 'feedback_given', milestone: 'feedback_given' },
    ...exits('assessing'),
    { from: 'in_follow_up', to: 'feedback_given', milestone: 'feedback_given' },
    { from: 'in_follow_up', to: 'referred' },
    // Interim feedback within 3 months does not end the investigation (docs/law.md §1 EU6).
    { from: 'feedback_given', to: 'in_follow_up' },
    // docs/law.md §1 EU6: an integrity case closes only after the reporter had feedback.
    { from: 'feedback_given', to: 'closed' },
    { from: 'referred', to: 'assessing' },
    { from: 'referred', to: 'in_follow_up' },
    ...reopenings,
  ],
  psychosocial: [
    // No acknowledgement duty in the Codex (docs/law.md §4), but a web report may still be acknowledged as a courtesy.
    { from: 'received', to: 'acknowledged', milestone: 'acknowledged', automatic: true },
    // docs/law.md §4: assessment starts with the first contact (hear the worker, explain the options) within 10 calendar days.
    { from: 'received', to: 'assessing', milestone: 'first_contact' },
    ...exits('received'),
    { from: 'acknowledged', to: 'assessing', milestone: 'first_contact' },
    ...exits('acknowledged'),
    // Informal intervention or the formal route (docs/law.md §4); interview, acceptance and advice are milestones its commands record.
    { from: 'assessing', to: 'in_follow_up' },
    // docs/law.md §4: the worker may only want to be heard; there is no feedback duty, so the case may close after first contact.
    { from: 'assessing', to: 'closed' },
    ...exits('assessing'),
    { from: 'in_follow_up', to: 'feedback_given', milestone: 'feedback_given' },
    { from: 'in_follow_up', to: 'referred' },
    // docs/law.md §4: an informal intervention may end (or the worker withdraw) without a formal outcome.
    { from: 'in_follow_up', to: 'closed' },
    { from: 'feedback_given', to: 'in_follow_up' },
    { from: 'feedback_given', to: 'closed' },
    { from: 'referred', to: 'assessing' },
    { from: 'referred', to: 'in_follow_up' },
    ...reopenings,
  ],
  question: [
    // A question is not a report: it is closed with an answer; no legal deadline, so no acknowledgement.
    { from: 'received', to: 'closed', milestone: 'answered' },
    { from: 'received', to: 'assessing' },
    { from: 'received', to: 'forwarded' },
    { from: 'received', to: 'referred' },
    { from: 'assessing', to: 'closed', milestone: 'answered' },
    { from: 'assessing', to: 'forwarded' },
    { from: 'assessing', to: 'referred' },
    { from: 'referred', to: 'assessing' },
    { from: 'referred', to: 'closed', milestone: 'answered' },
    { from: 'closed', to: 'assessing', reopening: true },
  ],
};

/** The transition from a case's current status to `to` under its procedure, if the lifecycle allows it. */
export function findTransition(procedure: ProcedureCode, from: CaseStatus, to: CaseStatus): Transition | undefined {
  return transitions[procedure].find((t) => t.from === from && t.to === to);
}

/** The states a case can move to next, for the handler's buttons. */
export function nextStatuses(procedure: ProcedureCode, from: CaseStatus): CaseStatus[] {
  return transitions[procedure].filter((t) => t.from === from).map((t) => t.to);
}

export type TransitionResult =
  | { ok: true; status: CaseStatus; milestone: Milestone | undefined; reopening: boolean }
  | { ok: false; reason: 'not_allowed' | 'reason_required' };

/**
 * Checks a status change: allowed by the case's procedure, and explained unless automatic (every
 * transition records who, when and why, so the case's history can be accounted for). Returns the milestone to record, if any.
 */
export function transition(
  kase: { status: CaseStatus; procedure: ProcedureCode },
  to: CaseStatus,
  reason: string,
): TransitionResult {
  const found = findTransition(kase.procedure, kase.status, to);
  if (!found) return { ok: false, reason: 'not_allowed' };
  if (!found.automatic && reason.trim() === '') return { ok: false, reason: 'reason_required' };
  return { ok: true, status: found.to, milestone: found.milestone, reopening: found.reopening === true };
}

function assertNever(value: never): never {
  throw new Error(`Unexpected case status: ${String(value)}`);
}
