/** Time-based one-time passwords (RFC 6238) for the second factor, and one-use recovery codes. */
import crypto from 'node:crypto';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';

// Accept the previous and next 30-second window, for clocks that drift a little.
authenticator.options = { window: 1 };

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function verifyTotp(secret: string, token: string): boolean {
  const digits = token.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(digits)) return false;
  try {
    return authenticator.check(digits, secret);
  } catch {
    return false;
  }
}

/** The current code, for tests and the demo. */
export function currentTotp(secret: string): string {
  return authenticator.generate(secret);
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
