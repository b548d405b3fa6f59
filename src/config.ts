/** Typed configuration, read once from the environment; the only module that touches process.env. */
import path from 'node:path';
import { z } from 'zod';

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_000_000),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(600),
  IDLE_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(75),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  RUN_JOBS: z.enum(['true', 'false']).default('true'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Integrity Bureau <no-reply@localhost>'),
  ONION_LOCATION: z.string().url().optional(),
  ATTACHMENT_MAX_FILES: z.coerce.number().int().min(0).max(50).default(10),
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(1024).default(25),
  REPORT_RATE_LIMIT: z.coerce.number().int().positive().default(60),
  RECEIPT_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  ESCROW_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'an X25519 public key: 32 bytes in base64')
    .optional(),
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
  /** Public origin, used for OIDC redirects; defaults to http://localhost:PORT. */
  baseUrl: string;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  cookieSecure: boolean;
  trustProxy: boolean;
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
  /** SMTP server for notifications (smtp://user:pass@host:port); absent means mail is not sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The reporting point's .onion address, announced in an Onion-Location header. */
  onionLocation: string | undefined;
  attachments: { maxFiles: number; maxBytes: number };
  /** Per network address, in memory: reports per 10 minutes, and receipt sign-in attempts per minute. */
  rateLimits: { reportsPerAddress: number; receiptAttemptsPerAddress: number };
  /** The operator's escrow public key (X25519, base64): every new case key is also sealed to it. */
  escrowPublicKey: string | undefined;
}

export type ConfigOverrides = Partial<Config>;

export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: ConfigOverrides = {}): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const oidc =
    e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
      ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET }
      : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY === 'true',
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    timeouts: { requestMs: Math.round(e.REQUEST_TIMEOUT_SECONDS * 1000), idleMs: Math.round(e.IDLE_TIMEOUT_SECONDS * 1000) },
    oidc,
    runJobs: e.RUN_JOBS === 'true',
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    onionLocation: e.ONION_LOCATION,
    attachments: { maxFiles: e.ATTACHMENT_MAX_FILES, maxBytes: Math.round(e.ATTACHMENT_MAX_MB * 1024 * 1024) },
    rateLimits: { reportsPerAddress: e.REPORT_RATE_LIMIT, receiptAttemptsPerAddress: e.RECEIPT_RATE_LIMIT },
    escrowPublicKey: e.ESCROW_PUBLIC_KEY,
    ...overrides,
  };
}
