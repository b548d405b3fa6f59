/** Time-based one-time passwords (RFC 6238) for the second factor, and one-use recovery codes. */
import crypto from 'node:crypto';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';

// Accept the previous and next 30-second window, for clocks that drift a little.
authenticator.options = { window: 1 };

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

const stepSeconds = 30;

function stepAt(epochMs: number): number {
  return Math.floor(epochMs / 1000 / stepSeconds);
}

/**
 * The 30-second time step a code belongs to when it is valid now (within the window), otherwise undefined.
 * The caller stores the step and refuses any code of the same or an earlier step: a code is good once.
 */
export function totpStep(secret: string, token: string, now = Date.now()): number | undefined {
  const digits = token.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(digits)) return undefined;
  try {
    const delta = authenticator.clone({ epoch: now }).checkDelta(digits, secret);
    return delta === null ? undefined : stepAt(now) + delta;
  } catch {
    return undefined;
  }
}

/** The current code, for tests and the demo. */
export function currentTotp(secret: string): string {
  return authenticator.generate(secret);
}

const handedOut = new Map<string, number>();

/**
 * A code of a time step this process has not handed out before for this account — for tests and scripts
 * that sign one account in several times within a minute, now that a code is accepted only once. Takes
 * the current step or the next one (inside the verifier's window), and waits for the clock otherwise.
 * `account` names the account on its server (tests share secrets across servers), by default the secret.
 */
export async function unusedTotp(secret: string, account = ''): Promise<string> {
  const key = `${account}\n${secret}`;
  for (;;) {
    const now = Date.now();
    const step = Math.max(stepAt(now), (handedOut.get(key) ?? -1) + 1);
    if (step <= stepAt(now) + 1) {
      handedOut.set(key, step);
      return authenticator.clone({ epoch: step * stepSeconds * 1000 }).generate(secret);
    }
    await new Promise((resolve) => setTimeout(resolve, (stepSeconds * 1000 - (now % (stepSeconds * 1000))) + 50));
  }
}

export function totpUri(secret: string, account: string, issuer: string): string {
  return authenticator.keyuri(account, issuer, secret);
}

/** An SVG QR code of the otpauth URI; inline SVG needs no script or style. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

/** Ten recovery codes of 10 characters from an unambiguous alphabet, grouped for reading. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Recovery codes are high-entropy, so a fast SHA-256 is enough to store them. */
export function hashRecoveryCode(code: string): string {
  const normalised = code.trim().toLowerCase().replace(/[\s-]/g, '');
  return crypto.createHash('sha256').update(normalised).digest('hex');
}
