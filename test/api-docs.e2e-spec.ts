import { startTestApp, TestApp } from './helpers/test-app';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

describe('The API documentation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives every operation a summary', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({
          name: `${method.toUpperCase()} ${path}`,
          summary: operation.summary,
        })),
    );
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.filter((o) => !o.summary?.trim()).map((o) => o.name)).toEqual([]);
    // A summary is a short sentence, not the route again.
    expect(operations.filter((o) => o.summary!.length > 90).map((o) => o.name)).toEqual([]);
  });

  it('leaves the HTML pages out', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    expect(
      Object.keys(doc.paths).filter((p) => !p.startsWith('/api/') && p !== '/health' && p !== '/metrics'),
    ).toEqual([]);
  });
});
