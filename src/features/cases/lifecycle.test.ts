import { describe, expect, it } from 'vitest';
import { caseStatuses, isTerminal, nextStatuses, transition, transitions, type CaseStatus, type TransitionResult } from './lifecycle.ts';
import type { Milestone, ProcedureCode } from '../case-record/service.ts';

const kase = (procedure: ProcedureCode, status: CaseStatus) => ({ procedure, status });
const moved = (status: CaseStatus, milestone?: Milestone, reopening = false): TransitionResult => ({ ok: true, status, milestone, reopening });
const refused = (reason: 'not_allowed' | 'reason_required'): TransitionResult => ({ ok: false, reason });
const why = 'checked with the reporter';

describe('case lifecycle transitions', () => {
  it.each<[string, ProcedureCode, CaseStatus, CaseStatus, string, TransitionResult]>([
    // integrity: the happy path and its milestones
    ['integrity: automatic acknowledgement needs no reason and sets acknowledged', 'integrity', 'received', 'acknowledged', '', moved('acknowledged', 'acknowledged')],
    ['integrity: skipping the acknowledgement records the waiver', 'integrity', 'received', 'assessing', 'reporter objected', moved('assessing', 'acknowledgement_waived')],
    ['integrity: waiving the acknowledgement needs a reason', 'integrity', 'received', 'assessing', '  ', refused('reason_required')],
    ['integrity: acknowledged to assessing', 'integrity', 'acknowledged', 'assessing', why, moved('assessing')],
    ['integrity: assessing to follow-up', 'integrity', 'assessing', 'in_follow_up', why, moved('in_follow_up')],
    ['integrity: feedback from follow-up sets feedback_given', 'integrity', 'in_follow_up', 'feedback_given', 'interim feedback', moved('feedback_given', 'feedback_given')],
    ['integrity: feedback straight after assessment sets feedback_given', 'integrity', 'assessing', 'feedback_given', 'no investigation needed', moved('feedback_given', 'feedback_given')],
    ['integrity: follow-up goes on after interim feedback', 'integrity', 'feedback_given', 'in_follow_up', why, moved('in_follow_up')],
    ['integrity: closed after feedback', 'integrity', 'feedback_given', 'closed', 'measures taken', moved('closed')],
    ['integrity: closing without a reason is refused', 'integrity', 'feedback_given', 'closed', '', refused('reason_required')],
    ['integrity: no closing before feedback', 'integrity', 'in_follow_up', 'closed', why, refused('not_allowed')],
    ['integrity: no jumping from received to follow-up', 'integrity', 'received', 'in_follow_up', why, refused('not_allowed')],
    ['integrity: no going back to received', 'integrity', 'assessing', 'received', why, refused('not_allowed')],
    ['integrity: no staying in the same state', 'integrity', 'assessing', 'assessing', why, refused('not_allowed')],
    ['integrity: not admissible at triage', 'integrity', 'acknowledged', 'not_admissible', 'out of scope', moved('not_admissible')],
    ['integrity: forwarded with consent', 'integrity', 'received', 'forwarded', 'consent given, Ombudsdienst competent', moved('forwarded')],
    ['integrity: referred to internal audit', 'integrity', 'in_follow_up', 'referred', 'needs an audit', moved('referred')],
    ['integrity: the receiver takes up a referred case', 'integrity', 'referred', 'assessing', 'taken up', moved('assessing')],
    ['integrity: a referred case is not closed without feedback', 'integrity', 'referred', 'closed', why, refused('not_allowed')],
    // integrity: terminal states
    ['integrity: a closed case is re-opened with a reason', 'integrity', 'closed', 'assessing', 'new facts', moved('assessing', undefined, true)],
    ['integrity: re-opening needs a reason', 'integrity', 'closed', 'assessing', '', refused('reason_required')],
    ['integrity: a closed case cannot go to follow-up directly', 'integrity', 'closed', 'in_follow_up', why, refused('not_allowed')],
    ['integrity: a not-admissible decision can be revisited', 'integrity', 'not_admissible', 'assessing', 'missing facts supplied', moved('assessing', undefined, true)],
    ['integrity: a forwarded case has left the channel', 'integrity', 'forwarded', 'assessing', why, refused('not_allowed')],
    // psychosocial
    ['psychosocial: a courtesy acknowledgement is allowed', 'psychosocial', 'received', 'acknowledged', '', moved('acknowledged', 'acknowledged')],
    ['psychosocial: assessment starts with the first contact', 'psychosocial', 'received', 'assessing', 'worker heard by phone', moved('assessing', 'first_contact')],
    ['psychosocial: first contact after an acknowledgement', 'psychosocial', 'acknowledged', 'assessing', 'worker heard', moved('assessing', 'first_contact')],
    ['psychosocial: informal intervention', 'psychosocial', 'assessing', 'in_follow_up', 'conciliation', moved('in_follow_up')],
    ['psychosocial: worker only wanted to be heard', 'psychosocial', 'assessing', 'closed', 'worker chose no action', moved('closed')],
    ['psychosocial: feedback sets feedback_given', 'psychosocial', 'in_follow_up', 'feedback_given', 'outcome told', moved('feedback_given', 'feedback_given')],
    ['psychosocial: an intervention may end without feedback', 'psychosocial', 'in_follow_up', 'closed', 'worker withdrew', moved('closed')],
    ['psychosocial: referred to a prevention advisor', 'psychosocial', 'in_follow_up', 'referred', 'formal request', moved('referred')],
    ['psychosocial: no feedback before anything was done', 'psychosocial', 'received', 'feedback_given', why, refused('not_allowed')],
    ['psychosocial: a forwarded case stays forwarded', 'psychosocial', 'forwarded', 'received', why, refused('not_allowed')],
    // question
    ['question: closed with an answer', 'question', 'received', 'closed', 'answered by e-mail', moved('closed', 'answered')],
    ['question: closing needs the answer', 'question', 'received', 'closed', '', refused('reason_required')],
    ['question: researched, then answered', 'question', 'assessing', 'closed', 'answered', moved('closed', 'answered')],
    ['question: a question is not acknowledged', 'question', 'received', 'acknowledged', '', refused('not_allowed')],
    ['question: no follow-up for a question', 'question', 'assessing', 'in_follow_up', why, refused('not_allowed')],
    ['question: referred to a colleague, who answers', 'question', 'referred', 'closed', 'answered', moved('closed', 'answered')],
    ['question: a closed question is re-opened', 'question', 'closed', 'assessing', 'follow-up question', moved('assessing', undefined, true)],
    ['question: not admissible does not apply', 'question', 'received', 'not_admissible', why, refused('not_allowed')],
  ])('%s', (_name, procedure, from, to, reason, expected) => {
    expect(transition(kase(procedure, from), to, reason)).toEqual(expected);
  });
});

