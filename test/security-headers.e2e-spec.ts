import { startTestApp, TestApp } from './helpers/test-app';

/** The CSP directives of a response, by name. */
function directives(csp: string | undefined): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0], d] as [string, string]),
  );
}

describe('Security headers by deployment', () => {
  describe.each([
    ['a plain-http staging address', 'http://kattegat-test.kl.local:8080', false],
    ['an https deployment', 'https://kattegat.kl.dk', true],
  ])('on %s', (_, publicBaseUrl, https) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ PUBLIC_BASE_URL: publicBaseUrl });
    });
    afterAll(() => t.close());

    it.each(['/health', '/log-ind'])(
      `${https ? 'sends' : 'leaves out'} upgrade-insecure-requests and HSTS on %s`,
      async (path) => {
        const res = await t.http().get(path).expect(200);
        const csp = directives(res.headers['content-security-policy']);
        // The rest of the policy is the same either way.
        expect(csp.get('default-src')).toBe("default-src 'self'");
        expect(csp.get('style-src')).toBe("style-src 'self' 'unsafe-inline'");
        expect(csp.has('upgrade-insecure-requests')).toBe(https);
        if (https) {
          expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
        } else {
          expect(res.headers['strict-transport-security']).toBeUndefined();
        }
      },
    );
  });
});
