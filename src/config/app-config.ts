export type DatabaseConfig = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The one typed configuration object of the application, built from the environment at start. */
export interface AppConfig {
  production: boolean;
  port: number;
  publicBaseUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  smtpUrl: string | undefined;
  mailDir: string;
  mailFrom: string;
  mail: MailConfig;
  initialAdmin: { email: string; password: string } | undefined;
  authSecret: string | undefined;
  accessTokenTtlSeconds: number;
  /** Allocation proposals for more members than this are solved in the background (202). */
  allocationInlineLimit: number;
  /** The most a proposal's integer program may take; then the best proposal found is kept with its gap. */
  allocationTimeLimitSeconds: number;
  logLevel: LogLevel;
  /** Minutes between evaluation sweeps in the server; 0 means off. */
  evaluationSweepMinutes: number;
  /** Largest material file a planner may upload. */
  materialMaxBytes: number;
  /** The bearer token a Prometheus scraper sends to /metrics; unset means /metrics answers 404. */
  metricsToken: string | undefined;
}

/** Sending: transport pool, outbox dispatcher and retry policy. */
export interface MailConfig {
  replyTo: string | undefined;
  smtpMaxConnections: number;
  /** Messages per second over the whole pool; 0 means no limit. */
  smtpRatePerSecond: number;
  /** How often the app's dispatcher looks for due messages; 0 switches it off. */
  dispatchIntervalMs: number;
  dispatchBatchSize: number;
  /** How long a claimed batch belongs to one dispatcher before another may take it over. */
  dispatchLeaseMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  /** Days before a seminar when reminders go out, e.g. [14, 2]. */
  reminderDays: number[];
}

export const APP_CONFIG = Symbol('APP_CONFIG');
