/** Typed configuration, read once from the environment; the only module that touches process.env. */
import path from 'node:path';
import { z } from 'zod';
import { readTrustProxy, type TrustedProxies } from './platform/http/trusted-proxies.ts';

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_FSYNC: z.enum(['true', 'false']).default('true'),
  BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  TRUST_PROXY: z.string().default('false'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_000_000),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(600),
  IDLE_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(75),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  RUN_JOBS: z.enum(['true', 'false']).default('true'),
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(5),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Integrity Bureau <no-reply@localhost>'),
  ONION_LOCATION: z.string().url().optional(),
  ATTACHMENT_MAX_FILES: z.coerce.number().int().min(0).max(50).default(10),
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(1024).default(25),
  REPORT_RATE_LIMIT: z.coerce.number().int().positive().default(60),
  RECEIPT_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_SECRET: z.string().min(32, 'at least 32 characters, e.g. the output of `openssl rand -base64 32`').optional(),
  ESCROW_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'an X25519 public key: 32 bytes in base64')
    .optional(),
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
});

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; absent means the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  /** Whether the embedded database syncs every commit to disk (see docs/operations.md, durability); PostgreSQL has its own setting. */
  pgliteFsync: boolean;
  /** Public origin, used for OIDC redirects; defaults to http://localhost:PORT. */
  baseUrl: string;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  cookieSecure: boolean;
  /** The load balancers whose X-Forwarded-For entry names the client; false when clients connect directly. */
  trustProxy: TrustedProxies;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  bodyLimitBytes: number;
  /**
   * requestMs: the whole request, body included, must arrive within it (a body sent a byte at a time is cut
   * off); idleMs: a connection on which nothing arrives or leaves for that long is closed.
   */
  timeouts: { requestMs: number; idleMs: number };
  oidc: OidcConfig | undefined;
  /** Whether this process works the job queue (all processes may; singleton jobs still run once). */
  runJobs: boolean;
  /** After SIGTERM, how long /readyz answers 503 while requests are still served, so a load balancer can turn away first. */
  shutdownDrainMs: number;
  /** SMTP server for notifications (smtp://user:pass@host:port); absent means mail is not sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The reporting point's .onion address, announced in an Onion-Location header. */
  onionLocation: string | undefined;
  attachments: { maxFiles: number; maxBytes: number };
  /** Per network address, counted in the database (platform/http/address-limits.ts): reports per 10 minutes, and receipt sign-in attempts per minute. */
  rateLimits: { reportsPerAddress: number; receiptAttemptsPerAddress: number };
  /**
   * The secret every app process shares to hash client addresses for the rate limits; never stored in the
   * database. Absent: each process draws its own (enough for one process; `serve` on PostgreSQL needs it).
   */
  rateLimitSecret: string | undefined;
  /** The operator's escrow public key (X25519, base64): every new case key is also sealed to it. */
  escrowPublicKey: string | undefined;
  /**
   * Where the audit chain is anchored outside the database: the Ed25519 signing key and the append-only
   * file of signed checkpoints. Both default to files beside (never inside) the embedded database folder.
   */
  audit: { signingKeyFile: string; checkpointFile: string };
}

export type ConfigOverrides = Partial<Config>;

/** Defaults that depend on how the server is started: the demo listens on the loopback address only. */
export interface StartDefaults {
  host?: string;
}

export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: ConfigOverrides = {}, defaults: StartDefaults = {}): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const trustProxy = readTrustProxy(e.TRUST_PROXY);
  if (!trustProxy.ok) throw new Error(`Invalid configuration: TRUST_PROXY: ${trustProxy.problem}`);
  const oidc =
    e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
      ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET }
      : undefined;
  return {
    port: e.PORT,
    host: e.HOST ?? defaults.host ?? '0.0.0.0',
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    pgliteFsync: e.PGLITE_FSYNC === 'true',
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE === 'true',
    trustProxy: trustProxy.proxies,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    timeouts: { requestMs: Math.round(e.REQUEST_TIMEOUT_SECONDS * 1000), idleMs: Math.round(e.IDLE_TIMEOUT_SECONDS * 1000) },
    oidc,
    runJobs: e.RUN_JOBS === 'true',
    shutdownDrainMs: Math.round(e.SHUTDOWN_DRAIN_SECONDS * 1000),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    onionLocation: e.ONION_LOCATION,
    attachments: { maxFiles: e.ATTACHMENT_MAX_FILES, maxBytes: Math.round(e.ATTACHMENT_MAX_MB * 1024 * 1024) },
    rateLimits: { reportsPerAddress: e.REPORT_RATE_LIMIT, receiptAttemptsPerAddress: e.RECEIPT_RATE_LIMIT },
    rateLimitSecret: e.RATE_LIMIT_SECRET,
    escrowPublicKey: e.ESCROW_PUBLIC_KEY,
    audit: {
      signingKeyFile: path.resolve(e.AUDIT_SIGNING_KEY_FILE ?? `${path.resolve(e.DATA_DIR)}.audit-signing.key`),
      checkpointFile: path.resolve(e.AUDIT_CHECKPOINT_FILE ?? `${path.resolve(e.DATA_DIR)}.audit-checkpoints.jsonl`),
    },
    ...overrides,
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * A warning for the console when the server listens beyond this machine without what protects passwords
 * and session cookies on a network: HTTPS in front (a `BASE_URL` starting with https://) and `COOKIE_SECURE`.
 */
export function exposureWarning(config: Pick<Config, 'host' | 'cookieSecure' | 'baseUrl'>): string | undefined {
  if (isLoopback(config.host)) return undefined;
  const missing = [
    ...(config.baseUrl.startsWith('https://') ? [] : ['no HTTPS in front (BASE_URL is not https://)']),
    ...(config.cookieSecure ? [] : ['COOKIE_SECURE=false']),
  ];
  if (missing.length === 0) return undefined;
  return (
    `Warning: listening on ${config.host}, reachable from other machines, with ${missing.join(' and ')}: ` +
    'passwords and session cookies can cross the network in clear. Put an HTTPS reverse proxy in front and set ' +
    'BASE_URL to its https:// address with COOKIE_SECURE=true, or set HOST=127.0.0.1 to listen on this machine only.'
  );
}
