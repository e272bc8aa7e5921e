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
  initialAdmin: { email: string; password: string } | undefined;
  authSecret: string | undefined;
  accessTokenTtlSeconds: number;
  logLevel: LogLevel;
  /** Minutes between evaluation sweeps in the server; 0 means off. */
  evaluationSweepMinutes: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
