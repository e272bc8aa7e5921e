import { isAbsolute, join } from 'node:path';
import { AppConfig, LogLevel } from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Builds the configuration from environment variables. Pure: it reads only `env` and
 * reports every bad variable at once, by name, so a failed start says what to fix.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string): AppConfig {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };

  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(
          `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${parsed.protocol}//…")`,
        );
      }
      return raw;
    } catch {
      problems.push(`${name} is not a valid URL`);
      return undefined;
    }
  };

  const resolvePath = (p: string) => (isAbsolute(p) || p === ':memory:' ? p : join(cwd, p));

  const port = integer('PORT', 3000, 1, 65535);
  const publicBaseUrl = (url('PUBLIC_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(
    /\/+$/,
    '',
  );
  const dataDir = resolvePath(value('DATA_DIR') ?? 'data');
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const smtpUrl = url('SMTP_URL', ['smtp:', 'smtps:']);

  const adminEmail = value('ADMIN_EMAIL');
  const adminPassword = value('ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminEmail !== undefined && !EMAIL.test(adminEmail))
    problems.push('ADMIN_EMAIL is not an e-mail address');
  if (adminPassword !== undefined && adminPassword.length < 12) {
    problems.push('ADMIN_PASSWORD must be at least 12 characters');
  }

  const authSecret = value('AUTH_SECRET');
  if (authSecret !== undefined && authSecret.length < 32)
    problems.push('AUTH_SECRET must be at least 32 characters');

  const logLevel = (value('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const nodeEnv = value('NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push('NODE_ENV must be development, production or test');
  }

  const config: AppConfig = {
    production: nodeEnv === 'production',
    port,
    publicBaseUrl,
    dataDir,
    database: databaseUrl
      ? { engine: 'postgres', url: databaseUrl }
      : { engine: 'sqlite', path: resolvePath(value('SQLITE_PATH') ?? join(dataDir, 'kattegat.sqlite')) },
    smtpUrl,
    mailDir: resolvePath(value('MAIL_DIR') ?? 'var/mail'),
    mailFrom: value('MAIL_FROM') ?? 'Kattegat <kattegat@localhost>',
    initialAdmin:
      adminEmail && adminPassword ? { email: adminEmail.toLowerCase(), password: adminPassword } : undefined,
    authSecret,
    accessTokenTtlSeconds: integer('ACCESS_TOKEN_TTL_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
    logLevel,
    evaluationSweepMinutes: integer('EVALUATION_SWEEP_MINUTES', nodeEnv === 'test' ? 0 : 60, 0, 24 * 60),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
