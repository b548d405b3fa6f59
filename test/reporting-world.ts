/** Test and bench helper: the real app on a database kept in files, a handler routed every report, and a local SMTP server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/client.ts';
import { migrateDatabase } from '../src/platform/db/migrate.ts';
import { createLogger } from '../src/platform/logging.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { createSealedKeyPair } from '../src/platform/auth/keys.ts';
import { completeSetup, issueSetupToken } from '../src/features/setup/service.ts';
import { freshDatabase } from './databases.ts';

export const handlerAccount = { email: 'counsellor@example.be', password: 'a counsellor password', totp: 'JBSWY3DPEHPK3PXP' };

export interface World {
  dataDir: string;
  database: DatabaseHandle;
  baseUrl: string;
  /** The app's GET routes as registered (`/cases/:caseId`), for tests that visit every page. */
  routes: readonly string[];
  logLines: string[];
  mails: { to: string; body: string }[];
  close(): Promise<void>;
}

/** Installs the organisation and a confidential counsellor (key pair, two-step verification) to whom every report is routed. */
export async function installReportingPoint(database: DatabaseHandle): Promise<void> {
  const token = await issueSetupToken(database.db);
  await completeSetup(database.db, { token: token!, organisationName: 'Testland', defaultLanguage: 'nl', displayName: 'Admin', email: 'admin@example.be', password: 'an admin password' });
  // A confidential counsellor with a key pair and two-step verification, in the default routing group.
  const [handler] = await database.execute(
    `insert into users (email, display_name, password_hash, totp_secret, totp_enabled_at) values ($1, 'Carla Counsellor', $2, $3, now()) returning id`,
    [handlerAccount.email, await hashPassword(handlerAccount.password), handlerAccount.totp],
  );
  const handlerId = String(handler!.id);
  await database.execute(`insert into user_roles (user_id, role, handler_function) values ($1, 'case_handler', 'confidential_counsellor')`, [handlerId]);
  const keys = await createSealedKeyPair(handlerId, handlerAccount.password);
  await database.execute(`insert into user_keys (user_id, public_key, sealed_private_key, nonce, kdf_salt, secret_kind) values ($1, $2, $3, $4, $5, 'password')`, [
    handlerId,
    keys.publicKey,
    keys.sealedPrivateKey,
    keys.nonce,
    keys.kdfSalt,
  ]);
  const [rule] = await database.execute('insert into routing_rules (theme, entity_id) values (null, null) returning id');
  await database.execute('insert into routing_rule_handlers (rule_id, user_id) values ($1, $2)', [rule!.id, handlerId]);
}

/** The real app on a database kept in files (so the files can be searched), with a real local SMTP server. */
/**
 * @param kind 'files': PGlite kept in a folder (its files can be searched); 'postgres': a fresh database on
 * the DATABASE_URL server, dropped on close.
 */
export async function startWorld(env: Record<string, string> = {}, kind: 'files' | 'postgres' = 'files'): Promise<World> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-reporting-'));
  // PGLITE_FSYNC=false in env gives the embedded database without syncing to disk, as the server would run it.
  const database: DatabaseHandle = kind === 'postgres' ? await freshDatabase('postgres') : await openDatabase({ dataDir, fsync: loadConfig(env).pgliteFsync });
  if (kind === 'files') await migrateDatabase(database);
  await installReportingPoint(database);

  const mails: World['mails'] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (d: Buffer) => (body += d.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as { port: number }).port;

  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(String(chunk));
      callback();
    },
  });
  const config = loadConfig({ COOKIE_SECURE: 'false', LOG_LEVEL: 'debug', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, ATTACHMENT_MAX_FILES: '3', ATTACHMENT_MAX_MB: '1', ...env }, { port: 0 });
  const app = await buildApp({ config, database, logger: createLogger('debug', sink) });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    dataDir,
    database,
    baseUrl,
    routes: app.parts.knownPages.routes(),
    logLines,
    mails,
    async close() {
      await app.close();
      await database.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
