import { describe, expect, it } from 'vitest';
import type { RoleGrant } from '../../platform/auth/roles.ts';
import { can, canEnterCases, canReassignHandler, canReceiveKey, canRegisterContact, canSetRetention, type CaseAccessFacts, type CaseAction, type CaseActor, type Why } from './policy.ts';
import { procedures, type ProcedureCode } from '../case-record/service.ts';

// Small factories: one person per kind of actor, each with their own user id.
const grant = (role: RoleGrant['role'], handlerFunction: string | null = null): RoleGrant => ({ role, handlerFunction, actorFunction: null, entityId: null });
const actor = (userId: string, ...grants: RoleGrant[]): CaseActor => ({ userId, grants });

const counsellor = actor('counsellor', grant('case_handler', 'confidential_counsellor'));
const preventionAdvisor = actor('advisor', grant('case_handler', 'psychosocial_prevention_advisor'));
const reintegrationOfficer = actor('reintegration', grant('case_handler', 'reintegration_officer'));
const auditor = actor('auditor', grant('case_handler', 'auditor'));
const coordinatorStaff = actor('staff', grant('case_handler', 'coordinator_staff'));
const coordinator = actor('coordinator', grant('integrity_coordinator'));
const administrator = actor('admin', grant('administrator'));
const bureauMember = actor('bureau', grant('bureau_member'));
const entityActor = actor('entity', { role: 'entity_actor', handlerFunction: null, actorFunction: 'contact_person_integrity', entityId: 'e1' });
const adminWhoHandles = actor('admin-handler', grant('administrator'), grant('case_handler', 'confidential_counsellor'));

