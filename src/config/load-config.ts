import { isIP } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { AppConfig, BounceConfig, LogLevel, TrustProxy } from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Builds the configuration from environment variables. Pure: it reads only `env` (and whether
 * the output goes to a terminal) and reports every bad variable at once, by name, so a failed
 * start says what to fix.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  cwd: string,
  stdoutIsTerminal = false,
): AppConfig {
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

  const metricsToken = value('METRICS_TOKEN');
  if (metricsToken !== undefined && !/^[\x21-\x7e]{24,}$/.test(metricsToken)) {
    problems.push('METRICS_TOKEN must be at least 24 printable characters without spaces');
  }

  const trustProxy = parseTrustProxy(value('TRUST_PROXY'), problems);

  const mailReplyTo = value('MAIL_REPLY_TO');
  if (mailReplyTo !== undefined && !EMAIL.test(mailReplyTo.replace(/^.*<(.*)>$/, '$1'))) {
    problems.push('MAIL_REPLY_TO is not an e-mail address');
  }
  const secretariatEmail = value('SECRETARIAT_EMAIL');
  if (secretariatEmail !== undefined && !EMAIL.test(secretariatEmail)) {
    problems.push('SECRETARIAT_EMAIL is not an e-mail address');
  }
  const secretariatPhone = value('SECRETARIAT_PHONE');
  if (secretariatPhone !== undefined && !/^\+?[0-9 ]{8,20}$/.test(secretariatPhone)) {
    problems.push('SECRETARIAT_PHONE must be digits and spaces, e.g. "+45 33 70 33 70"');
  }
  const mailFrom = value('MAIL_FROM');
  const realSender = mailFrom !== undefined && !/@localhost>?\s*$/i.test(mailFrom);
  const reminderDaysRaw = value('REMINDER_DAYS') ?? '14,2';
  const reminderDays = reminderDaysRaw.split(',').map((d) => Number(d.trim()));
  if (reminderDays.some((d) => !Number.isInteger(d) || d < 0 || d > 365)) {
    problems.push(
      `REMINDER_DAYS must be whole numbers of days from 0 to 365, separated by commas (got "${reminderDaysRaw}")`,
    );
  }

  const bounces = bounceConfig(value, integer, problems);

  const logLevel = (value('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const nodeEnv = value('NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push('NODE_ENV must be development, production or test');
  }

  const flag = (name: string, fallback: boolean): boolean => {
    const raw = value(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'on', 'yes'].includes(raw)) return true;
    if (['false', '0', 'off', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const logFormat = value('LOG_FORMAT') ?? (stdoutIsTerminal ? 'pretty' : 'json');
  if (logFormat !== 'pretty' && logFormat !== 'json') problems.push('LOG_FORMAT must be pretty or json');

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
    mailFrom: mailFrom ?? 'Kattegat <kattegat@localhost>',
    mail: {
      replyTo: mailReplyTo,
      repliesReachSomeone: mailReplyTo !== undefined || realSender,
      smtpMaxConnections: integer('SMTP_MAX_CONNECTIONS', 5, 1, 100),
      smtpRatePerSecond: integer('SMTP_RATE_PER_SECOND', 0, 0, 100000),
      // The tests start many apps; each test that wants the background dispatcher asks for it.
      dispatchIntervalMs: integer('DISPATCH_INTERVAL_MS', nodeEnv === 'test' ? 0 : 5000, 0, 24 * 3600 * 1000),
      dispatchBatchSize: integer('DISPATCH_BATCH_SIZE', 50, 1, 1000),
      dispatchLeaseMs: integer('DISPATCH_LEASE_MS', 10 * 60 * 1000, 100, 24 * 3600 * 1000),
      retryBaseMs: integer('MAIL_RETRY_BASE_MS', 30 * 1000, 1, 24 * 3600 * 1000),
      maxAttempts: integer('MAIL_MAX_ATTEMPTS', 8, 1, 100),
      reminderDays: [...new Set(reminderDays)].sort((a, b) => b - a),
    },
    bounces,
    initialAdmin:
      adminEmail && adminPassword ? { email: adminEmail.toLowerCase(), password: adminPassword } : undefined,
    authSecret,
    accessTokenTtlSeconds: integer('ACCESS_TOKEN_TTL_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
    require2fa: flag('REQUIRE_2FA', nodeEnv === 'production'),
    logFormat: logFormat === 'pretty' ? 'pretty' : 'json',
    allocationInlineLimit: integer('ALLOCATION_INLINE_LIMIT', 500, 0, 1_000_000),
    allocationTimeLimitSeconds: integer('ALLOCATION_TIME_LIMIT_SECONDS', 300, 1, 24 * 3600),
    // Well below the 30 s after which a proposal without a heartbeat counts as cut off.
    allocationHeartbeatMs: integer('ALLOCATION_HEARTBEAT_MS', 2000, 10, 10_000),
    allocationWorkerMemoryMb: integer('ALLOCATION_WORKER_MEMORY_MB', 0, 0, 1_000_000),
    logLevel,
    // As with the dispatcher: a test that wants a sweep in the background asks for it.
    evaluationSweepMinutes: integer('EVALUATION_SWEEP_MINUTES', nodeEnv === 'test' ? 0 : 60, 0, 24 * 60),
    reminderSweepMinutes: integer('REMINDER_SWEEP_MINUTES', nodeEnv === 'test' ? 0 : 60, 0, 24 * 60),
    invitationReminderSweepMinutes: integer(
      'INVITATION_REMINDER_SWEEP_MINUTES',
      nodeEnv === 'test' ? 0 : 60,
      0,
      24 * 60,
    ),
    materialsSweepMinutes: integer('MATERIALS_SWEEP_MINUTES', nodeEnv === 'test' ? 0 : 60, 0, 24 * 60),
    materialMaxBytes: integer('MATERIAL_MAX_BYTES', 20 * 1024 * 1024, 1, 1024 * 1024 * 1024),
    metricsToken,
    trustProxy,
    jobLeaseMs: integer('JOB_LEASE_MS', 60 * 1000, 100, 24 * 3600 * 1000),
    jobTakeoverMs: integer('JOB_TAKEOVER_MS', nodeEnv === 'test' ? 0 : 30 * 1000, 0, 24 * 3600 * 1000),
    secretariat: {
      email: secretariatEmail ?? mailReplyTo?.replace(/^.*<(.*)>$/, '$1') ?? null,
      phone: secretariatPhone ?? null,
    },
    warnings:
      nodeEnv === 'production' && !realSender
        ? [
            'MAIL_FROM is not set to a real address: e-mails go out from kattegat@localhost, and no one can answer them',
          ]
        : [],
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** BOUNCE_DOMAIN with BOUNCE_SECRET; the listener needs both. */
function bounceConfig(
  value: (name: string) => string | undefined,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): BounceConfig {
  const domain = value('BOUNCE_DOMAIN')?.toLowerCase();
  const secret = value('BOUNCE_SECRET');
  const port = value('BOUNCE_SMTP_PORT') === undefined ? undefined : integer('BOUNCE_SMTP_PORT', 0, 0, 65535);
  if (
    domain !== undefined &&
    !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain)
  ) {
    problems.push(`BOUNCE_DOMAIN must be a domain name such as retur.kattegat.dk (got "${domain}")`);
  }
  if ((domain === undefined) !== (secret === undefined)) {
    problems.push('BOUNCE_DOMAIN and BOUNCE_SECRET must be set together');
  }
  if (secret !== undefined && secret.length < 32)
    problems.push('BOUNCE_SECRET must be at least 32 characters');
  if (port !== undefined && domain === undefined) {
    problems.push('BOUNCE_SMTP_PORT needs BOUNCE_DOMAIN and BOUNCE_SECRET');
  }
  return { domain, secret, smtpPort: port, smtpHost: value('BOUNCE_SMTP_HOST') ?? '0.0.0.0' };
}

/** Names Express's proxy-addr understands besides addresses and subnets. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: unset or `false`, a hop count, or proxies by address, subnet or name. Not `true`:
 * trusting every hop lets any client name itself in X-Forwarded-For and slip past the limiters.
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  if (raw === undefined || raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw) === 0 ? false : Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  const valid = (entry: string) => {
    if (PROXY_NAMES.has(entry)) return true;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  };
  const bad = entries.filter((entry) => !valid(entry));
  if (bad.length > 0) {
    problems.push(
      `TRUST_PROXY must be a number of proxies, or proxy addresses, subnets or loopback/linklocal/uniquelocal separated by commas (not understood: "${bad.join('", "')}")`,
    );
    return false;
  }
  return entries;
}
