import { createCycle, member, municipalContactToken } from './factories/cycles';
import { startTestApp, TestApp } from './helpers/test-app';

describe('Members', () => {
  let t: TestApp;
  let admin: string;
  let planner: string;
  let odense: string;
  let cycleId: number;
  const ids: Record<string, number> = {};

  const path = (suffix = '') => `/api/cycles/${cycleId}/members${suffix}`;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, planner] = [await t.tokenFor('admin'), await t.tokenFor('planner')];
    odense = await municipalContactToken(t, admin, 461);
    cycleId = await createCycle(t, planner);
    const seed = [
      member({ name: 'Søren Ærø Østergård', email: 'soeren@odense.dk' }),
      member({
        name: 'Åse Bøgh',
        email: 'aase@odense.dk',
        listLetter: 'V',
        newlyElected: false,
        role: 'mayor',
      }),
      member({ name: 'Østen Lund', email: 'oesten@aarhus.dk', municipalityCode: 751, listLetter: 'Ø' }),
      member({
        name: 'Lise Lokal',
        email: 'lise@koebenhavn.dk',
        municipalityCode: 101,
        listLetter: 'L',
        listName: 'Københavnerlisten',
      }),
    ];
    for (const m of seed) {
      const res = await t.http().post(path()).auth(planner, { type: 'bearer' }).send(m).expect(201);
      ids[m.email] = res.body.id;
    }
  });
  afterAll(() => t.close());

  const list = async (query: string, token = planner) => {
    const res = await t
      .http()
      .get(path(`?${query}`))
      .auth(token, { type: 'bearer' })
      .expect(200);
    return { ...res.body, emails: res.body.items.map((m: { email: string }) => m.email).sort() };
  };

  it('creates a member with the national party’s name and a lower-cased e-mail', async () => {
    const res = await t
      .http()
      .post(path())
      .auth(planner, { type: 'bearer' })
      .send(member({ email: 'Ny.Person@Odense.DK', name: 'Ny Person', diet: 'vegansk' }))
      .expect(201);
    expect(res.body).toMatchObject({
      cycleId,
      email: 'ny.person@odense.dk',
      listName: 'Socialdemokratiet',
      role: 'member',
      diet: 'vegansk',
      erasedAt: null,
    });
    expect(res.body).not.toHaveProperty('searchText');
    await t
      .http()
      .delete(path(`/${res.body.id}`))
      .auth(planner, { type: 'bearer' })
      .expect(204);
    await t
      .http()
      .get(path(`/${res.body.id}`))
      .auth(planner, { type: 'bearer' })
      .expect(404);
  });

  it('refuses bad members with the field and reason', async () => {
    const bad = await t
      .http()
      .post(path())
      .auth(planner, { type: 'bearer' })
      .send(member({ email: 'nope', newlyElected: 'ja', cpr: '010203-1234' }))
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['email', 'newlyElected', 'cpr']),
    );
    const local = await t
      .http()
      .post(path())
      .auth(planner, { type: 'bearer' })
      .send(member({ email: 'x@odense.dk', listLetter: 'Q' }))
      .expect(400);
    expect(local.body.details[0].field).toBe('listName');
    const unknown = await t
      .http()
      .post(path())
      .auth(planner, { type: 'bearer' })
      .send(member({ email: 'x@odense.dk', municipalityCode: 999 }))
      .expect(400);
    expect(unknown.body.details).toEqual([{ field: 'municipalityCode', reason: 'unknown municipality' }]);
    const taken = await t
      .http()
      .post(path())
      .auth(planner, { type: 'bearer' })
      .send(member({ email: 'SOEREN@odense.dk' }))
      .expect(409);
    expect(taken.body.details[0].field).toBe('email');
    await t
      .http()
      .post('/api/cycles/9999/members')
      .auth(planner, { type: 'bearer' })
      .send(member())
      .expect(404);
  });

  it('answers 409, never 500, when two requests create the same e-mail at once', async () => {
    const attempts = await Promise.all(
      [1, 2, 3].map(() =>
        t
          .http()
          .post(path())
          .auth(planner, { type: 'bearer' })
          .send(member({ email: 'samtidig@odense.dk' })),
      ),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    await t
      .http()
      .delete(path(`/${attempts.find((r) => r.status === 201)?.body.id}`))
      .auth(planner, { type: 'bearer' })
      .expect(204);
  });

  it('refuses to empty a required field', async () => {
    const res = await t
      .http()
      .patch(path(`/${ids['soeren@odense.dk']}`))
      .auth(planner, { type: 'bearer' })
      .send({ email: null, name: null })
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'name', reason: 'cannot be empty' },
      { field: 'email', reason: 'cannot be empty' },
    ]);
  });

  it('pages the list and filters by municipality, region, list, newly elected and text', async () => {
    const all = await list('pageSize=3&page=1');
    expect(all).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(all.items).toHaveLength(3);
    expect((await list('pageSize=3&page=2')).items).toHaveLength(1);
    expect((await list('municipality=461')).emails).toEqual(['aase@odense.dk', 'soeren@odense.dk']);
    expect((await list('region=1082')).emails).toEqual(['oesten@aarhus.dk']);
    expect((await list('list=v')).emails).toEqual(['aase@odense.dk']);
    expect((await list('newlyElected=false')).emails).toEqual(['aase@odense.dk']);
    // Capital Ø in the name, small ø in the search: SQLite's own LOWER would miss it.
    expect((await list('q=østen')).emails).toEqual(['oesten@aarhus.dk']);
    expect((await list('q=ØSTERGÅRD søren')).emails).toEqual(['soeren@odense.dk']);
    expect((await list('q=koebenhavn.dk')).emails).toEqual(['lise@koebenhavn.dk']);
    await t.http().get(path('?pageSize=1000')).auth(planner, { type: 'bearer' }).expect(400);
    await t.http().get(path('?newlyElected=ja')).auth(planner, { type: 'bearer' }).expect(400);
  });

  it('edits a member and keeps the search current', async () => {
    const id = ids['oesten@aarhus.dk'];
    const res = await t
      .http()
      .patch(path(`/${id}`))
      .auth(planner, { type: 'bearer' })
      .send({ name: 'Østen Ågård', listLetter: 'L', listName: 'Aarhuslisten', note: 'Kommer fredag' })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'Østen Ågård',
      listLetter: 'L',
      listName: 'Aarhuslisten',
      note: 'Kommer fredag',
    });
    expect((await list('q=ågård')).emails).toEqual(['oesten@aarhus.dk']);
    await t.http().patch(path('/9999')).auth(planner, { type: 'bearer' }).send({ note: 'x' }).expect(404);
  });

  it('is not open to KL', async () => {
    const kl = await t.tokenFor('kl');
    await t.http().get(path()).auth(kl, { type: 'bearer' }).expect(403);
    await t
      .http()
      .get(path(`/${ids['soeren@odense.dk']}`))
      .auth(kl, { type: 'bearer' })
      .expect(403);
  });

  describe('a municipal contact', () => {
    it('sees only its own municipality’s members', async () => {
      const own = await list('', odense);
      expect(own.emails).toEqual(['aase@odense.dk', 'soeren@odense.dk']);
      expect((await list('municipality=461&region=1083', odense)).total).toBe(2);
      await t
        .http()
        .get(path(`/${ids['soeren@odense.dk']}`))
        .auth(odense, { type: 'bearer' })
        .expect(200);
    });

    it('gets 403 for another municipality, also through filters', async () => {
      for (const query of ['municipality=751', 'region=1082']) {
        const res = await t
          .http()
          .get(path(`?${query}`))
          .auth(odense, { type: 'bearer' });
        expect({ query, status: res.status }).toEqual({ query, status: 403 });
      }
      const other = ids['oesten@aarhus.dk'];
      await t
        .http()
        .get(path(`/${other}`))
        .auth(odense, { type: 'bearer' })
        .expect(403);
      await t
        .http()
        .patch(path(`/${other}`))
        .auth(odense, { type: 'bearer' })
        .send({ note: 'hej' })
        .expect(403);
      await t.http().get(path('/export?municipality=751')).auth(odense, { type: 'bearer' }).expect(403);
      await t
        .http()
        .get(path(`/${other}/personal-data`))
        .auth(odense, { type: 'bearer' })
        .expect(403);
    });

    it('corrects its own members but cannot move them to another municipality or create them elsewhere', async () => {
      const id = ids['soeren@odense.dk'];
      const res = await t
        .http()
        .patch(path(`/${id}`))
        .auth(odense, { type: 'bearer' })
        .send({ phone: '+45 66 13 13 72' })
        .expect(200);
      expect(res.body.phone).toBe('+45 66 13 13 72');
      await t
        .http()
        .patch(path(`/${id}`))
        .auth(odense, { type: 'bearer' })
        .send({ municipalityCode: 751 })
        .expect(403);
      await t
        .http()
        .post(path())
        .auth(odense, { type: 'bearer' })
        .send(member({ email: 'fremmed@aarhus.dk', municipalityCode: 751 }))
        .expect(403);
      await t
        .http()
        .delete(path(`/${id}`))
        .auth(odense, { type: 'bearer' })
        .expect(403);
      const [{ n }] = await t.dataSource.query(
        `SELECT COUNT(*) AS n FROM members WHERE municipality_code = 461`,
      );
      expect(Number(n)).toBe(2);
    });

    it('exports only its own municipality', async () => {
      const res = await t.http().get(path('/export')).auth(odense, { type: 'bearer' }).expect(200);
      expect(res.text).toContain('soeren@odense.dk');
      expect(res.text).not.toContain('aarhus.dk');
      expect(res.text).not.toContain('koebenhavn.dk');
    });
  });
});
