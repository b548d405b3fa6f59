/** Specifies the registries src/ assembles from every feature: the background jobs and the audit actions. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { auditActions, auditActionsByFeature } from '../../src/audit-actions.ts';
import { jobDefinitions } from '../../src/jobs.ts';
import { auditCheckpointJobName } from '../../src/platform/audit/checkpoint-job.ts';
import { purgeEndedLimitWindowsJobName } from '../../src/platform/http/address-limits.ts';
import { purgeExpiredSessionsJobName } from '../../src/platform/jobs/jobs.ts';

describe('the registry of background jobs', () => {
  const names = jobDefinitions(loadConfig({})).map((job) => job.name);

  it("holds platform's own maintenance beside the features' jobs", () => {
    expect(names).toContain(purgeExpiredSessionsJobName);
    expect(names).toContain(purgeEndedLimitWindowsJobName);
    expect(names).toContain(auditCheckpointJobName);
    expect(names).toEqual(expect.arrayContaining(['reporting.purge-leftovers', 'cases.purge-expired', 'cases.send-reminders', 'cases.compact-tallies', 'figures.compact-statistics']));
  });

  it('names every job once, since pg-boss keeps one queue per name', () => {
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the registry of audit actions', () => {
  it('lists every action once, under the one feature that records it', () => {
    expect(new Set(auditActions).size).toBe(auditActions.length);
  });

  it('names actions `<subject>.<what happened>` in lower case', () => {
    for (const action of auditActions) expect(action).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });

  it('gives every feature that changes something its own list', () => {
    for (const [feature, actions] of Object.entries(auditActionsByFeature)) expect(actions.length, feature).toBeGreaterThan(0);
  });
});
