import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(60_000);

/** The design system and htmx come from the app itself, so pages need no CDN under a 'self' CSP. */
describe('Vendor assets', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the DKFDS stylesheet, its fonts and icons, and htmx', async () => {
    const css = await t.http().get('/assets/dkfds/css/dkfds.min.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    const font = css.text.match(/url\("?\.\.\/(fonts\/[^")]+\.woff)"?\)/)?.[1];
    expect(font).toBeDefined();
    await t.http().get(`/assets/dkfds/${font}`).expect(200);
    const icons = await t.http().get('/assets/dkfds/img/all-svg-icons.svg').expect(200);
    expect(icons.headers['content-type']).toMatch(/svg/);
    const htmx = await t.http().get('/assets/htmx/htmx.min.js').expect(200);
    expect(htmx.headers['content-type']).toMatch(/javascript/);
    expect(htmx.text).toContain('htmx');
  });

  it('answers 404 for a file that is not there and does not walk out of the package', async () => {
    await t.http().get('/assets/dkfds/css/nothing.css').expect(404);
    await t
      .http()
      .get('/assets/dkfds/..%2f..%2fpackage.json')
      .expect((res) => {
        expect([400, 403, 404]).toContain(res.status);
      });
  });
});
