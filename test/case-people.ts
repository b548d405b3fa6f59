/** Test helper: people of the back office with roles, key pairs and two-step verification, signed in and unlocked. */
import { createSealedKeyPair } from '../src/platform/auth/keys.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { unusedTotp } from '../src/platform/auth/totp.ts';
import type { DatabaseHandle } from '../src/platform/db/client.ts';
import { Client } from './server.ts';

export const personTotp = 'JBSWY3DPEHPK3PXP';

export interface CasePerson {
  id: string;
  email: string;
  password: string;
}

export interface NewCasePerson {
  name: string;
  /** Derived from the name when not given. */
  email?: string;
  role: string;
  handlerFunction?: string | null;
}

/** A user with one role; case handlers and coordinators get a key pair sealed under their password. */
export async function addCasePerson(database: DatabaseHandle, person: NewCasePerson): Promise<CasePerson> {
  const email = person.email ?? `${person.name.toLowerCase().replace(/\W+/g, '.')}@example.be`;
  const password = `${email} password`;
  const [row] = await database.execute(
    `insert into users (email, display_name, password_hash, totp_secret, totp_enabled_at) values ($1, $2, $3, $4, now()) returning id`,
    [email, person.name, await hashPassword(password), personTotp],
  );
  const id = String(row!.id);
  await database.execute('insert into user_roles (user_id, role, handler_function) values ($1, $2, $3)', [id, person.role, person.handlerFunction ?? null]);
  if (person.role !== 'administrator') {
    const keys = await createSealedKeyPair(id, password);
    await database.execute(`insert into user_keys (user_id, public_key, sealed_private_key, nonce, kdf_salt, secret_kind) values ($1, $2, $3, $4, $5, 'password')`, [
      id,
      keys.publicKey,
      keys.sealedPrivateKey,
      keys.nonce,
      keys.kdfSalt,
    ]);
  }
  return { id, email, password };
}

/** Signs a person in (password and TOTP) and, unless told not to, unlocks their key for the session. */
export async function signInCasePerson(baseUrl: string, person: { email: string; password: string; totp?: string }, unlock = true): Promise<Client> {
  const client = new Client(baseUrl);
  const page = await client.signIn(person.email, person.password, (account) => unusedTotp(person.totp ?? personTotp, account));
  if (page.status !== 303) throw new Error(`sign-in failed for ${person.email}: ${page.status}`);
  if (unlock) {
    await client.get('/cases/unlock');
    const unlocked = await client.post('/cases/unlock', { secret: person.password, next: '/cases' });
    if (unlocked.status !== 303) throw new Error(`unlock failed for ${person.email}: ${unlocked.status}`);
  }
  return client;
}
