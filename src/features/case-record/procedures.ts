/**
 * The procedures a case can follow, as data: their legal deadlines (what starts the clock, how long it
 * runs, what stops it) and the handler functions that may act. A case follows one procedure, chosen at
 * triage. The sources are in docs/law.md.
 */

export type ProcedureCode = 'integrity' | 'psychosocial' | 'question';

/** Things that happen to a case and start or stop a clock; each is recorded with the day it happened. */
export type Milestone =
  | 'received'
  | 'acknowledged'
  | 'acknowledgement_waived'
  | 'feedback_given'
  | 'first_contact'
  | 'interview_requested'
  | 'interview_held'
  | 'formal_request_accepted'
  | 'advice_given'
  | 'answered';

export interface DeadlineRule {
  /** What must be done, e.g. 'acknowledge'. */
  duty: string;
  /** The milestone that starts the clock; the first one present counts (later entries are fallbacks). */
  startsAt: { milestone: Milestone; plusDays?: number }[];
  days?: number;
  months?: number;
  /** Milestones that fulfil the duty (or lift it). */
  metBy: Milestone[];
  /** The law or rule the deadline comes from, for the handler and the docs. */
  basis: string;
}

export interface Procedure {
  code: ProcedureCode;
  deadlines: DeadlineRule[];
  /** Handler functions (handler_functions.code) that may act in this procedure. */
  actors: string[];
  /** Psychosocial dossiers are a compartment of their own: coordinators and auditors never see their content. */
  compartment: 'integrity' | 'psychosocial' | 'general';
}

export const procedures: Record<ProcedureCode, Procedure> = {
  integrity: {
    code: 'integrity',
    compartment: 'integrity',
    actors: ['coordinator_staff', 'auditor', 'confidential_counsellor'],
    deadlines: [
      {
        duty: 'acknowledge',
        startsAt: [{ milestone: 'received' }],
        days: 7,
        // The reporter may object, or an acknowledgement may endanger their identity: then it is waived (and why is recorded).
        metBy: ['acknowledged', 'acknowledgement_waived'],
        basis: 'EU Directive 2019/1937 art. 9(1)(b); Flemish decree of 18 November 2022',
      },
      {
        duty: 'give_feedback',
        // Three months from the acknowledgement, or from day 7 when none was sent.
        startsAt: [{ milestone: 'acknowledged' }, { milestone: 'received', plusDays: 7 }],
        months: 3,
        metBy: ['feedback_given'],
        basis: 'EU Directive 2019/1937 art. 9(1)(f)',
      },
    ],
  },
  psychosocial: {
    code: 'psychosocial',
    compartment: 'psychosocial',
    actors: ['psychosocial_prevention_advisor', 'confidential_counsellor'],
    deadlines: [
      {
        duty: 'first_contact',
        startsAt: [{ milestone: 'received' }],
        days: 10,
        metBy: ['first_contact'],
        basis: 'Codex welzijn op het werk, book I title 3: first contact within 10 calendar days',
      },
      {
        duty: 'hold_interview',
        startsAt: [{ milestone: 'interview_requested' }],
        days: 10,
        metBy: ['interview_held'],
        basis: 'Codex welzijn op het werk, book I title 3: interview before a formal request within 10 calendar days',
      },
      {
        duty: 'advise_employer',
        startsAt: [{ milestone: 'formal_request_accepted' }],
        months: 3,
        metBy: ['advice_given'],
        basis: 'Codex welzijn op het werk, book I title 3: advice within 3 months of acceptance (extendable with reasons)',
      },
    ],
  },
  question: {
    code: 'question',
    compartment: 'general',
    actors: ['confidential_counsellor', 'psychosocial_prevention_advisor', 'coordinator_staff', 'reintegration_officer'],
    // No legal deadline for answering a question; an office may add a service target here.
    deadlines: [],
  },
};

/** The procedure a new contact starts in, before triage: a question is answered, wellbeing goes to the psychosocial route. */
export function initialProcedure(kind: 'question' | 'report', domain: 'wellbeing' | 'integrity'): ProcedureCode {
  if (kind === 'question') return 'question';
  return domain === 'wellbeing' ? 'psychosocial' : 'integrity';
}
