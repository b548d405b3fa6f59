/** One-time temporary passwords that an administrator hands over and the user must replace at first sign-in. */
import crypto from 'node:crypto';

// No 0/o, 1/l/i: the password is read off a screen and typed in by someone else.
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Five groups of four characters (about 99 bits), longer than the password policy's minimum. */
export function newTemporaryPassword(): string {
  const groups = Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => alphabet[crypto.randomInt(alphabet.length)]).join(''));
  return groups.join('-');
}
