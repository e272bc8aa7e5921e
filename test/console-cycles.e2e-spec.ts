import { Cycle } from '../src/cycles/cycle.entity';
import { createCycle } from './factories/cycle-members.factory';
import { postForm, signedIn, textOf } from './helpers/console';
import { startTestApp, TestApp } from './helpers/test-app';

describe('Console: cycles and the cycle one works in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const cycleByCode = (code: string) => t.dataSource.getRepository(Cycle).findOneBy({ code });

  it('creates a cycle from the form and makes it the working cycle', async () => {
    const planner = await signedIn(t, 'planner');
    const res = await postForm(
      planner,
      '/valgperioder/ny',
      '/valgperioder/ny',
      {
        code: 'KV29',
        name: 'Kommunalvalget 2029',
        electionDate: '2029-11-20',
        termStart: '2030-01-01',
        status: 'planning',
      },
      303,
    );
    const cycle = await cycleByCode('KV29');
    expect(cycle).toMatchObject({
      name: 'Kommunalvalget 2029',
      electionDate: '2029-11-20',
      status: 'planning',
    });
    expect(res.headers.location).toBe(`/valgperioder/${cycle!.id}`);

    const page = textOf((await planner.get(res.headers.location).expect(200)).text);
    expect(page).toContain('Valgdag tirsdag den 20. november 2029');
    const list = textOf((await planner.get('/valgperioder').expect(200)).text);
    expect(list).toContain('KV29 Kommunalvalget 2029');
    expect(list).toContain('Valgperiode: KV29 Kommunalvalget 2029');
  });

  it('refuses a bad form in Danish beside the fields, keeps what was typed and writes nothing', async () => {
    const planner = await signedIn(t, 'planner');
    const res = await postForm(
      planner,
      '/valgperioder/ny',
      '/valgperioder/ny',
      {
        code: 'kv33',
        name: 'Ærø og Æbeltoft',
        electionDate: '2033-11-15',
        termStart: '2034-01-01',
      },
      400,
    );
    expect(res.text).toContain('<a href="#code">Kode: Har ikke den rigtige form.</a>');
    expect(res.text).toContain('value="kv33"');
    expect(res.text).toContain('value="Ærø og Æbeltoft"');
    expect(await cycleByCode('KV33')).toBeNull();
    expect(await cycleByCode('kv33')).toBeNull();

    const dates = await postForm(
      planner,
      '/valgperioder/ny',
      '/valgperioder/ny',
      {
        code: 'KV33',
        name: 'Forkerte datoer',
        electionDate: '2033-11-15',
        termStart: '2033-01-01',
      },
      400,
    );
    expect(textOf(dates.text)).toContain('Valgperioden begynder: Valgperioden skal begynde efter valgdagen.');
    expect(await cycleByCode('KV33')).toBeNull();
  });

  it('edits and closes a cycle, asking first', async () => {
    const planner = await signedIn(t, 'planner');
    const cycle = await createCycle(t.dataSource, { status: 'active' });
    await postForm(
      planner,
      `/valgperioder/${cycle.id}/rediger`,
      `/valgperioder/${cycle.id}/rediger`,
      {
        code: cycle.code,
        name: 'Nyt navn på Ærø',
        electionDate: cycle.electionDate,
        termStart: cycle.termStart,
        status: 'active',
      },
      303,
    );
    expect((await t.dataSource.getRepository(Cycle).findOneBy({ id: cycle.id }))!.name).toBe(
      'Nyt navn på Ærø',
    );

    const ask = textOf((await planner.get(`/valgperioder/${cycle.id}/luk`).expect(200)).text);
    expect(ask).toContain(`Luk ${cycle.code}?`);
    expect((await t.dataSource.getRepository(Cycle).findOneBy({ id: cycle.id }))!.status).toBe('active');
    await postForm(planner, `/valgperioder/${cycle.id}/luk`, `/valgperioder/${cycle.id}/luk`, {}, 303);
    expect((await t.dataSource.getRepository(Cycle).findOneBy({ id: cycle.id }))!.status).toBe('closed');
  });

  it('remembers the chosen cycle per staff member, and leads back to the same page in it', async () => {
    const a = await createCycle(t.dataSource, { electionDate: '2001-11-20', termStart: '2002-01-01' });
    const b = await createCycle(t.dataSource, { electionDate: '2001-11-21', termStart: '2002-01-01' });
    const planner = await signedIn(t, 'planner');
    const other = await signedIn(t, 'planner');
    const chosen = await postForm(
      planner,
      '/valgperioder',
      '/valgperioder/vaelg',
      {
        cycle: String(a.id),
        back: `/valgperioder/${b.id}/medlemmer?q=x`,
      },
      303,
    );
    expect(chosen.headers.location).toBe(`/valgperioder/${a.id}/medlemmer`);
    expect(textOf((await planner.get('/oversigt').expect(200)).text)).toContain(`Overblik over ${a.code}`);
    await planner.get('/medlemmer').expect(303).expect('Location', `/valgperioder/${a.id}/medlemmer`);
    expect(textOf((await other.get('/oversigt').expect(200)).text)).not.toContain(`Overblik over ${a.code}`);

    const outside = await postForm(
      planner,
      '/valgperioder',
      '/valgperioder/vaelg',
      {
        cycle: String(b.id),
        back: '//evil.example/',
      },
      303,
    );
    expect(outside.headers.location).toBe('/oversigt');
  });

  it('is for planners and admins: KL and a municipal contact get the Danish 403 page', async () => {
    for (const role of ['kl', 'municipality'] as const) {
      const agent = await signedIn(t, role);
      for (const path of ['/valgperioder', '/valgperioder/ny', '/oversigt']) {
        const res = await agent.get(path).expect(403);
        expect(textOf(res.text)).toContain('Ingen adgang Din rolle giver ikke adgang til denne side.');
        expect(res.text).not.toContain('href="/valgperioder"');
      }
    }
  });
});
