import { EvaluationFigures } from '../src/statistics/evaluation-figures';
import { staffMenu } from '../src/web/staff-menu';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { invite, statisticsFixture, StatisticsFixture } from './factories/statistics.factory';
import { signedIn } from './helpers/console';
import { cellText, csvCells, tableCells } from './helpers/html-table';
import { csrfOf } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

type Agent = Awaited<ReturnType<typeof signedIn>>;

/** The page's table and the CSV its link gives: the same cells, in the same order. */
async function tableAndCsv(agent: Agent, path: string, id: string) {
  const page = await agent.get(path).expect(200);
  const table = tableCells(page.text, `tabel-${id}`);
  const link = new RegExp(`href="([^"]*tabel(?:=|&#x3D;)${id})"`).exec(page.text);
  if (!link) throw new Error(`No CSV link for ${id} on ${path}`);
  const href = cellText(link[1]);
  const csv = await agent.get(href);
  if (csv.status !== 200) throw new Error(`${href}: ${csv.status} ${cellText(csv.text).slice(-400)}`);
  expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
  return { page: page.text, table, csv: csvCells(csv.text), disposition: csv.headers['content-disposition'] };
}

describe('Statistics pages', () => {
  let t: TestApp;
  let f: StatisticsFixture;
  let kl: Agent;

  beforeAll(async () => {
    t = await startTestApp();
    f = await statisticsFixture(t.dataSource);
    // The earlier election: two newly elected in Odense, invited, nobody came.
    const before = await createCycle(t.dataSource, {
      code: 'KV21',
      name: 'Kommunalvalget 2021',
      electionDate: '2021-11-16',
      status: 'closed',
    });
    for (const m of await createMembers(t.dataSource, before.id, 2, { listLetter: 'A' }))
      await invite(t.dataSource, m);
    // A practice cycle newer than the real one, still being planned.
    await createCycle(t.dataSource, {
      code: 'OEVE29',
      name: 'Øvelse',
      electionDate: '2029-11-20',
      status: 'planning',
    });
    kl = await signedIn(t, 'kl');
  });
  afterAll(() => t.close());

  it('opens on the active cycle, not on the newest, with key figures that say what they count', async () => {
    const page = await kl.get('/statistik').expect(200);
    expect(page.text).toContain(`<h1>Statistik for ${f.cycle.code}`);
    expect(page.text).toContain(
      '<dt>Dækning</dt><dd>16,7 %</dd><dd class="stat-definition">deltog ÷ nyvalgte</dd>',
    );
    expect(page.text).not.toMatch(/published|Published/);
  });

  it('gives regions by coverage, the national total below, and a CSV of exactly the table', async () => {
    const { table, csv, disposition } = await tableAndCsv(kl, '/statistik', 'regioner');
    expect(table[0]).toEqual([
      'Region',
      'Nyvalgte',
      'Inviterede',
      'Meldt fra',
      'Tilmeldte',
      'På venteliste',
      'Deltog',
      'Udeblev',
      'Dækning (%)',
    ]);
    expect(table[1]).toEqual(['Region Syddanmark', '4', '4', '0', '3', '1', '1', '1', '25,0']);
    expect(table[2][0]).toBe('Region Midtjylland');
    expect(table[table.length - 1]).toEqual(['Hele landet', '6', '5', '0', '3', '1', '1', '1', '16,7']);
    expect(csv).toEqual(table);
    expect(disposition).toBe(`attachment; filename="statistik-${f.cycle.code}-regioner.csv"`);
  });

  it('draws coverage on an axis to just above the largest value, not 0–100 %', async () => {
    const page = await kl.get('/statistik/kommuner').expect(200);
    const ticks = [...page.text.matchAll(/<text x="[\d.]+%" y="14" text-anchor="\w+">([^<]*)<\/text>/g)].map(
      (m) => m[1],
    );
    expect(ticks).toEqual(['0 %', '5 %', '10 %', '15 %', '20 %', '25 %']);
    expect(page.text).toMatch(/<rect x="0%" y="2" width="100%" height="10" class="stat-bar stat-bar--0">/);
  });

  it('searches and sorts the municipalities, and the CSV follows both', async () => {
    const searched = await tableAndCsv(kl, '/statistik/kommuner?q=odense', 'kommuner');
    expect(searched.table.slice(1).map((r) => r[0])).toEqual(['Odense']);
    expect(searched.csv).toEqual(searched.table);

    const byRegion = await tableAndCsv(
      kl,
      '/statistik/kommuner?q=syddanmark&sortering=kommune&retning=op',
      'kommuner',
    );
    const names = byRegion.table.slice(1).map((r) => r[0]);
    expect(names).toHaveLength(22);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'da')));
    expect(byRegion.csv).toEqual(byRegion.table);
    expect(byRegion.page).toContain('aria-sort="ascending"');

    const all = await tableAndCsv(kl, '/statistik/kommuner', 'kommuner');
    expect(all.table).toHaveLength(99);
    expect(all.table.slice(1, 3).map((r) => [r[0], r[r.length - 1]])).toEqual([
      ['Odense', '25,0'],
      ['Aarhus', '0,0'],
    ]);
    expect(all.table[98][all.table[98].length - 1]).toBe('–');
  });

  it('counts the national parties by letter and the local lists together', async () => {
    const { table, csv } = await tableAndCsv(kl, '/statistik/partier', 'partier');
    const byName = new Map(table.slice(1).map((r) => [r[0], r]));
    expect(byName.get('Socialdemokratiet (A)')!.slice(1, 2)).toEqual(['3']);
    expect(byName.get('Lokallister')!.slice(1)).toEqual(['1', '1', '0', '1', '0', '0', '0', '0,0']);
    expect(csv).toEqual(table);
  });

  it('lists every seminar with its date, venue, fill, attendance and no-shows; the old list is gone', async () => {
    const { table, csv } = await tableAndCsv(kl, '/statistik/seminarer', 'seminarer');
    expect(table[0]).toEqual([
      'Seminar',
      'Dato',
      'Sted',
      'Status',
      'Pladser',
      'Besatte pladser',
      'Venteliste',
      'Fremmødte',
      'Udeblevne',
      'Belægning (%)',
    ]);
    expect(new Set(table.slice(1).map((r) => r[0])).size).toBe(3);
    const first = table.find((r) => r[0].startsWith('Kolding 1, '))!;
    expect(first.slice(4)).toEqual(['4', '3', '0', '2', '1', '75,0']);
    expect(first[0]).toMatch(/^Kolding 1, \d{1,2}\. [a-z]+\.? \d{4}$/);
    expect(csv).toEqual(table);
    const planner = await signedIn(t, 'planner');
    await planner.get('/seminarer').expect(404);
    await planner.get('/dashboard/seminarer').expect(301).expect('Location', '/statistik/seminarer');
  });

  it('shows registrations week by week and every cycle over time', async () => {
    const page = await kl.get('/statistik/over-tid').expect(200);
    const weeks = tableCells(page.text, 'tabel-uger');
    expect(weeks.slice(1)).toEqual([['5. jan. 2026', '4', '1', '1', '4']]);
    const cycles = tableCells(page.text, 'tabel-valgperioder');
    expect(cycles.slice(1).map((r) => r[0].split(' ')[0])).toEqual(['KV21', f.cycle.code, 'OEVE29']);
  });

  it('compares two cycles per region, municipality and party with the difference', async () => {
    const path = `/statistik/sammenlign?a=KV21&b=${f.cycle.code}`;
    const { page, table, csv, disposition } = await tableAndCsv(kl, path, 'regioner');
    expect(page).toContain(`<h1>KV21 sammenlignet med ${f.cycle.code}`);
    expect(table[0]).toEqual([
      'Region',
      'Nyvalgte KV21',
      'Deltog KV21',
      'Dækning KV21 (%)',
      `Nyvalgte ${f.cycle.code}`,
      `Deltog ${f.cycle.code}`,
      `Dækning ${f.cycle.code} (%)`,
      'Forskel (procentpoint)',
    ]);
    expect(table[1]).toEqual(['Region Syddanmark', '2', '0', '0,0', '4', '1', '25,0', '25,0']);
    expect(table[table.length - 1]).toEqual(['Hele landet', '2', '0', '0,0', '6', '1', '16,7', '16,7']);
    expect(csv).toEqual(table);
    expect(disposition).toBe(`attachment; filename="statistik-KV21-${f.cycle.code}-regioner.csv"`);
    const municipalities = tableCells(page, 'tabel-kommuner');
    expect(municipalities[1].slice(0, 1)).toEqual(['Odense']);
    expect(
      tableCells(page, 'tabel-partier')
        .slice(1)
        .map((r) => r[0]),
    ).toContain('Lokallister');
    // Without a choice: the shown cycle against the one elected before it.
    expect((await kl.get('/statistik/sammenlign').expect(200)).text).toContain(
      `<h1>KV21 sammenlignet med ${f.cycle.code}`,
    );
  });

  it('shows evaluation results with NPS on its own scale, and counts only for a small seminar', async () => {
    expect((await kl.get('/statistik/evaluering').expect(200)).text).toContain('Der er intet at vise endnu.');
    const question = (n: number) => ({
      invited: 10,
      responses: n,
      responseRate: n / 10,
      suppressed: n < 5,
      questions:
        n < 5
          ? [{ id: 'recommend', type: 'nps' as const, text: 'Vil du anbefale forløbet?', answered: n }]
          : [
              {
                id: 'recommend',
                type: 'nps' as const,
                text: 'Vil du anbefale forløbet?',
                answered: n,
                mean: 7.5,
                nps: -12.5,
                distribution: {
                  '0': 1,
                  '1': 0,
                  '2': 0,
                  '3': 0,
                  '4': 0,
                  '5': 1,
                  '6': 1,
                  '7': 1,
                  '8': 2,
                  '9': 1,
                  '10': 1,
                },
              },
            ],
    });
    const spy = jest.spyOn(t.app.get(EvaluationFigures), 'forCycle').mockResolvedValue({
      overall: question(8),
      seminars: [
        { seminarId: f.seminars[0].id, title: 'Kolding 1', result: question(8) },
        { seminarId: f.seminars[1].id, title: 'Kolding 2', result: question(3) },
      ],
    });
    try {
      const page = await kl.get('/statistik/evaluering').expect(200);
      const seminars = tableCells(page.text, 'tabel-evaluering-seminarer');
      expect(seminars.slice(1).map((r) => r.slice(1))).toEqual([
        ['10', '8', '80,0', '-12,5'],
        ['10', '3', '30,0', 'skjult'],
      ]);
      const ticks = [...page.text.matchAll(/text-anchor="\w+">([^<]*)<\/text>/g)]
        .slice(0, 5)
        .map((m) => m[1]);
      expect(ticks).toEqual(['-100', '-50', '0', '50', '100']);
      const distribution = tableCells(page.text, 'tabel-spoergsmaal-1');
      expect(distribution[1]).toEqual(['0', '1', '12,5']);
      const csv = await kl.get('/statistik/evaluering?format=csv&tabel=evaluering-seminarer').expect(200);
      expect(csvCells(csv.text)).toEqual(seminars);
    } finally {
      spy.mockRestore();
    }
  });

  it("keeps the statistics from a municipality's contact", async () => {
    const municipality = await signedIn(t, 'municipality');
    await municipality.get('/statistik').expect(403);
    await municipality.get('/statistik/kommuner?format=csv&tabel=kommuner').expect(403);
  });

  it('refuses KL every planner section of the menu (403) and every form post', async () => {
    const planners = staffMenu('planner', '/')
      .map((s) => s.href)
      .filter((href) => href !== '/statistik');
    expect(planners.length).toBeGreaterThan(3);
    for (const href of planners) {
      const res = await kl.get(href);
      // The menu's "Seminarer" is lane plan's /seminarer/:id area; the old list under it has moved.
      expect([href, res.status]).toEqual([href, href === '/seminarer' ? 404 : 403]);
    }
    const page = await kl.get('/statistik').expect(200);
    const csrf = csrfOf(page.text);
    const router = t.app.getHttpAdapter().getInstance().router as {
      stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }>;
    };
    // Signing in and out, choosing the cycle, their own second factor; member and survey links are no staff pages.
    const allowed =
      /^\/(log-ind|log-ud|valgperioder\/vaelg|totrinsbekraeftelse|p\/|evaluering\/:)|^\/api\/auth\//;
    const posts = router.stack
      .filter((l) => l.route?.methods.post && !allowed.test(l.route.path) && !l.route.path.includes('*'))
      .map((l) => l.route!.path.replace(/:\w+/g, String(f.cycle.id)));
    expect(posts.length).toBeGreaterThan(10);
    const bearer = await t.tokenFor('kl');
    for (const path of posts) {
      const res = path.startsWith('/api/')
        ? await t.http().post(path).auth(bearer, { type: 'bearer' }).send({})
        : await kl.post(path).type('form').send(csrf);
      expect([path, res.status]).toEqual([path, 403]);
    }
  });
});
