import { toLocal } from '../src/common/local-time';
import { Transactor } from '../src/database/transactor';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { AgendaItem } from '../src/planning/agenda-item.entity';
import { Seminar } from '../src/planning/seminar.entity';
import { Venue } from '../src/planning/venue.entity';
import { Wave } from '../src/planning/wave.entity';
import { Municipality } from '../src/reference/municipality.entity';
import { SeatService } from '../src/registrations/seat.service';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { postForm, signedIn, textOf } from './helpers/console';
import { cellText } from './helpers/html-table';
import { csrfOf } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

const local = (d: Date) => `${toLocal(d).date} ${toLocal(d).time}`;

/** Planlægning over HTTP: the forms write what they say, and a refused form writes nothing. */
describe('Console: planning venues, waves and seminars', () => {
  let t: TestApp;
  let cycleId: number;
  let planner: Awaited<ReturnType<typeof signedIn>>;
  let venue: Venue;
  let wave: Wave;

  beforeAll(async () => {
    t = await startTestApp();
    cycleId = (await createCycle(t.dataSource)).id;
    venue = await createVenue(t.dataSource, { name: 'Hotel Koldingfjord' });
    wave = await createWave(t.dataSource, cycleId, {
      registrationOpensAt: new Date('2025-12-01T07:00:00Z'),
      registrationClosesAt: new Date('2026-03-01T22:59:00Z'),
    });
    planner = await signedIn(t, 'planner');
  });
  afterAll(() => t.close());

  const count = (entity: typeof Venue | typeof Wave | typeof Seminar | typeof AgendaItem) =>
    t.dataSource.getRepository(entity).count();
  const seminarBy = (title: string) =>
    t.dataSource.getRepository(Seminar).findOne({ where: { title }, relations: { agenda: true } });
  /** The date and time fields as the edit page shows them. */
  const shownMoments = (html: string) =>
    Object.fromEntries(
      [
        'startsAt',
        'startsAtTime',
        'endsAt',
        'endsAtTime',
        'registrationDeadline',
        'registrationDeadlineTime',
      ].map((name) => [
        name,
        new RegExp(`name="${name}" type="(?:date|time)" value="([^"]*)"`).exec(html)![1],
      ]),
    );
  const seminarForm = (overrides: Record<string, string> = {}) => ({
    waveId: String(wave.id),
    title: 'Kattegat-seminar, Kolding',
    venueId: String(venue.id),
    startsAt: '2026-03-19',
    startsAtTime: '13:00',
    endsAt: '2026-03-21',
    endsAtTime: '13.00',
    capacity: '25',
    registrationDeadline: '2026-03-01',
    registrationDeadlineTime: '12:00',
    status: 'draft',
    ...overrides,
  });

  it('KL and a municipal contact get 403; the menu entry leads a planner to the working cycle', async () => {
    for (const role of ['kl', 'municipality'] as const) {
      const agent = await signedIn(t, role);
      for (const path of [
        '/planlaegning',
        '/steder',
        `/valgperioder/${cycleId}/planlaegning`,
        '/seminarer/ny',
      ])
        await agent.get(path).expect(403);
    }
    await planner
      .get('/planlaegning')
      .expect(303)
      .expect('Location', `/valgperioder/${cycleId}/planlaegning`);
    expect(textOf((await planner.get('/oversigt').expect(200)).text)).toContain('Planlægning');
  });

  it("shows the plan of the cycle in its address, that cycle in the bar; an unknown cycle's plan is the 404 page", async () => {
    const other = await createCycle(t.dataSource);
    const page = await planner.get(`/valgperioder/${other.id}/planlaegning`).expect(200);
    expect(textOf(page.text)).toContain(`Planlægning for ${other.code}`);
    expect(page.text).toMatch(new RegExp(`<option value="${other.id}"[^>]*selected`));
    const missing = await planner.get('/valgperioder/987654/planlaegning').expect(404);
    expect(textOf(missing.text)).toContain('Valgperioden findes ikke.');
  });

  it('lists the waves, the first to open first, each with its seminars soonest first: time, venue, seats, status', async () => {
    const other = await createCycle(t.dataSource);
    const spring = await createWave(t.dataSource, other.id, {
      name: 'Forår',
      registrationOpensAt: new Date('2026-02-02T08:00:00Z'),
      registrationClosesAt: new Date('2026-03-01T08:00:00Z'),
    });
    const winter = await createWave(t.dataSource, other.id, {
      name: 'Vinter',
      registrationOpensAt: new Date('2026-01-05T08:00:00Z'),
      registrationClosesAt: new Date('2026-02-01T08:00:00Z'),
    });
    const nyborg = await createVenue(t.dataSource, { name: 'Hotel Hesselet', town: 'Nyborg' });
    await createSeminar(t.dataSource, winter, nyborg, {
      title: 'Anden i Nyborg',
      startsAt: new Date('2026-03-12T12:00:00Z'),
      endsAt: new Date('2026-03-14T12:00:00Z'),
      capacity: 30,
      taken: 4,
      status: 'draft',
    });
    await createSeminar(t.dataSource, winter, venue, {
      title: 'Første i Kolding',
      startsAt: new Date('2026-03-05T12:00:00Z'),
      endsAt: new Date('2026-03-05T15:00:00Z'),
      capacity: 25,
      status: 'cancelled',
    });
    const plan = textOf((await planner.get(`/valgperioder/${other.id}/planlaegning`).expect(200)).text);
    expect(plan).toContain(
      'Vinter Tilmelding: mandag den 5. januar 2026 kl. 09.00 – søndag den 1. februar 2026 kl. 09.00',
    );
    expect(plan).toContain(
      'Første i Kolding torsdag den 5. marts 2026 kl. 13.00 – kl. 16.00 Hotel Koldingfjord 0 af 25 Aflyst ' +
        'Anden i Nyborg torsdag den 12. marts 2026 kl. 13.00 – lørdag den 14. marts 2026 kl. 13.00 Hotel Hesselet 4 af 30 Kladde',
    );
    expect(plan).toMatch(/Vinter Tilmelding.* Forår Tilmelding.* Bølgen har ingen seminarer endnu\./);
    const board = (await planner.get(`/valgperioder/${other.id}/deltagelse`).expect(200)).text;
    expect(board).toMatch(
      new RegExp(
        `<option value="${winter.id}">Vinter</option>\\s*<option value="${spring.id}">Forår</option>`,
      ),
    );
  });

  it('Planlægning and Deltagelse read their waves and seminars without a transaction (none waits for bookings)', async () => {
    const run = jest.spyOn(t.app.get(Transactor), 'run');
    try {
      await planner.get(`/valgperioder/${cycleId}/planlaegning`).expect(200);
      await planner.get(`/valgperioder/${cycleId}/deltagelse`).expect(200);
      await planner.get(`/valgperioder/${cycleId}/deltagelse`).query({ boelge: wave.id }).expect(200);
      expect(run).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
    }
  });

  it('creates venues with typed coordinates or the municipality’s reference point, and refuses neither', async () => {
    const fields = { name: 'Nyborg Strand', address: 'Østerøvej 2', postalCode: '5800', town: 'Nyborg' };
    await postForm(
      planner,
      '/steder/ny',
      '/steder/ny',
      { ...fields, municipalityCode: '', latitude: '55,3127', longitude: '10.8095' },
      303,
    );
    expect(await t.dataSource.getRepository(Venue).findOneBy({ name: 'Nyborg Strand' })).toMatchObject({
      latitude: 55.3127,
      longitude: 10.8095,
    });
    await postForm(
      planner,
      '/steder/ny',
      '/steder/ny',
      { ...fields, name: 'Odense Congress Center', municipalityCode: '461', latitude: '', longitude: '' },
      303,
    );
    const odense = await t.dataSource.getRepository(Municipality).findOneByOrFail({ code: 461 });
    expect(
      await t.dataSource.getRepository(Venue).findOneBy({ name: 'Odense Congress Center' }),
    ).toMatchObject({
      latitude: odense.latitude,
      longitude: odense.longitude,
    });

    const before = await count(Venue);
    const none = await postForm(
      planner,
      '/steder/ny',
      '/steder/ny',
      { ...fields, name: 'Uden sted', municipalityCode: '', latitude: '', longitude: '' },
      400,
    );
    expect(textOf(none.text)).toContain(
      'Breddegrad: Skriv både bredde- og længdegrad, eller vælg kommunens referencepunkt.',
    );
    const wrong = await postForm(
      planner,
      '/steder/ny',
      '/steder/ny',
      { ...fields, name: 'Forkert sted', municipalityCode: '', latitude: '95', longitude: '10' },
      400,
    );
    expect(textOf(wrong.text)).toContain('Breddegrad: Skal være en breddegrad mellem -90 og 90, fx 55,49.');
    expect(wrong.text).toContain('value="Forkert sted"');
    expect(await count(Venue)).toBe(before);
    expect(textOf((await planner.get('/steder').expect(200)).text)).toContain(
      'Nyborg Strand Østerøvej 2, 5800 Nyborg 55,3127, 10,8095',
    );
  });

  it('creates and edits a wave in Danish time, and refuses a window that closes before it opens', async () => {
    const base = `/valgperioder/${cycleId}/planlaegning`;
    const window = {
      registrationOpensAt: '2026-01-05',
      registrationOpensAtTime: '08:00',
      registrationClosesAt: '2026-06-20',
      registrationClosesAtTime: '23:59',
    };
    await postForm(
      planner,
      `${base}/boelger/ny`,
      `${base}/boelger/ny`,
      { name: 'Periode 2 (juni)', ...window },
      303,
    );
    const created = await t.dataSource.getRepository(Wave).findOneByOrFail({ name: 'Periode 2 (juni)' });
    expect(created.registrationOpensAt.toISOString()).toBe('2026-01-05T07:00:00.000Z');
    expect(created.registrationClosesAt.toISOString()).toBe('2026-06-20T21:59:00.000Z');

    const before = await count(Wave);
    const refused = await postForm(
      planner,
      `${base}/boelger/ny`,
      `${base}/boelger/ny`,
      { ...window, name: 'Baglæns', registrationClosesAt: '2026-01-04' },
      400,
    );
    expect(textOf(refused.text)).toContain(
      'Tilmeldingen lukker (dag): Tilmeldingen skal lukke, efter at den åbner.',
    );
    expect(await count(Wave)).toBe(before);

    const edit = `${base}/boelger/${created.id}/rediger`;
    expect((await planner.get(edit).expect(200)).text).toContain('value="2026-06-20"');
    await postForm(
      planner,
      edit,
      edit,
      { name: 'Periode 2', ...window, registrationClosesAtTime: '12.00' },
      303,
    );
    expect(
      (
        await t.dataSource.getRepository(Wave).findOneByOrFail({ id: created.id })
      ).registrationClosesAt.toISOString(),
    ).toBe('2026-06-20T10:00:00.000Z');
    const plan = textOf((await planner.get(base).expect(200)).text);
    expect(plan).toContain(
      'Periode 2 Tilmelding: mandag den 5. januar 2026 kl. 08.00 – lørdag den 20. juni 2026 kl. 12.00',
    );
  });

  it('creates a seminar over three days with its agenda: add, edit, reorder and remove points', async () => {
    const res = await postForm(
      planner,
      `/seminarer/ny?boelge=${wave.id}`,
      '/seminarer/ny',
      seminarForm(),
      303,
    );
    const seminar = (await seminarBy('Kattegat-seminar, Kolding'))!;
    expect(res.headers.location).toBe(`/seminarer/${seminar.id}?besked=oprettet`);
    expect(seminar).toMatchObject({ capacity: 25, status: 'draft', waveId: wave.id, venueId: venue.id });
    expect(seminar.startsAt.toISOString()).toBe('2026-03-19T12:00:00.000Z');

    const agenda = `/seminarer/${seminar.id}/program`;
    await postForm(
      planner,
      agenda,
      agenda,
      { date: '2026-03-19', time: '13:00', title: 'Velkomst', speaker: '' },
      303,
    );
    await postForm(
      planner,
      agenda,
      agenda,
      { date: '2026-03-20', time: '09:00', title: 'Rollen som politiker', speaker: 'Anne Jensen' },
      303,
    );
    const outside = await postForm(
      planner,
      agenda,
      agenda,
      { date: '2026-03-25', time: '09:00', title: 'For sent', speaker: '' },
      400,
    );
    expect(textOf(outside.text)).toContain('Dag: Programpunktet skal ligge inden for seminarets tid.');
    let items = (await seminarBy('Kattegat-seminar, Kolding'))!.agenda!.sort(
      (a, b) => +a.startsAt - +b.startsAt,
    );
    expect(items.map((i) => i.title)).toEqual(['Velkomst', 'Rollen som politiker']);

    const second = items[1].id;
    await postForm(planner, agenda, `${agenda}/${second}/flyt`, { direction: 'up' }, 303);
    items = (await seminarBy('Kattegat-seminar, Kolding'))!.agenda!.sort((a, b) => +a.startsAt - +b.startsAt);
    expect(items.map((i) => [i.title, local(i.startsAt)])).toEqual([
      ['Rollen som politiker', '2026-03-19 13:00'],
      ['Velkomst', '2026-03-20 09:00'],
    ]);
    await postForm(
      planner,
      `${agenda}/${items[1].id}`,
      `${agenda}/${items[1].id}`,
      { date: '2026-03-20', time: '09.30', title: 'Velkomst og præsentation', speaker: '' },
      303,
    );
    await postForm(planner, agenda, `${agenda}/${items[0].id}/fjern`, {}, 303);
    const page = textOf((await planner.get(`/seminarer/${seminar.id}`).expect(200)).text);
    expect(page).toContain('Tid torsdag den 19. marts 2026 kl. 13.00 – lørdag den 21. marts 2026 kl. 13.00');
    expect(page).toContain('fredag den 20. marts 2026 kl. 09.30 Velkomst og præsentation');
    expect(page).not.toContain('Rollen som politiker');
    expect((await planner.get(`/seminarer/${seminar.id}`)).text).toContain(
      `href="/seminarer/${seminar.id}/deltagere"`,
    );
  });

  it('refuses a seminar that ends before it begins and writes nothing', async () => {
    const before = await count(Seminar);
    const res = await postForm(
      planner,
      `/seminarer/ny?boelge=${wave.id}`,
      '/seminarer/ny',
      seminarForm({ title: 'Baglæns', endsAt: '2026-03-18' }),
      400,
    );
    expect(textOf(res.text)).toContain('Slutter (dag): Seminarets tidspunkter hænger ikke sammen.');
    expect(res.text).toContain('value="Baglæns"');
    expect(await count(Seminar)).toBe(before);
  });

  it('copies a seminar to two more days, across the change to summer time, agenda and all', async () => {
    const source = (await seminarBy('Kattegat-seminar, Kolding'))!;
    const nyborg = await t.dataSource.getRepository(Venue).findOneByOrFail({ name: 'Nyborg Strand' });
    const copy = `/seminarer/${source.id}/kopier`;
    const before = await count(Seminar);
    const bad = await postForm(planner, copy, copy, { date1: '2026-02-30', venue1: '' }, 400);
    expect(textOf(bad.text)).toContain('1. kopi, første dag: Skal være en dato, fx 15.01.2026.');
    const empty = await postForm(planner, copy, copy, { date1: '', venue1: '' }, 400);
    expect(textOf(empty.text)).toContain('Skriv mindst én dato at kopiere seminaret til.');
    expect(await count(Seminar)).toBe(before);

    await postForm(
      planner,
      copy,
      copy,
      { date1: '2026-03-26', venue1: '', date2: '2026-04-02', venue2: String(nyborg.id) },
      303,
    );
    const copies = await t.dataSource.getRepository(Seminar).find({
      where: { title: source.title, waveId: wave.id },
      relations: { agenda: true },
      order: { startsAt: 'ASC' },
    });
    expect(
      copies.map((s) => [
        local(s.startsAt),
        local(s.endsAt),
        s.venueId,
        s.status,
        s.agenda!.map((a) => local(a.startsAt)),
      ]),
    ).toEqual([
      ['2026-03-19 13:00', '2026-03-21 13:00', venue.id, 'draft', ['2026-03-20 09:30']],
      ['2026-03-26 13:00', '2026-03-28 13:00', venue.id, 'draft', ['2026-03-27 09:30']],
      ['2026-04-02 13:00', '2026-04-04 13:00', nyborg.id, 'draft', ['2026-04-03 09:30']],
    ]);
  });

  it('copies a whole wave to a new first day with a new window', async () => {
    const base = `/valgperioder/${cycleId}/planlaegning`;
    const form = `${base}/boelger/${wave.id}/kopier`;
    const window = {
      registrationOpensAt: '2026-03-01',
      registrationOpensAtTime: '08:00',
      registrationClosesAt: '2026-04-10',
      registrationClosesAtTime: '12:00',
    };
    const none = await postForm(
      planner,
      form,
      form,
      { name: 'Periode 3', ...window, days: '', startDate: '' },
      400,
    );
    expect(textOf(none.text)).toContain('Skriv enten et antal dage eller en ny første dag.');
    await postForm(
      planner,
      form,
      form,
      { name: 'Periode 3', ...window, days: '', startDate: '2026-04-16' },
      303,
    );
    const copied = await t.dataSource.getRepository(Wave).findOneByOrFail({ name: 'Periode 3' });
    const seminars = await t.dataSource
      .getRepository(Seminar)
      .find({ where: { waveId: copied.id }, order: { startsAt: 'ASC' } });
    expect(seminars.map((s) => [local(s.startsAt), s.status, local(s.registrationDeadline)])).toEqual([
      ['2026-04-16 13:00', 'draft', '2026-03-29 12:00'],
      ['2026-04-23 13:00', 'draft', '2026-04-05 12:00'],
      ['2026-04-30 13:00', 'draft', '2026-04-10 12:00'],
    ]);
  });

  it('previews a pasted table row by row, writes nothing while a row is wrong, and commits a clean one', async () => {
    const form = `/valgperioder/${cycleId}/planlaegning/tabel`;
    const before = await count(Seminar);
    const bad = [
      'dato\tstart\tslut\tkursussted\tpladser',
      '07.05.2026\t13.00\t09.05.2026 13.00\tHotel Koldingfjord\t24',
      '14.05.2026\t13.00\t16.05.2026 13.00\tHotel Ukendt\t24',
    ].join('\n');
    const preview = await postForm(
      planner,
      form,
      form,
      { waveId: String(wave.id), table: bad, commit: '1' },
      200,
    );
    const text = textOf(preview.text);
    expect(text).toContain('1 af 2 rækker har fejl');
    expect(text).toContain('Kursusstedet "Hotel Ukendt" findes ikke.');
    expect(text).toContain(
      'Oprettes: Kattegat-seminar, Kolding: torsdag den 7. maj 2026 kl. 13.00 – lørdag den 9. maj 2026 kl. 13.00, 24 pladser',
    );
    expect(await count(Seminar)).toBe(before);

    const good = bad.replace('Hotel Ukendt', 'Nyborg Strand');
    const clean = await postForm(planner, form, form, { waveId: String(wave.id), table: good }, 200);
    expect(textOf(clean.text)).toContain('Alle 2 rækker kan oprettes. Intet er gemt endnu.');
    expect(await count(Seminar)).toBe(before);
    const done = await postForm(
      planner,
      form,
      form,
      { waveId: String(wave.id), table: good, commit: '1' },
      303,
    );
    expect(done.headers.location).toBe(`/valgperioder/${cycleId}/planlaegning?oprettet=2`);
    expect(await count(Seminar)).toBe(before + 2);
    expect(textOf((await planner.get(done.headers.location).expect(200)).text)).toContain(
      '2 seminarer er oprettet som kladder.',
    );
  });

  it('reads an uploaded CSV file as the table: preview only, its rows put in the field to commit', async () => {
    const form = `/valgperioder/${cycleId}/planlaegning/tabel`;
    const before = await count(Seminar);
    const csv =
      'dato;start;slut;kursussted;pladser;titel\n21.05.2026;13.00;23.05.2026 13.00;Nyborg Strand;20;Kattegat på Fyn\n';
    const page = await planner.get(form).expect(200);
    const res = await planner
      .post(form)
      .field({ ...csrfOf(page.text), waveId: String(wave.id), table: '', commit: '1' })
      .attach('fil', Buffer.from(csv, 'latin1'), 'seminarer.csv')
      .expect(200);
    expect(textOf(res.text)).toContain('Alle 1 rækker kan oprettes. Intet er gemt endnu.');
    expect(res.text).toContain('21.05.2026\t13.00\t23.05.2026 13.00\tNyborg Strand\t20\tKattegat på Fyn');
    expect(await count(Seminar)).toBe(before);
  });

  it('shows who gets a change e-mail before a published seminar moves, then moves it once confirmed', async () => {
    const seminar = await createSeminar(t.dataSource, wave, venue, { title: 'Offentliggjort i Kolding' });
    const members = await createMembers(t.dataSource, cycleId, 2);
    const staffId = 1;
    for (const m of members)
      await t.app.get(SeatService).register(m.id, seminar.id, { kind: 'planner', staffId });
    const edit = `/seminarer/${seminar.id}/rediger`;
    const page = await planner.get(edit).expect(200);
    const stored = shownMoments(page.text);
    const change = {
      ...seminarForm({ title: seminar.title, status: 'published' }),
      ...stored,
      startsAtTime: '10:00',
    };
    delete (change as Record<string, string>).waveId;
    const mailsBefore = await count(OutboxMessage as never);

    const asked = await postForm(planner, edit, edit, change, 200);
    expect(textOf(asked.text)).toContain('2 deltagere får en ændringsmail');
    expect(textOf(asked.text)).toContain(members[0].name!);
    expect((await t.dataSource.getRepository(Seminar).findOneByOrFail({ id: seminar.id })).startsAt).toEqual(
      seminar.startsAt,
    );
    expect(await count(OutboxMessage as never)).toBe(mailsBefore);

    await postForm(planner, edit, edit, { ...change, confirmed: '1' }, 303);
    const moved = await t.dataSource.getRepository(Seminar).findOneByOrFail({ id: seminar.id });
    expect(toLocal(moved.startsAt).time).toBe('10:00');
    expect(await count(OutboxMessage as never)).toBe(mailsBefore + 2);
  });

  it('refuses fewer seats than taken with the next step: a new allocation', async () => {
    const seminar = await t.dataSource
      .getRepository(Seminar)
      .findOneByOrFail({ title: 'Offentliggjort i Kolding' });
    const edit = `/seminarer/${seminar.id}/rediger`;
    const page = await planner.get(edit).expect(200);
    const form = {
      ...seminarForm({ title: seminar.title, status: 'published', capacity: '1' }),
      ...shownMoments(page.text),
    };
    const refused = await postForm(planner, edit, edit, form, 409);
    expect(textOf(refused.text)).toContain('Der kan ikke blive færre pladser, end der allerede er taget.');
    const link = /<a href="([^"]*)">lav en ny fordeling<\/a>/.exec(refused.text)![1];
    const replan = cellText(link);
    expect(replan).toBe(`/valgperioder/${cycleId}/fordeling/omfordel?seminar=${seminar.id}&pladser=1`);
    expect((await t.dataSource.getRepository(Seminar).findOneByOrFail({ id: seminar.id })).capacity).toBe(25);
    const next = textOf((await planner.get(replan).expect(200)).text);
    expect(next).toContain(`${seminar.title} får 1 plads i stedet for 25`);
  });
  it('changes only the seats of a published seminar stored with seconds: nobody is asked about or told of a move', async () => {
    // Seminars made through the API may carry seconds; the form shows whole minutes.
    const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 40 * 86_400_000 + 30_500);
    const seminar = await createSeminar(t.dataSource, wave, venue, {
      title: 'Med sekunder i Kolding',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 86_400_000),
    });
    const [member] = await createMembers(t.dataSource, cycleId, 1);
    await t.app.get(SeatService).register(member.id, seminar.id, { kind: 'planner', staffId: 1 });
    const edit = `/seminarer/${seminar.id}/rediger`;
    const page = await planner.get(edit).expect(200);
    const mailsBefore = await count(OutboxMessage as never);
    const saved = await postForm(
      planner,
      edit,
      edit,
      {
        ...seminarForm({ title: seminar.title, status: 'published', capacity: '30' }),
        ...shownMoments(page.text),
      },
      303,
    );
    expect(saved.headers.location).toBe(`/seminarer/${seminar.id}?besked=gemt`);
    await expect(
      t.dataSource.getRepository(Seminar).findOneByOrFail({ id: seminar.id }),
    ).resolves.toMatchObject({
      capacity: 30,
      startsAt,
      endsAt: seminar.endsAt,
    });
    expect(await count(OutboxMessage as never)).toBe(mailsBefore);
  });
});
