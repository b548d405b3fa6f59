import { describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { currentTotp, newTotpSecret, totpStep, unusedTotp } from './totp.ts';

describe('totpStep', () => {
  const secret = newTotpSecret();
  const at = (ms: number) => authenticator.clone({ epoch: ms }).generate(secret);
  const now = 1_800_000_000_000 + 12_000;
  const step = Math.floor(now / 30_000);

  it.each([
    ['the current step', 0],
    ['the previous step (a slow clock)', -1],
    ['the next step (a fast clock)', 1],
  ])('accepts a code of %s and names its step', (_name, delta) => {
    expect(totpStep(secret, at(now + delta * 30_000), now)).toBe(step + delta);
  });

  it.each([
    ['two steps back', at(now - 60_000)],
    ['two steps ahead', at(now + 60_000)],
    ['letters', 'abcdef'],
    ['five digits', '12345'],
    ['seven digits', '1234567'],
    ['empty', ''],
  ])('refuses a code %s', (_name, code) => {
    expect(totpStep(secret, code, now)).toBeUndefined();
  });

  it('reads a code typed with spaces', () => {
    const code = currentTotp(secret);
    expect(totpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`)).toBeDefined();
  });
});

describe('unusedTotp', () => {
  it('hands out codes of later and later steps, each valid now', async () => {
    const secret = newTotpSecret();
    const first = totpStep(secret, await unusedTotp(secret));
    const second = totpStep(secret, await unusedTotp(secret));
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second!).toBeGreaterThan(first!);
  });
});
