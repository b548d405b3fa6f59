/** The platform's tables: installation, entities, accounts and roles, sessions, keys and the audit trail. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgSchema,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres returns Buffer (a Uint8Array); PGlite returns Uint8Array.
  fromDriver: (value) => new Uint8Array(value),
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** One row: the organisation this installation serves. Absent until the setup page has run. */
export const installation = pgTable(
  'installation',
  {
    id: integer('id').primaryKey().default(1),
    organisationName: text('organisation_name').notNull(),
    defaultLanguage: text('default_language').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('installation_single_row', sql`${t.id} = 1`)],
);

/** Hashes of the one-time setup tokens printed on the console while no installation exists. */
export const setupTokens = pgTable('setup_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  createdAt: createdAt(),
});

export const entities = pgTable(
  'entities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    headcount: integer('headcount'),
    createdAt: createdAt(),
  },
  (t) => [
    index('entities_parent_idx').on(t.parentId),
    check('entities_kind', sql`${t.kind} in ('government', 'department', 'agency', 'unit')`),
  ],
);

/** The configurable list of case-handler functions (confidential counsellor, prevention advisor …). */
export const handlerFunctions = pgTable('handler_functions', {
  code: text('code').primaryKey(),
  labels: jsonb('labels').$type<Record<string, string>>().notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    language: text('language').notNull().default('nl'),
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The 30-second step of the last TOTP code accepted: a code is good once (RFC 6238 §5.2). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    oidcSubject: text('oidc_subject'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email), uniqueIndex('users_oidc_subject_idx').on(t.oidcSubject)],
);

/**
 * A user's roles. A case handler carries a handler function; an entity integrity actor carries an
 * actor function and the entity they act for. One person may hold several roles.
 */
export const userRoles = pgTable(
  'user_roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    handlerFunction: text('handler_function').references(() => handlerFunctions.code),
    actorFunction: text('actor_function'),
    entityId: uuid('entity_id').references(() => entities.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('user_roles_user_idx').on(t.userId),
    check(
      'user_roles_role',
      sql`${t.role} in ('administrator', 'integrity_coordinator', 'case_handler', 'bureau_member', 'entity_actor')`,
    ),
    check('user_roles_handler_has_function', sql`(${t.role} = 'case_handler') = (${t.handlerFunction} is not null)`),
    check(
      'user_roles_actor_has_entity',
      sql`(${t.role} = 'entity_actor') = (${t.entityId} is not null and ${t.actorFunction} is not null)`,
    ),
  ],
);

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
/**
 * Failed password sign-ins for e-mail addresses without an active account, counted and locked exactly as
 * an account's are, so the answers never tell which addresses exist. The address is kept only as a keyed
 * hash (HMAC-SHA-256 under an installation key in `settings`), never in clear.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    emailKey: text('email_key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_last_failed_idx').on(t.lastFailedAt)],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'password' until the second factor is given, then 'complete'. */
    stage: text('stage').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), check('sessions_stage', sql`${t.stage} in ('password', 'complete')`)],
);

/**
 * OIDC sign-ins under way: the PKCE verifier, state and nonce, keyed by the SHA-256 of a random token in
 * a short-lived cookie, so a callback only completes in the browser that started it. Rows live minutes.
 */
export const oidcLogins = pgTable(
  'oidc_logins',
  {
    browserTokenHash: text('browser_token_hash').primaryKey(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** The local path to return to after signing in. */
    next: text('next').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('oidc_logins_expires_idx').on(t.expiresAt)],
);

/**
 * Each handler's X25519 key pair. The private key is sealed (XChaCha20-Poly1305) under a key derived
 * with Argon2id from the user's password, or from a separate unlock passphrase for OIDC users.
 */
export const userKeys = pgTable('user_keys', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  publicKey: bytea('public_key').notNull(),
  sealedPrivateKey: bytea('sealed_private_key').notNull(),
  nonce: bytea('nonce').notNull(),
  kdfSalt: bytea('kdf_salt').notNull(),
  /** 'password' or 'passphrase' (OIDC users). */
  secretKind: text('secret_kind').notNull(),
  createdAt: createdAt(),
});

/** Append-only, hash-chained record of sign-ins, permission changes and (later) case access. */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_action_idx').on(t.action), index('audit_log_actor_idx').on(t.actorId)],
);

/** Installation-wide settings as JSON values (landing texts, thresholds …), keyed by name. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/**
 * The per-address rate limits' counters (platform/http/address-limits.ts), in a schema of their own so
 * backups (which copy `public`) never hold them, and unlogged so no WAL, archive or replica keeps them.
 * No address is stored: a counter is keyed by a keyed hash under its window's key, and each window's
 * salt and counters are deleted when the window ends.
 */
export const rateLimitsSchema = pgSchema('rate_limits');

/**
 * One random salt per key generation (a window length of time); with the processes' shared secret (never
 * in the database) it makes the generation's key. Kept two window lengths: the last counter it keys ends then.
 */
export const rateLimitWindowSalts = rateLimitsSchema.table(
  'window_salts',
  {
    windowMs: integer('window_ms').notNull(),
    windowIndex: bigint('window_index', { mode: 'number' }).notNull(),
    salt: text('salt').notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.windowMs, t.windowIndex] }), index('window_salts_ends_idx').on(t.endsAt)],
);

/** Requests counted per limit (`scope`, e.g. `POST /report/follow-up`) and hashed client key, until the client's window ends. */
export const rateLimitCounters = rateLimitsSchema.table(
  'counters',
  {
    scope: text('scope').notNull(),
    clientHash: text('client_hash').notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.clientHash] }), index('counters_ends_idx').on(t.endsAt)],
);
