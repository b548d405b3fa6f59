import { describe, expect, it } from 'vitest';
import { endOfDayUtc, startOfDayUtc } from './audit-trail.ts';

describe('the audit filter’s dates', () => {
  it('reads a day as its start in UTC, and "until" as the start of the next day', () => {
    expect(startOfDayUtc('2025-03-31')?.toISOString()).toBe('2025-03-31T00:00:00.000Z');
    expect(endOfDayUtc('2025-03-31')?.toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(endOfDayUtc('2024-12-31')?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it.each(['2025-02-30', '2025-13-01', '31-03-2025', '2025-3-1', '', 'yesterday'])('refuses %j', (text) => {
    expect(startOfDayUtc(text)).toBeUndefined();
    expect(endOfDayUtc(text)).toBeUndefined();
  });
});
