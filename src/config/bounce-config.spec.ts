import { loadConfig } from './load-config';

describe('loadConfig (bounces)', () => {
  const load = (env: Record<string, string>) => loadConfig(env, '/srv/kattegat');
  const secret = 'en-hemmelighed-der-er-mindst-32-tegn-lang';

  it('sends without VERP and listens for nothing unless told', () => {
    expect(load({}).bounces).toEqual({
      domain: undefined,
      secret: undefined,
      smtpPort: undefined,
      smtpHost: '0.0.0.0',
    });
  });

  it('takes the domain, the secret and the port together', () => {
    expect(
      load({ BOUNCE_DOMAIN: 'Retur.Kattegat.dk', BOUNCE_SECRET: secret, BOUNCE_SMTP_PORT: '2525' }).bounces,
    ).toEqual({ domain: 'retur.kattegat.dk', secret, smtpPort: 2525, smtpHost: '0.0.0.0' });
  });

  it('names what is wrong', () => {
    expect(() => load({ BOUNCE_DOMAIN: 'retur.kattegat.dk' })).toThrow(
      /BOUNCE_DOMAIN and BOUNCE_SECRET must be set together/,
    );
    expect(() => load({ BOUNCE_DOMAIN: 'ikke et domæne', BOUNCE_SECRET: secret })).toThrow(
      /BOUNCE_DOMAIN must be a domain name/,
    );
    expect(() => load({ BOUNCE_DOMAIN: 'retur.kattegat.dk', BOUNCE_SECRET: 'kort' })).toThrow(
      /BOUNCE_SECRET must be at least 32 characters/,
    );
    expect(() => load({ BOUNCE_SMTP_PORT: '2525' })).toThrow(
      /BOUNCE_SMTP_PORT needs BOUNCE_DOMAIN and BOUNCE_SECRET/,
    );
    expect(() =>
      load({ BOUNCE_DOMAIN: 'retur.kattegat.dk', BOUNCE_SECRET: secret, BOUNCE_SMTP_PORT: '99999' }),
    ).toThrow(/BOUNCE_SMTP_PORT must be a whole number from 0 to 65535/);
  });
});
