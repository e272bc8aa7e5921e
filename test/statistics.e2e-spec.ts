import { createCycle, createMembers } from './factories/cycle-members.factory';
import { seat, statisticsFixture, StatisticsFixture } from './factories/statistics.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { StaffService } from '../src/auth/staff.service';
import { startTestApp, TestApp } from './helpers/test-app';

const zero = {
  newlyElected: 0,
  invited: 0,
  declined: 0,
  registered: 0,
  waitlisted: 0,
  attended: 0,
  noShows: 0,
  coverage: null,
};

async function municipalityToken(t: TestApp): Promise<string> {
  const account = { email: 'sekretariat@odense.test', password: 'et-rigtig-langt-kodeord' };
  await t.app
    .get(StaffService)
    .create({ ...account, name: 'Odense', role: 'municipality', municipalityCode: 461 });
  const res = await t.http().post('/api/auth/login').send(account).expect(200);
  return res.body.accessToken as string;
}

/** Parses our CSV (no quoted cells in these figures): rows of cells, BOM and final CRLF checked. */
function csvRows(body: string): string[][] {
  expect(body.startsWith('\uFEFF')).toBe(true);
  expect(body.endsWith('\r\n')).toBe(true);
  return body
    .slice(1, -2)
    .split('\r\n')
    .map((line) => line.split(';'));
}

