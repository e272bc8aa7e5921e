import { AppConfig } from './config/app-config';

/** What an operator needs to know once the server answers: where to sign in, and what is missing. */
export function startBanner(config: AppConfig, hasAdmin: boolean): string[] {
  const where = config.database.engine === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL';
  return [
    `Kattegat is running at ${config.publicBaseUrl} (database: ${where})`,
    `  Sign in (staff console): ${config.publicBaseUrl}/log-ind`,
    `  API documentation:       ${config.publicBaseUrl}/api/docs`,
    `  Second factor:           ${config.require2fa ? 'required for admins and planners' : 'optional (REQUIRE_2FA is off)'}`,
    ...(hasAdmin
      ? []
      : ['  No admin account yet. Create the first one with: npm run cli -- create-admin <email>']),
  ];
}
