import { describe, expect, it } from 'vitest';
import { failureOutcome } from './service.ts';

describe('failureOutcome (the same for an account and for an address without one)', () => {
  const now = Date.UTC(2026, 0, 1);
  it.each([
    [0, 1, false, 250],
    [3, 4, false, 1000],
    [4, 5, true, 1250],
    [5, 6, false, 1500],
    [8, 9, false, 2000],
    [9, 10, true, 2000],
  ])('after %i failures: count %i, locks %s, waits %i ms', (previous, count, locks, delayMs) => {
    const outcome = failureOutcome(previous, now);
    expect(outcome.count).toBe(count);
    expect(outcome.delayMs).toBe(delayMs);
    expect(outcome.lockedUntil?.getTime()).toBe(locks ? now + 15 * 60_000 : undefined);
  });
});