/** A case of `procedure` whose key is sealed to `sealedTo`, with the given people excluded. */
const caseOf = (procedure: ProcedureCode, sealedTo: CaseActor[] = [], extra: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({
  procedure,
  compartment: procedures[procedure].compartment,
  sealedTo: sealedTo.map((a) => a.userId),
  excluded: [],
  ...extra,
});
const excluding = (a: CaseActor) => ({ excluded: [a.userId] });

type Row = [string, CaseActor, CaseAction, CaseAccessFacts, boolean, Why];

describe('who may do what with a case', () => {
  it.each<Row>([
    // handlers the key is sealed to
    ['counsellor sealed to an integrity case reads its content', counsellor, 'read_content', caseOf('integrity', [counsellor]), true, 'holds_key'],
    ['counsellor sealed to an integrity case reads its metadata', counsellor, 'read_metadata', caseOf('integrity', [counsellor]), true, 'holds_key'],
    ['counsellor sealed to an integrity case acts on it', counsellor, 'act', caseOf('integrity', [counsellor]), true, 'may_act'],
    ['counsellor sealed to an integrity case refers it', counsellor, 'refer', caseOf('integrity', [counsellor]), true, 'may_act'],
    ['counsellor sealed to an integrity case grants access', counsellor, 'grant_access', caseOf('integrity', [counsellor]), true, 'may_act'],
    ['counsellor not sealed to a case sees nothing of it', counsellor, 'read_metadata', caseOf('integrity', [auditor]), false, 'not_routed'],
    ['counsellor not sealed to a case cannot read it', counsellor, 'read_content', caseOf('integrity', [auditor]), false, 'key_not_held'],
    ['counsellor not holding the key cannot grant access', counsellor, 'grant_access', caseOf('integrity', [auditor]), false, 'key_not_held'],
    ['counsellor not holding the key cannot refer', counsellor, 'refer', caseOf('integrity', [auditor]), false, 'key_not_held'],
    ['handler routed without the key sees metadata', counsellor, 'read_metadata', caseOf('integrity', [auditor], { grantedMetadataOnly: ['counsellor'] }), true, 'granted_metadata'],
    ['handler routed without the key cannot read content', counsellor, 'read_content', caseOf('integrity', [auditor], { grantedMetadataOnly: ['counsellor'] }), false, 'key_not_held'],
    ['handlers do not reassign cases', counsellor, 'reassign', caseOf('integrity', [counsellor]), false, 'not_routed'],
    // exclusion
    ['excluded handler who holds the key cannot read content', counsellor, 'read_content', caseOf('integrity', [counsellor], excluding(counsellor)), false, 'excluded'],
    ['excluded handler who holds the key cannot act', counsellor, 'act', caseOf('integrity', [counsellor], excluding(counsellor)), false, 'excluded'],
    ['excluded coordinator does not even see metadata', coordinator, 'read_metadata', caseOf('integrity', [], excluding(coordinator)), false, 'excluded'],
    ['excluded coordinator cannot reassign the case', coordinator, 'reassign', caseOf('integrity', [], excluding(coordinator)), false, 'excluded'],
    ['excluded administrator cannot reassign the case', administrator, 'reassign', caseOf('integrity', [], excluding(administrator)), false, 'excluded'],
    ['excluded auditor gets no statistical record either', auditor, 'read_statistics', caseOf('integrity', [], excluding(auditor)), false, 'excluded'],
    // the integrity coordinator
    ['coordinator sees metadata of every integrity case', coordinator, 'read_metadata', caseOf('integrity', [counsellor]), true, 'coordinator_overview'],
    ['coordinator sees metadata of a question', coordinator, 'read_metadata', caseOf('question', [counsellor]), true, 'coordinator_overview'],
    ['coordinator does not read content not sealed to them', coordinator, 'read_content', caseOf('integrity', [counsellor]), false, 'key_not_held'],
    ['coordinator reads content sealed to them on an integrity case', coordinator, 'read_content', caseOf('integrity', [counsellor, coordinator]), true, 'holds_key'],
    ['coordinator without a handler function does not act', coordinator, 'act', caseOf('integrity', [coordinator]), false, 'function_not_in_procedure'],
    ['coordinator reassigns an integrity case', coordinator, 'reassign', caseOf('integrity', [counsellor]), true, 'coordinator_reassign'],
    ['coordinator on a psychosocial case: statistics only for metadata', coordinator, 'read_metadata', caseOf('psychosocial', [preventionAdvisor]), false, 'statistics_only'],
    ['coordinator on a psychosocial case: no content even if sealed', coordinator, 'read_content', caseOf('psychosocial', [coordinator]), false, 'statistics_only'],
    ['coordinator on a psychosocial case: no reassigning', coordinator, 'reassign', caseOf('psychosocial', [preventionAdvisor]), false, 'statistics_only'],
    ['coordinator on a psychosocial case: the statistical record', coordinator, 'read_statistics', caseOf('psychosocial', [preventionAdvisor]), true, 'statistics_record'],
    ['coordinator staff act on an integrity case sealed to them', coordinatorStaff, 'act', caseOf('integrity', [coordinatorStaff]), true, 'may_act'],
    ['coordinator staff on a psychosocial case: statistics only', coordinatorStaff, 'read_metadata', caseOf('psychosocial', [preventionAdvisor]), false, 'statistics_only'],
    // auditors
    ['auditor sealed to an integrity case acts (referral to internal audit)', auditor, 'act', caseOf('integrity', [auditor]), true, 'may_act'],
    ['auditor on a psychosocial case: statistics only for metadata', auditor, 'read_metadata', caseOf('psychosocial', [preventionAdvisor]), false, 'statistics_only'],
    ['auditor on a psychosocial case: no content even if sealed', auditor, 'read_content', caseOf('psychosocial', [auditor]), false, 'statistics_only'],
    ['auditor on a psychosocial case: the statistical record', auditor, 'read_statistics', caseOf('psychosocial', [preventionAdvisor]), true, 'statistics_record'],
    ['auditor cannot act on a question (not in its actors)', auditor, 'act', caseOf('question', [auditor]), false, 'function_not_in_procedure'],
    // psychosocial prevention advisor
    ['prevention advisor sealed to a psychosocial case reads it', preventionAdvisor, 'read_content', caseOf('psychosocial', [preventionAdvisor]), true, 'holds_key'],
    ['prevention advisor sealed to a psychosocial case acts on it', preventionAdvisor, 'act', caseOf('psychosocial', [preventionAdvisor]), true, 'may_act'],
    ['prevention advisor sealed to a psychosocial case grants access', preventionAdvisor, 'grant_access', caseOf('psychosocial', [preventionAdvisor]), true, 'may_act'],
    ['prevention advisor not sealed to a psychosocial case sees nothing', preventionAdvisor, 'read_metadata', caseOf('psychosocial', [counsellor]), false, 'not_routed'],
    ['prevention advisor cannot act on an integrity case (not in its actors)', preventionAdvisor, 'act', caseOf('integrity', [preventionAdvisor]), false, 'function_not_in_procedure'],
    ['counsellor sealed to a psychosocial case acts on it', counsellor, 'act', caseOf('psychosocial', [counsellor]), true, 'may_act'],
    // reintegration officer
    ['reintegration officer acting on an integrity case is refused', reintegrationOfficer, 'act', caseOf('integrity', [reintegrationOfficer]), false, 'function_not_in_procedure'],
    ['reintegration officer refers nothing on an integrity case', reintegrationOfficer, 'refer', caseOf('integrity', [reintegrationOfficer]), false, 'function_not_in_procedure'],
    ['reintegration officer sealed to an integrity case may still read it', reintegrationOfficer, 'read_content', caseOf('integrity', [reintegrationOfficer]), true, 'holds_key'],
    ['reintegration officer answers a question sealed to them', reintegrationOfficer, 'act', caseOf('question', [reintegrationOfficer]), true, 'may_act'],
    // administrators
    ['administrator never reads content, even if sealed', administrator, 'read_content', caseOf('integrity', [administrator]), false, 'administrator_never_reads_content'],
    ['administrator never reads psychosocial content', administrator, 'read_content', caseOf('psychosocial', [administrator]), false, 'administrator_never_reads_content'],
    ['administrator who is also a handler still never reads content', adminWhoHandles, 'read_content', caseOf('integrity', [adminWhoHandles]), false, 'administrator_never_reads_content'],
    ['administrator does not act', administrator, 'act', caseOf('integrity', [administrator]), false, 'administrator_never_reads_content'],
    ['administrator does not browse case metadata', administrator, 'read_metadata', caseOf('integrity'), false, 'administrator_reassign_only'],
    ['administrator reassigns an integrity case', administrator, 'reassign', caseOf('integrity', [counsellor]), true, 'administrator_reassign'],
    ['administrator reassigns a psychosocial case without seeing it', administrator, 'reassign', caseOf('psychosocial', [preventionAdvisor]), true, 'administrator_reassign'],
    // people without a case role
    ['bureau member sees no case', bureauMember, 'read_metadata', caseOf('integrity'), false, 'no_case_role'],
    ['bureau member reads no content', bureauMember, 'read_content', caseOf('integrity', [bureauMember]), false, 'no_case_role'],
    ['bureau member gets no statistical record of one case', bureauMember, 'read_statistics', caseOf('integrity'), false, 'no_case_role'],
    ['entity actor sees no case', entityActor, 'read_metadata', caseOf('integrity'), false, 'no_case_role'],
    ['entity actor reassigns nothing', entityActor, 'reassign', caseOf('integrity'), false, 'no_case_role'],
    // legal hold
    ['counsellor who may act places a legal hold', counsellor, 'legal_hold', caseOf('integrity', [counsellor]), true, 'may_act'],
    ['coordinator places a legal hold on a case whose metadata they see', coordinator, 'legal_hold', caseOf('integrity', [counsellor]), true, 'coordinator_hold'],
    ['coordinator places no legal hold on a psychosocial case', coordinator, 'legal_hold', caseOf('psychosocial', [preventionAdvisor]), false, 'statistics_only'],
    ['counsellor not holding the key places no legal hold', counsellor, 'legal_hold', caseOf('integrity', [auditor]), false, 'key_not_held'],
    ['excluded coordinator places no legal hold', coordinator, 'legal_hold', caseOf('integrity', [], excluding(coordinator)), false, 'excluded'],
    ['administrator places no legal hold', administrator, 'legal_hold', caseOf('integrity', [administrator]), false, 'administrator_never_reads_content'],
  ])('%s', (_name, who, action, facts, allowed, why) => {
    expect(can(who, action, facts)).toEqual({ allowed, why });
  });
});

describe('to whom a case key may be sealed', () => {
  it.each<[string, CaseActor, CaseAccessFacts, boolean, Why]>([
    ['a prevention advisor on a psychosocial referral', preventionAdvisor, caseOf('psychosocial', [counsellor]), true, 'holds_key'],
    ['internal audit on an integrity referral', auditor, caseOf('integrity', [counsellor]), true, 'holds_key'],
    ['the coordinator, read-only, on an integrity case', coordinator, caseOf('integrity', [counsellor]), true, 'holds_key'],
    ['never someone excluded', auditor, caseOf('integrity', [counsellor], excluding(auditor)), false, 'excluded'],
    ['never the coordinator on a psychosocial case', coordinator, caseOf('psychosocial', [preventionAdvisor]), false, 'statistics_only'],
    ['never an auditor on a psychosocial case', auditor, caseOf('psychosocial', [preventionAdvisor]), false, 'statistics_only'],
    ['never an administrator', administrator, caseOf('integrity', [counsellor]), false, 'administrator_never_reads_content'],
    ['never someone without a case role', bureauMember, caseOf('integrity', [counsellor]), false, 'no_case_role'],
  ])('%s', (_name, grantee, facts, allowed, why) => {
    expect(canReceiveKey(grantee, facts)).toEqual({ allowed, why });
  });
});

describe('who sets the retention periods of every case', () => {
  it.each<[string, CaseActor, boolean, Why]>([
    ['the coordinator, who answers for the records', coordinator, true, 'retention_steward'],
    ['an administrator, who configures the installation', administrator, true, 'retention_steward'],
    ['not a case handler', counsellor, false, 'no_retention_role'],
    ['not an auditor', auditor, false, 'no_retention_role'],
    ['not a bureau member', bureauMember, false, 'no_retention_role'],
    ['not an entity actor', entityActor, false, 'no_retention_role'],
  ])('%s', (_name, who, allowed, why) => {
    expect(canSetRetention(who)).toEqual({ allowed, why });
  });
});

describe('who hands every case of one handler over to another', () => {
  it.each<[string, CaseActor, boolean, Why]>([
    ['an administrator, without reading any case', administrator, true, 'administrator_reassign'],
    ['the coordinator', coordinator, true, 'coordinator_reassign'],
    ['not a handler', counsellor, false, 'not_routed'],
    ['not a bureau member', bureauMember, false, 'no_case_role'],
  ])('%s', (_name, who, allowed, why) => {
    expect(canReassignHandler(who)).toEqual({ allowed, why });
  });
});

describe('who opens the case pages at all (each case still asks can())', () => {
  it.each<[string, CaseActor, boolean, Why]>([
    ['a handler', counsellor, true, 'holds_case_role'],
    ['the coordinator', coordinator, true, 'holds_case_role'],
    ['an administrator, to move cases on without reading them', administrator, true, 'administrator_reassign'],
    ['not a bureau member', bureauMember, false, 'no_case_role'],
    ['not an entity actor', entityActor, false, 'no_case_role'],
  ])('%s', (_name, who, allowed, why) => {
    expect(canEnterCases(who)).toEqual({ allowed, why });
  });
});

describe('who registers a contact that came by phone, e-mail, letter or in person', () => {
  it.each<[string, CaseActor, boolean, Why]>([
    ['a handler', counsellor, true, 'holds_case_role'],
    ['the coordinator', coordinator, true, 'holds_case_role'],
    ['not an administrator: they run the system, never the cases', administrator, false, 'administrator_never_reads_content'],
    ['not a bureau member', bureauMember, false, 'no_case_role'],
  ])('%s', (_name, who, allowed, why) => {
    expect(canRegisterContact(who)).toEqual({ allowed, why });
  });
});
