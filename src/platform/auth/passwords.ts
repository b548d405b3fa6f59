/** Password hashing with Argon2id (OWASP's recommended parameters), and the password policy. */
import { hash, verify, type Algorithm } from '@node-rs/argon2';

export const minimumPasswordLength = 12;

const parameters = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, parameters);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Without a stored hash, still spend the same time so timing does not reveal whether an account exists.
  if (!stored) {
    await hash(password, parameters);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
