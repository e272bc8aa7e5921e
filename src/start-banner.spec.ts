import { loadConfig } from './config/load-config';
import { startBanner } from './start-banner';

describe(startBanner.name, () => {
  const config = loadConfig({ PUBLIC_BASE_URL: 'https://kattegat.kl.dk' }, '/srv/kattegat');

  it('says where staff sign in and where the API documentation is', () => {
    const banner = startBanner(config, true).join('\n');
    expect(banner).toContain('Sign in (staff console): https://kattegat.kl.dk/log-ind');
    expect(banner).toContain('API documentation:       https://kattegat.kl.dk/api/docs');
    expect(banner).not.toMatch(/no admin/i);
  });

  it('tells how to make the first admin only when there is none', () => {
    expect(startBanner(config, false).join('\n')).toContain('npm run cli -- create-admin <email>');
  });

  it('says whether the second factor is required', () => {
    expect(startBanner(config, true).join('\n')).toContain('optional (REQUIRE_2FA is off)');
    const production = loadConfig({ NODE_ENV: 'production' }, '/srv/kattegat');
    expect(startBanner(production, true).join('\n')).toContain('required for admins and planners');
  });
});
