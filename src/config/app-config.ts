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
  bounces: BounceConfig;
  /** Where a member turns for a new link or help; shown on the member's error pages. */
  secretariat: { email: string | null; phone: string | null };
  /** Things to say at start that do not stop it (e.g. production without a real sender). */
  warnings: string[];
  initialAdmin: { email: string; password: string } | undefined;
  authSecret: string | undefined;
  /** How long a staff sign-in (console cookie or API bearer token) lasts at most. */
  accessTokenTtlSeconds: number;
  /** Admins and planners must pass a second factor (TOTP) to sign in. */
  require2fa: boolean;
  /** Log lines for a person on a terminal, or JSON lines for a collector. */
  logFormat: 'pretty' | 'json';
  /** Allocation proposals for more members than this are solved in the background (202). */
  allocationInlineLimit: number;
  /** The most a proposal's integer program may take; then the best proposal found is kept with its gap. */
  allocationTimeLimitSeconds: number;
  /** How often a solving proposal writes its heartbeat and progress. */
  allocationHeartbeatMs: number;
  /** The most heap a solve's worker thread may use before it is stopped; 0: Node's own limit. */
  allocationWorkerMemoryMb: number;
  logLevel: LogLevel;
  /** Minutes between evaluation sweeps (requests, reminders, held answers filed); 0 means off. */
  evaluationSweepMinutes: number;
  /** Minutes between the sweeps that write seminar reminders; 0 means off. */
  reminderSweepMinutes: number;
  /** How often the server writes the invitation reminders that are due; 0 leaves it off. */
  invitationReminderSweepMinutes: number;
  /** Minutes between the sweeps that announce materials that became available; 0 means off. */
  materialsSweepMinutes: number;
  /** Largest material file a planner may upload. */
  materialMaxBytes: number;
  /** The bearer token a Prometheus scraper sends to /metrics; unset means /metrics answers 404. */
  metricsToken: string | undefined;
  /**
   * Express's `trust proxy`: false (the default) takes the TCP peer as the client; a hop count or
   * a list of proxy addresses lets X-Forwarded-For name the real client.
   */
  trustProxy: TrustProxy;
  /** How long a running background job belongs to one instance before another may take it over. */
  jobLeaseMs: number;
  /** How often the server looks for invitation jobs an instance left behind; 0 leaves it off. */
  jobTakeoverMs: number;
}

export type TrustProxy = false | number | string[];

/** Sending: transport pool, outbox dispatcher and retry policy. */
export interface MailConfig {
  replyTo: string | undefined;
  /** Whether an answer to an e-mail reaches someone (a Reply-To, or a real MAIL_FROM): the footer says "svar" only then. */
  repliesReachSomeone: boolean;
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

/**
 * Bounces: each message leaves with its own return path `bounce+<id>.<mac>@<domain>` (VERP) when
 * a domain is set; the listener takes the delivery status notifications sent there.
 */
export interface BounceConfig {
  /** The domain whose MX points at the bounce listener (or a relay); unset means no VERP. */
  domain: string | undefined;
  /** Signs the return paths, so only addresses the app made are accepted. */
  secret: string | undefined;
  /** Port of the inbound SMTP listener; unset means it is off, 0 any free port (tests). */
  smtpPort: number | undefined;
  smtpHost: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