describe('lifecycle data', () => {
  it.each<[CaseStatus, boolean]>([
    ['received', false],
    ['acknowledged', false],
    ['assessing', false],
    ['in_follow_up', false],
    ['feedback_given', false],
    ['referred', false],
    ['closed', true],
    ['not_admissible', true],
    ['forwarded', true],
  ])('%s is terminal: %s', (status, terminal) => {
    expect(isTerminal(status)).toBe(terminal);
  });

  it.each(Object.keys(transitions) as ProcedureCode[])('%s: the only ways out of a terminal state are re-openings, and they need a reason', (procedure) => {
    for (const t of transitions[procedure].filter((t) => isTerminal(t.from))) {
      expect(t.reopening, `${t.from} → ${t.to}`).toBe(true);
      expect(transition(kase(procedure, t.from), t.to, '')).toEqual(refused('reason_required'));
    }
    expect(transitions[procedure].filter((t) => t.reopening).every((t) => isTerminal(t.from))).toBe(true);
  });

  it.each(Object.keys(transitions) as ProcedureCode[])('%s: a transition is listed once and only acknowledgements are automatic', (procedure) => {
    const keys = transitions[procedure].map((t) => `${t.from}→${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(transitions[procedure].filter((t) => t.automatic).map((t) => t.to)).toEqual(procedure === 'question' ? [] : ['acknowledged']);
  });

  it.each<[ProcedureCode, CaseStatus[]]>([
    ['integrity', [...caseStatuses]],
    ['psychosocial', [...caseStatuses]],
    ['question', ['received', 'assessing', 'closed', 'forwarded', 'referred']],
  ])('%s uses these states, and every non-terminal one has a way forward', (procedure, used) => {
    const seen = new Set(transitions[procedure].flatMap((t) => [t.from, t.to]));
    expect([...seen].sort()).toEqual([...used].sort());
    for (const status of used.filter((s) => !isTerminal(s))) expect(nextStatuses(procedure, status), status).not.toEqual([]);
  });
});