describe('Statistics API', () => {
  let t: TestApp;
  let kl: string;
  let f: StatisticsFixture;
  const url = (what: string) => `/api/cycles/${f.cycle.id}/statistics/${what}`;

  beforeAll(async () => {
    t = await startTestApp();
    kl = await t.tokenFor('kl');
    f = await statisticsFixture(t.dataSource);
  });
  afterAll(() => t.close());

  it('summary: the newly elected counted once each, erased members included, re-elected left out', async () => {
    const res = await t.http().get(url('summary')).auth(kl, { type: 'bearer' }).expect(200);
    expect(res.body).toEqual({
      cycle: { id: f.cycle.id, code: f.cycle.code, name: f.cycle.name },
      totals: {
        newlyElected: 6,
        invited: 5,
        declined: 0,
        registered: 3,
        waitlisted: 1,
        attended: 1,
        noShows: 1,
        coverage: 0.1667,
      },
      seminars: {
        count: 3,
        capacity: 30,
        registered: 4,
        waitlisted: 1,
        attended: 2,
        noShows: 1,
        fillRate: 0.1333,
      },
      evaluation: null,
    });
  });

  it('municipalities: all 98, one without newly elected (null coverage) and one without attendance (0)', async () => {
    const res = await t.http().get(url('municipalities')).auth(kl, { type: 'bearer' }).expect(200);
    expect(res.body.items).toHaveLength(98);
    const byCode = new Map(res.body.items.map((m: { municipalityCode: number }) => [m.municipalityCode, m]));
    expect(byCode.get(461)).toEqual({
      municipalityCode: 461,
      name: 'Odense',
      regionCode: 1083,
      newlyElected: 4,
      invited: 4,
      declined: 0,
      registered: 3,
      waitlisted: 1,
      attended: 1,
      noShows: 1,
      coverage: 0.25,
    });
    expect(byCode.get(751)).toEqual({
      municipalityCode: 751,
      name: 'Aarhus',
      regionCode: 1082,
      ...zero,
      newlyElected: 2,
      invited: 1,
      coverage: 0,
    });
    expect(byCode.get(101)).toEqual({ municipalityCode: 101, name: 'København', regionCode: 1084, ...zero });
  });

  it('municipalities as CSV: BOM, semicolons, CRLF, decimal comma, empty coverage where nobody was elected', async () => {
    const res = await t
      .http()
      .get(url('municipalities'))
      .query({ format: 'csv' })
      .auth(kl, { type: 'bearer' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="statistik-${f.cycle.code}-kommuner.csv"`,
    );
    const rows = csvRows(res.text);
    expect(rows[0]).toEqual([
      'Kommunekode',
      'Kommune',
      'Nyvalgte',
      'Inviterede',
      'Meldt fra',
      'Tilmeldte',
      'På venteliste',
      'Deltog',
      'Udeblev',
      'Dækning (%)',
    ]);
    expect(rows).toHaveLength(99);
    expect(rows).toContainEqual(['461', 'Odense', '4', '4', '0', '3', '1', '1', '1', '25,0']);
    expect(rows).toContainEqual(['751', 'Aarhus', '2', '1', '0', '0', '0', '0', '0', '0,0']);
    expect(rows).toContainEqual(['101', 'København', '0', '0', '0', '0', '0', '0', '0', '']);
  });

  it('answers CSV to Accept: text/csv as well', async () => {
    const res = await t
      .http()
      .get(url('regions'))
      .set('Accept', 'text/csv')
      .auth(kl, { type: 'bearer' })
      .expect(200);
    const rows = csvRows(res.text);
    expect(rows.slice(1)).toEqual([
      ['1081', 'Region Nordjylland', '0', '0', '0', '0', '0', '0', '0', ''],
      ['1082', 'Region Midtjylland', '2', '1', '0', '0', '0', '0', '0', '0,0'],
      ['1083', 'Region Syddanmark', '4', '4', '0', '3', '1', '1', '1', '25,0'],
      ['1084', 'Region Hovedstaden', '0', '0', '0', '0', '0', '0', '0', ''],
      ['1085', 'Region Sjælland', '0', '0', '0', '0', '0', '0', '0', ''],
    ]);
  });

  it('regions as JSON', async () => {
    const res = await t.http().get(url('regions')).auth(kl, { type: 'bearer' }).expect(200);
    expect(
      res.body.items.map((r: { regionCode: number; coverage: number | null }) => [r.regionCode, r.coverage]),
    ).toEqual([
      [1081, null],
      [1082, 0],
      [1083, 0.25],
      [1084, null],
      [1085, null],
    ]);
  });

  it('parties: national letters from the parties table, local lists together at the end', async () => {
    const res = await t.http().get(url('parties')).auth(kl, { type: 'bearer' }).expect(200);
    const items = res.body.items as Array<{ letter: string | null }>;
    expect(items.map((p) => p.letter)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'F',
      'G',
      'H',
      'I',
      'K',
      'M',
      'O',
      'S',
      'V',
      'Æ',
      'Ø',
      'Å',
      null,
    ]);
    const by = (letter: string | null) => items.find((p) => p.letter === letter);
    expect(by('A')).toEqual({
      letter: 'A',
      name: 'Socialdemokratiet',
      newlyElected: 3,
      invited: 3,
      declined: 0,
      registered: 1,
      waitlisted: 1,
      attended: 1,
      noShows: 0,
      coverage: 0.3333,
    });
    expect(by('V')).toMatchObject({ newlyElected: 1, registered: 1, noShows: 1, coverage: 0 });
    expect(by('Ø')).toMatchObject({ newlyElected: 1, invited: 0, registered: 0, coverage: 0 });
    expect(by(null)).toEqual({
      letter: null,
      name: 'Lokallister',
      ...zero,
      newlyElected: 1,
      invited: 1,
      registered: 1,
      coverage: 0,
    });
    expect(by('B')).toMatchObject(zero);
  });

  it('seminars: seats of all members, fill rate against capacity', async () => {
    const res = await t.http().get(url('seminars')).auth(kl, { type: 'bearer' }).expect(200);
    const [s1, s2, s3] = f.seminars;
    expect(res.body.items).toEqual([
      expect.objectContaining({
        seminarId: s1.id,
        title: 'Kolding 1',
        capacity: 4,
        registered: 3,
        waitlisted: 0,
        attended: 2,
        noShows: 1,
        fillRate: 0.75,
      }),
      expect.objectContaining({
        seminarId: s2.id,
        capacity: 1,
        registered: 1,
        waitlisted: 1,
        attended: 0,
        noShows: 0,
        fillRate: 1,
      }),
      expect.objectContaining({ seminarId: s3.id, capacity: 25, registered: 0, fillRate: 0 }),
    ]);
    expect(res.body.items[0]).toMatchObject({
      venue: 'Hotel Koldingfjord, Kolding',
      status: 'published',
      waveId: f.waves[0].id,
    });

    const csv = await t
      .http()
      .get(url('seminars'))
      .query({ format: 'csv' })
      .auth(kl, { type: 'bearer' })
      .expect(200);
    const row = csvRows(csv.text).find((r) => r[0] === String(s1.id));
    expect(row?.slice(1, 3)).toEqual(['Kolding 1', 'Hotel Koldingfjord, Kolding']);
    expect(row?.slice(4)).toEqual(['published', '4', '3', '0', '2', '1', '75,0']);
  });

  it('waves: seminars summed per wave', async () => {
    const res = await t.http().get(url('waves')).auth(kl, { type: 'bearer' }).expect(200);
    expect(res.body.items).toEqual([
      {
        waveId: f.waves[0].id,
        name: 'Periode 1',
        seminars: 2,
        capacity: 5,
        registered: 4,
        waitlisted: 1,
        attended: 2,
        noShows: 1,
        fillRate: 0.8,
      },
      {
        waveId: f.waves[1].id,
        name: 'Periode 2',
        seminars: 1,
        capacity: 25,
        registered: 0,
        waitlisted: 0,
        attended: 0,
        noShows: 0,
        fillRate: 0,
      },
    ]);
  });

  it('timeline: per Copenhagen day, quiet days included', async () => {
    const res = await t.http().get(url('timeline')).auth(kl, { type: 'bearer' }).expect(200);
    expect(res.body.items).toEqual([
      { date: '2026-01-05', registrations: 2, waitlisted: 0, cancellations: 0, cumulativeRegistrations: 2 },
      { date: '2026-01-06', registrations: 1, waitlisted: 1, cancellations: 0, cumulativeRegistrations: 3 },
      { date: '2026-01-07', registrations: 0, waitlisted: 0, cancellations: 0, cumulativeRegistrations: 3 },
      { date: '2026-01-08', registrations: 1, waitlisted: 0, cancellations: 1, cumulativeRegistrations: 4 },
    ]);
    const csv = await t
      .http()
      .get(url('timeline'))
      .query({ format: 'csv' })
      .auth(kl, { type: 'bearer' })
      .expect(200);
    expect(csvRows(csv.text)).toEqual([
      ['Dato', 'Tilmeldinger', 'På venteliste', 'Afbud', 'Tilmeldinger i alt'],
      ['2026-01-05', '2', '0', '0', '2'],
      ['2026-01-06', '1', '1', '0', '3'],
      ['2026-01-07', '0', '0', '0', '3'],
      ['2026-01-08', '1', '0', '1', '4'],
    ]);
  });

  it('summary as CSV', async () => {
    const res = await t
      .http()
      .get(url('summary'))
      .query({ format: 'csv' })
      .auth(kl, { type: 'bearer' })
      .expect(200);
    const rows = csvRows(res.text);
    expect(rows).toContainEqual(['Dækning (%)', '16,7']);
    expect(rows).toContainEqual(['Belægning (%)', '13,3']);
    expect(rows).toContainEqual(['Evalueringssvar', '']);
  });

  it('is for kl, planner and admin; municipality gets 403, anonymous 401', async () => {
    for (const role of ['planner', 'admin'] as const)
      await t
        .http()
        .get(url('summary'))
        .auth(await t.tokenFor(role), { type: 'bearer' })
        .expect(200);
    await t
      .http()
      .get(url('municipalities'))
      .auth(await municipalityToken(t), { type: 'bearer' })
      .expect(403);
    await t.http().get(url('municipalities')).expect(401);
    await t.http().get('/api/statistics/compare?cycles=1').expect(401);
  });

  it('unknown cycle 404, bad format 400', async () => {
    await t.http().get('/api/cycles/99999/statistics/summary').auth(kl, { type: 'bearer' }).expect(404);
    const res = await t
      .http()
      .get(url('regions'))
      .query({ format: 'xlsx' })
      .auth(kl, { type: 'bearer' })
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('format');
  });

  describe('compare', () => {
    it('puts cycles side by side, by code or id, in the order asked', async () => {
      const earlier = await createCycle(t.dataSource, {
        code: 'KV21',
        name: 'Kommunalvalg 2021',
        electionDate: '2021-11-16',
      });
      const wave = await createWave(t.dataSource, earlier.id);
      const seminar = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource));
      const [m1] = await createMembers(t.dataSource, earlier.id, 2, { municipalityCode: 825 });
      await seat(t.dataSource, m1, seminar, 'attended');

      const res = await t
        .http()
        .get('/api/statistics/compare')
        .query({ cycles: `kv21, ${f.cycle.id}` })
        .auth(kl, { type: 'bearer' })
        .expect(200);
      expect(res.body.cycles.map((c: { cycle: { code: string } }) => c.cycle.code)).toEqual([
        'KV21',
        f.cycle.code,
      ]);
      expect(res.body.cycles[0].totals).toEqual({
        ...zero,
        newlyElected: 2,
        registered: 1,
        attended: 1,
        coverage: 0.5,
      });
      expect(res.body.cycles[1].totals).toMatchObject({ newlyElected: 6, attended: 1, coverage: 0.1667 });
      expect(res.body.cycles[0].regions[0]).toMatchObject({
        regionCode: 1081,
        newlyElected: 2,
        coverage: 0.5,
      });
      expect(res.body.cycles[1].regions[0]).toMatchObject({
        regionCode: 1081,
        newlyElected: 0,
        coverage: null,
      });

      const csv = await t
        .http()
        .get('/api/statistics/compare')
        .query({ cycles: `KV21,${f.cycle.code}`, format: 'csv' })
        .auth(kl, { type: 'bearer' })
        .expect(200);
      const rows = csvRows(csv.text);
      expect(rows).toContainEqual(['KV21', 'Region Nordjylland', '2', '0', '0', '1', '0', '1', '0', '50,0']);
      expect(rows).toContainEqual([f.cycle.code, 'Hele landet', '6', '5', '0', '3', '1', '1', '1', '16,7']);
    });

    it('404 for an unknown cycle, 400 without cycles', async () => {
      await t
        .http()
        .get('/api/statistics/compare')
        .query({ cycles: 'KV1999' })
        .auth(kl, { type: 'bearer' })
        .expect(404);
      const res = await t
        .http()
        .get('/api/statistics/compare')
        .query({ cycles: ' , ' })
        .auth(kl, { type: 'bearer' })
        .expect(400);
      expect(JSON.stringify(res.body)).toContain('cycles');
      await t.http().get('/api/statistics/compare').auth(kl, { type: 'bearer' }).expect(400);
    });
  });

  it('is in the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/cycles/{cycleId}/statistics/summary',
        '/api/cycles/{cycleId}/statistics/municipalities',
        '/api/cycles/{cycleId}/statistics/timeline',
        '/api/statistics/compare',
      ]),
    );
    expect(res.body.components.schemas.MunicipalityFiguresDto.properties.coverage).toBeDefined();
  });
});
