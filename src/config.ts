// Environment → typed config. The only module that reads process.env; every problem is listed at once.
import path from 'node:path';
import { z } from 'zod';
import { UserFacingError } from './errors.ts';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const envSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  STEMME_DATA_DIR: z.string().min(1).default('./data'),
  STEMME_SECRET_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9+/=_-]{43,}$|^[0-9a-fA-F]{64}$/, 'must be 32 bytes as base64 or 64 hex characters')
      .optional(),
  ),
  STEMME_PUBLIC_URL: optionalString.pipe(
    z.url('must be a URL such as https://stemme.example.org').optional(),
  ),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty'], { message: 'must be auto, json or pretty' }).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STEMME_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  STEMME_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0', ''], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  STEMME_ALLOW_PRIVATE_NETWORKS: z
    .enum(['true', 'false', '1', '0', ''], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  STEMME_SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
  ),
  STEMME_MAIL_FROM: optionalString,
  NODE_ENV: z.string().optional(),
});

const SECRET_VARS = new Set(['DATABASE_URL', 'STEMME_SECRET_KEY', 'STEMME_SMTP_URL']);

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secretKey: string | undefined;
  publicUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  logFormat: z.infer<typeof envSchema>['LOG_FORMAT'];
  workerConcurrency: number;
  /** Believe X-Forwarded-For (behind a reverse proxy); off by default, or anyone could dodge the login rate limit. */
  trustProxy: boolean;
  /** Cookies get the Secure flag when the public URL is https. */
  secureCookies: boolean;
  /**
   * Lets user-given server addresses (a Mastodon instance) be private or loopback: an intranet instance, or
   * tests against local servers. Off by default (SSRF guard); cloud metadata addresses stay refused.
   */
  allowPrivateNetworks: boolean;
  /** Where alert emails go out (smtp://user:pass@host:port); without it alerts are not emailed. */
  smtpUrl?: string | undefined;
  /** The From of alert emails. */
  mailFrom?: string | undefined;
}

export class ConfigError extends UserFacingError {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        // Never echo values that may carry credentials.
        const shown = SECRET_VARS.has(name) ? '' : ` (got ${JSON.stringify(env[name])})`;
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.STEMME_DATA_DIR),
    secretKey: e.STEMME_SECRET_KEY,
    publicUrl: e.STEMME_PUBLIC_URL?.replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    workerConcurrency: e.STEMME_WORKER_CONCURRENCY,
    trustProxy: e.STEMME_TRUST_PROXY,
    secureCookies: e.STEMME_PUBLIC_URL?.startsWith('https://') ?? false,
    allowPrivateNetworks: e.STEMME_ALLOW_PRIVATE_NETWORKS,
    smtpUrl: e.STEMME_SMTP_URL,
    mailFrom: e.STEMME_MAIL_FROM,
  };
}
