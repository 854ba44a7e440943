// Configuration, read once from the environment. A bad value stops the process with a message that
// names the variable, so a typo never turns into a surprising default.
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RAPPORT_ADMIN_EMAIL: z.string().email().optional(),
  RAPPORT_ADMIN_PASSWORD: z.string().min(8).optional(),
  RAPPORT_DEMO: bool.default(false),
  RAPPORT_WORKERS: bool.default(true),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(60 * 12),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 14),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(512 * 1024 * 1024),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Rapport <no-reply@localhost>'),
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().default('127.0.0.1'),
  WEB_DIST: z.string().optional(),
  /** Let webhooks reach loopback and private networks (on-premise receivers); off by default. */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.default(false),
});

export type Config = z.infer<typeof schema> & { dataDir: string; webDist: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset": shells and .env files often export VAR= by accident.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (Boolean(c.RAPPORT_ADMIN_EMAIL) !== Boolean(c.RAPPORT_ADMIN_PASSWORD)) {
    throw new ConfigError(
      'Invalid configuration:\n  RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD must be set together',
    );
  }
  return {
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    webDist: path.resolve(c.WEB_DIST ?? new URL('../../../web/dist', import.meta.url).pathname),
  };
}
