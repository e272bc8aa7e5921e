import { AllocationProposal } from '../src/allocation/allocation-proposal.entity';
import { Seminar } from '../src/planning/seminar.entity';
import { Registration } from '../src/registrations/registration.entity';
import {
  AllocationScenario,
  createInvitedPartyScenario,
  saveSolvingProposal,
  TOWNS,
} from './factories/allocation.factory';
import { createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { postForm, signedIn, textOf } from './helpers/console';
import { captionedRows } from './helpers/html-table';
import { startTestApp, TestApp } from './helpers/test-app';
import { formatShortDanishDate } from '../src/common/danish-time';

/** How the review names a seminar: title, town and first day. */
const labelOf = (x: { title: string; startsAt: Date }, town: string) =>
  `${x.title} (${town}, ${formatShortDanishDate(x.startsAt)})`;

jest.setTimeout(120_000);

/** "1.234,5 km" as a number. */
const kmOf = (text: string) => Number(text.replace(/ km$/, '').replace(/\./g, '').replace(',', '.'));

/** Fordeling over HTTP: start proposals with K and P, review, compare, apply, refuse a stale one, re-plan a shrink. */
describe('Console: allocation review', () => {
  let t: TestApp;
  let s: AllocationScenario;
  let base: string;
  let planner: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    t = await startTestApp();
    s = await createInvitedPartyScenario(t, await t.tokenFor('planner'));
    base = `/valgperioder/${s.cycleId}/fordeling`;
    planner = await signedIn(t, 'planner');
  });
  afterAll(() => t.close());

  const propose = async (fields: Record<string, string>) => {
    const res = await postForm(planner, base, base, fields, 303);
    return Number(/\/fordeling\/(\d+)$/.exec(res.headers.location)![1]);
  };
  const seats = () =>
    t.dataSource.getRepository(Registration).countBy({ cycleId: s.cycleId, state: 'registered' });

  it('KL and a municipal contact get 403; the menu leads a planner to the working cycle', async () => {
    for (const role of ['kl', 'municipality'] as const) {
      const agent = await signedIn(t, role);
      await agent.get(base).expect(403);
    }
    const page = await planner.get(base).expect(200);
    expect(page.text).toContain('href="/fordeling"');
    expect(textOf(page.text)).toContain('Lavere K blander kommunerne mere, men giver længere rejser.');
  });

  it('refuses a K that is not a number beside the field, and stores no proposal', async () => {
    const refused = await postForm(
      planner,
      base,
      base,
      { k: 'tre', kommuneregel: 'til', partiregel: 'til' },
      400,
    );
    const text = textOf(refused.text);
    expect(text).toContain('Der er et problem');
    expect(text).toContain('K: højst fra én kommune pr. seminar: Har ikke den rigtige form.');
    expect(refused.text).toContain('value="tre"');
    await expect(
      t.dataSource.getRepository(AllocationProposal).countBy({ cycleId: s.cycleId }),
    ).resolves.toBe(0);
  });

  it('proposes with the municipality rule off and the default P, and says so', async () => {
    const id = await propose({ k: '', kommuneregel: 'fra', p: '', partiregel: 'til', bonus: '' });
    const review = textOf((await planner.get(`${base}/${id}`).expect(200)).text);
    // Seminars of 10 seats: P = ⌈10 / 3⌉ = 4.
    expect(review).toContain(`Forslag ${id}: ingen kommuneregel, P = 4`);
    expect(review).toContain('Partireglen');
    expect(review).not.toContain('Kommune- og partireglen');
    await expect(
      t.dataSource.getRepository(AllocationProposal).findOneByOrFail({ id }),
    ).resolves.toMatchObject({
      kUsed: null,
      pUsed: 4,
      options: { municipalityRule: false, partyRule: true },
    });
  });

  it('reviews two proposals, compares them, applies one and refuses the other as out of date', async () => {
    const first = await propose({ k: '5', kommuneregel: 'til', p: '5', partiregel: 'til', bonus: '' });
    const second = await propose({
      k: '10',
      kommuneregel: 'til',
      p: '3',
      partiregel: 'til',
      bonus: '50; 25',
    });

    const reviewPage = (await planner.get(`${base}/${first}`).expect(200)).text;
    const review = textOf(reviewPage);
    expect(review).toContain(`Forslag ${first}: K = 5, P = 5`);
    expect(review).toContain('Får plads 29 af 29 medlemmer');
    expect(review).toMatch(/Bevist afstand til optimum 0 % \(bevist optimal\)/);
    expect(review).toMatch(/Prisen for blandingen [\d.,]+ km \([\d,]+ %\)/);
    expect(review).toContain('Prisen for hver regel');
    expect(review).toContain('Kommune- og partireglen');
    expect(review).toMatch(/Partigrænsen er nået i det nærmeste seminar: \d+/);
    expect(review).toContain('Alle får plads.');
    expect(review).toContain('Giver 29 pladser og sender 29 bekræftelser.');

    const other = textOf((await planner.get(`${base}/${second}`).expect(200)).text);
    expect(other).toContain(
      'A Socialdemokratiet har 20 medlemmer, men partigrænsen P = 3 giver højst 12 pladser',
    );
    expect(other).toContain('Ingen ledig plads inden for partigrænsen: 8');
    expect(other).toContain('Bonus for ønsker 50 km, 25 km');

    const list = textOf((await planner.get(base).expect(200)).text);
    expect(list).toContain(`Forslag ${second}`);
    const compare = textOf((await planner.get(`${base}/sammenlign?a=${first}&b=${second}`).expect(200)).text);
    expect(compare).toContain('Regler K = 5, P = 5 K = 10, P = 3');
    expect(compare).toContain('Uden plads 0 8');

    const csv = await planner.get(`${base}/${first}/kommuner.csv`).expect(200);
    expect(csv.text).toContain('Seminar;By;Dato;Kommune;Har plads;Foreslået;I alt');
    expect(csv.text).toContain('Aalborg');

    const figure = (label: string) => kmOf(new RegExp(`${label} ([\\d.,]+ km)`).exec(review)![1]);
    const total = figure('Samlet rejse');
    const optimum = figure('Korteste rejser uden regler');
    expect(figure('Gennemsnitlig rejse')).toBeCloseTo(total / 29, 1);
    expect(optimum).toBeLessThanOrEqual(total);
    const prices = captionedRows(reviewPage, 'prices-caption');
    expect(prices.find((r) => r[0] === 'Ingen regel (korteste rejser)')).toEqual([
      'Ingen regel (korteste rejser)',
      '29',
      /Korteste rejser uden regler ([\d.,]+ km)/.exec(review)![1],
      '–',
    ]);
    expect(figure('Prisen for blandingen')).toBeCloseTo(total - optimum, 0);
    const fill = captionedRows(reviewPage, 'fill-caption');
    const longest = captionedRows(reviewPage, 'trips-caption');
    expect(review).toContain('De længste rejser');
    expect(longest).toHaveLength(10);
    const trips = longest.map((row) => kmOf(row[3]));
    expect(trips).toEqual([...trips].sort((a, b) => b - a));

    await postForm(planner, `${base}/${first}`, `${base}/${first}/anvend`, {}, 303);
    expect(await seats()).toBe(29);
    // The fill per seminar and the longest trips are what applying the proposal made.
    const placed = await t.dataSource
      .getRepository(Registration)
      .find({ where: { cycleId: s.cycleId, state: 'registered' }, relations: { member: true } });
    expect(fill).toEqual(
      (Object.keys(s.seminars) as (keyof typeof s.seminars)[]).map((town) => {
        const n = placed.filter((r) => r.seminarId === s.seminars[town].id).length;
        return [
          labelOf(s.seminars[town], town),
          '10',
          '0',
          String(n),
          `${n * 10} %`,
          expect.stringMatching(/^\d$/),
          expect.stringMatching(/^\d/),
        ];
      }),
    );
    const titleOf = new Map(Object.entries(s.seminars).map(([town, x]) => [x.id, labelOf(x, town)]));
    for (const [name, , seminar] of longest)
      expect(titleOf.get(placed.find((r) => r.member!.name === name)!.seminarId)).toBe(seminar);
    expect(textOf((await planner.get(`${base}/${first}`).expect(200)).text)).toMatch(
      /Status Anvendt, anvendt /,
    );

    const refused = await postForm(planner, `${base}/${second}`, `${base}/${second}/anvend`, {}, 409);
    expect(textOf(refused.text)).toContain(
      'tilmeldte (før 0); 29 medlemmer har fået en plads siden. Intet er ændret. Lav et nyt forslag.',
    );
    expect(await seats()).toBe(29);
  });

  it('shows a solving proposal with its progress, polled by htmx, and offers no apply button yet', async () => {
    const repo = t.dataSource.getRepository(AllocationProposal);
    const solving = await saveSolvingProposal(t.dataSource, s.cycleId);
    const page = await planner.get(`${base}/${solving.id}`).expect(200);
    expect(textOf(page.text)).toContain(
      'Finder de korteste rejser for dem (40 s, afstand til bevist optimum 2 %).',
    );
    expect(page.text).toContain(`hx-get="${base}/${solving.id}" hx-trigger="every 1s"`);
    expect(textOf(page.text)).not.toContain('Anvend forslaget');
    await repo.update(solving.id, { status: 'discarded' });
  });

  it('re-plans a shrink from its page: the surplus moves when applied, and the seminar gets the new capacity', async () => {
    const aalborg = s.seminars.Aalborg.id;
    const seminar = () => t.dataSource.getRepository(Seminar).findOneByOrFail({ id: aalborg });
    const { taken } = await seminar();
    const smaller = taken - 2;
    const ask = `${base}/omfordel?seminar=${aalborg}&pladser=${smaller}`;
    const page = textOf((await planner.get(ask).expect(200)).text);
    expect(page).toContain(`Der er ${taken} tilmeldte, så 2 skal flyttes til andre seminarer.`);
    const res = await postForm(
      planner,
      ask,
      base,
      { seminar: String(aalborg), pladser: String(smaller), kommuneregel: 'til', k: '5', partiregel: 'fra' },
      303,
    );
    const id = res.headers.location.split('/').pop();
    const reviewHtml = (await planner.get(`${base}/${id}`).expect(200)).text;
    const review = textOf(reviewHtml);
    expect(review).toContain(`Omfordeling: et seminar får ${smaller} pladser`);
    expect(review).toContain(`får ${smaller} pladser i stedet for 10`);
    expect(review).toContain('Flytter 2 medlemmer og sender 2 bekræftelser.');
    const moves = captionedRows(reviewHtml, 'moves-caption');
    expect(review).toContain('Hvem flyttes');
    expect(moves).toHaveLength(2);
    const before = await t.dataSource
      .getRepository(Registration)
      .find({ where: { seminarId: aalborg, state: 'registered' }, relations: { member: true } });
    for (const [name, from, , why] of moves) {
      expect(before.map((r) => r.member!.name)).toContain(name);
      expect(from).toBe(labelOf(s.seminars.Aalborg, 'Aalborg'));
      expect(why).not.toBe('');
    }
    await postForm(planner, `${base}/${id}`, `${base}/${id}/anvend`, {}, 303);
    await expect(seminar()).resolves.toMatchObject({ capacity: smaller, taken: smaller });
    expect(await seats()).toBe(29);
    const titleOf = new Map(Object.entries(s.seminars).map(([town, x]) => [x.id, labelOf(x, town)]));
    for (const [name, , to] of moves) {
      const moved = before.find((r) => r.member!.name === name)!;
      const now = await t.dataSource
        .getRepository(Registration)
        .findOneByOrFail({ memberId: moved.memberId, state: 'registered' });
      expect(titleOf.get(now.seminarId)).toBe(to);
    }
  });

  it('starts a proposal for one wave from the page: only that wave’s seminars are offered', async () => {
    const later = await createWave(t.dataSource, s.cycleId, { name: 'Periode 2' });
    const odense = await createSeminar(
      t.dataSource,
      later,
      await createVenue(t.dataSource, { name: 'Odense Congress Center', town: 'Odense', ...TOWNS.Odense }),
      { capacity: 5 },
    );
    const newcomers = await createMembers(t.dataSource, s.cycleId, 2, { municipalityCode: 461 });
    const token = await t.tokenFor('planner');
    await t.http().post(`/api/cycles/${s.cycleId}/invitations`).auth(token, { type: 'bearer' }).expect(201);
    expect((await planner.get(base).expect(200)).text).toContain(
      `<option value="${later.id}">Periode 2</option>`,
    );

    const id = await propose({ bolge: String(later.id), k: '5', kommuneregel: 'til', partiregel: 'fra' });
    const page = (await planner.get(`${base}/${id}`).expect(200)).text;
    expect(textOf(page)).toContain('Omfang Periode 2');
    expect(textOf(page)).toContain('Får plads 2 af 2 medlemmer');
    expect(captionedRows(page, 'fill-caption').map((row) => row.slice(0, 5))).toEqual([
      [labelOf(odense, 'Odense'), '5', '0', '2', '40 %'],
    ]);
    await postForm(planner, `${base}/${id}`, `${base}/${id}/anvend`, {}, 303);
    for (const m of newcomers)
      await expect(
        t.dataSource.getRepository(Registration).findOneByOrFail({ memberId: m.id, state: 'registered' }),
      ).resolves.toMatchObject({ seminarId: odense.id });
  });
});
