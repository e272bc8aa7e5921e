import { In } from 'typeorm';
import { formatDanishDate } from '../src/common/danish-time';
import { AuditEntry } from '../src/cycles/gdpr/audit-entry.entity';
import { Member } from '../src/cycles/member.entity';
import { searchTextOf } from '../src/cycles/member-rules';
import { Seminar } from '../src/planning/seminar.entity';
import { Registration } from '../src/registrations/registration.entity';
import { SeatService } from '../src/registrations/seat.service';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { seat } from './factories/statistics.factory';
import { postForm, signedIn, textOf } from './helpers/console';
import { deliver, mailsTo } from './helpers/member-mail';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

/** A seminar's roster in the console: what it shows, and each action through SeatService with its e-mail. */
describe('Console: a seminar’s roster', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let planner: Awaited<ReturnType<typeof signedIn>>;
  let kolding: Seminar;
  let vejle: Seminar;
  let people: Member[];
  const system = { kind: 'system' } as const;

  const seatOf = (member: Member) =>
    t.dataSource.getRepository(Registration).findOne({
      where: [
        { memberId: member.id, state: 'registered' },
        { memberId: member.id, state: 'waitlisted' },
      ],
    });
  const roster = (s: Seminar) => `/seminarer/${s.id}/deltagere`;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url });
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    kolding = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), { capacity: 2 });
    vejle = await createSeminar(
      t.dataSource,
      wave,
      await createVenue(t.dataSource, { name: 'Munkebjerg Hotel', town: 'Vejle' }),
      { capacity: 5 },
    );
    people = await createMembers(t.dataSource, cycle.id, 6);
    for (const m of people)
      await t.dataSource
        .getRepository(Member)
        .update({ id: m.id }, { searchText: searchTextOf(m.name!, m.email!) });
    await t.dataSource
      .getRepository(Member)
      .update({ id: people[0].id }, { diet: 'Vegetar, nøddeallergi', accessibility: 'Kørestol' });
    const seats = t.app.get(SeatService);
    // Two seats at Kolding, then three on its waiting list in this order.
    for (const m of people.slice(0, 5)) await seats.register(m.id, kolding.id, system);
    planner = await signedIn(t, 'planner');
    await deliver(t, sink);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('shows participants with municipality, list, diet and accessibility, and the waiting list in order; only to planners', async () => {
    const page = textOf((await planner.get(roster(kolding)).expect(200)).text);
    expect(page).toContain(`Deltagere på ${kolding.title}`);
    expect(page).toContain('2 af 2 pladser taget – fuldt');
    expect(page).toContain(
      `${people[0].name} Odense A – Socialdemokratiet Vegetar, nøddeallergi Kørestol Tilmeldt`,
    );
    expect(page).toMatch(new RegExp(`1 ${people[2].name} .*2 ${people[3].name} .*3 ${people[4].name}`));
    const searched = textOf(
      (await planner.get(roster(kolding)).query({ q: people[1].name }).expect(200)).text,
    );
    expect(searched).toContain(people[1].name!);
    expect(searched).not.toContain(people[0].name!);
    for (const role of ['municipality', 'kl'] as const) {
      const other = await signedIn(t, role);
      await other.get(roster(kolding)).expect(403);
      await other.get(`/seminarer/${kolding.id}/navneskilte`).expect(403);
    }
    await planner.get('/seminarer/999999/deltagere').expect(404);
  });

  it('says when and where the seminar is: its Danish days, its venue and town, the seats taken', async () => {
    const page = textOf((await planner.get(roster(vejle)).expect(200)).text);
    expect(page).toContain(
      `Tid ${formatDanishDate(vejle.startsAt)} til ${formatDanishDate(vejle.endsAt)} ` +
        'Sted Munkebjerg Hotel, Vejle Pladser 0 af 5 pladser taget – 5 ledige',
    );
  });

  it('books a member in after saying which e-mail goes out; the confirmation arrives', async () => {
    const found = textOf(
      (
        await planner
          .get(`${roster(vejle)}/tilmeld`)
          .query({ q: people[5].name })
          .expect(200)
      ).text,
    );
    expect(found).toContain(`${people[5].name} Odense Ikke inviteret`);
    const ask = `${roster(vejle)}/tilmeld/${people[5].id}`;
    expect(textOf((await planner.get(ask).expect(200)).text)).toContain(
      `får en bekræftelse med en kalenderinvitation: »Bekræftelse: Din plads på ${vejle.title}«`,
    );
    const done = await postForm(planner, ask, ask, {}, 303);
    expect(done.headers.location).toBe(`${roster(vejle)}?besked=tilmeldt`);
    expect(await seatOf(people[5])).toMatchObject({ seminarId: vejle.id, state: 'registered' });
    const mails = mailsTo(await deliver(t, sink), people[5]);
    expect(mails.map((m) => m.subject)).toEqual([`Bekræftelse: Din plads på ${vejle.title}`]);
  });

  it('refuses to book one who has a seat elsewhere, with the reason, and offers the move', async () => {
    const seat = (await seatOf(people[0]))!;
    const ask = `${roster(vejle)}/tilmeld/${people[0].id}`;
    const page = await planner.get(ask).expect(200);
    expect(textOf(page.text)).toContain(`har allerede en plads på ${kolding.title}`);
    expect(page.text.replace(/&#x3D;/g, '=')).toContain(
      `href="${roster(kolding)}/${seat.id}/flyt?til=${vejle.id}"`,
    );
    expect(page.text).not.toContain(`action="${ask}"`);
    const refused = await postForm(planner, ask, ask, {}, 409);
    expect(textOf(refused.text)).toContain('Det lykkedes ikke');
    expect(await seatOf(people[0])).toMatchObject({ id: seat.id, seminarId: kolding.id });
  });

  it('moves a member: the select shows free seats, the first waiting moves up, one "moved" e-mail', async () => {
    const seat = (await seatOf(people[0]))!;
    const ask = `${roster(kolding)}/${seat.id}/flyt?til=${vejle.id}`;
    const page = await planner.get(ask).expect(200);
    expect(textOf(page.text)).toContain(`»Din plads er flyttet til ${vejle.title}«`);
    expect(textOf(page.text)).toContain(`${people[2].name} er først på ventelisten og rykker op`);
    expect(page.text).toMatch(
      new RegExp(`<option value="${vejle.id}" selected>${vejle.title}, [^<]* – 4 ledige pladser`),
    );
    await postForm(planner, ask, `${roster(kolding)}/${seat.id}/flyt`, { seminarId: String(vejle.id) }, 303);
    expect(await seatOf(people[0])).toMatchObject({ seminarId: vejle.id, state: 'registered' });
    expect(await seatOf(people[2])).toMatchObject({ seminarId: kolding.id, state: 'registered' });
    const mails = await deliver(t, sink);
    expect(mailsTo(mails, people[0]).map((m) => m.subject)).toEqual([
      `Din plads er flyttet til ${vejle.title}`,
    ]);
    expect(mailsTo(mails, people[2]).map((m) => m.subject)).toEqual([
      `Du har fået en plads på ${kolding.title}`,
    ]);
  });

  it('cancels a seat after saying who gets it from the waiting list', async () => {
    const seat = (await seatOf(people[1]))!;
    const ask = `${roster(kolding)}/${seat.id}/afbud`;
    const page = textOf((await planner.get(ask).expect(200)).text);
    expect(page).toContain(`»Din plads på ${kolding.title} er annulleret«`);
    expect(page).toContain(`${people[3].name} er først på ventelisten og rykker op`);
    await postForm(planner, ask, ask, {}, 303);
    expect(await seatOf(people[1])).toBeNull();
    expect(await seatOf(people[3])).toMatchObject({ seminarId: kolding.id, state: 'registered' });
    const mails = await deliver(t, sink);
    expect(mailsTo(mails, people[1]).map((m) => m.subject)).toEqual([
      `Din plads på ${kolding.title} er annulleret`,
    ]);
    expect(mailsTo(mails, people[3]).map((m) => m.subject)).toEqual([
      `Du har fået en plads på ${kolding.title}`,
    ]);
  });

  it('promotes from the waiting list only into a free seat', async () => {
    const seat = (await seatOf(people[4]))!;
    const ask = `${roster(kolding)}/${seat.id}/ryk-op`;
    expect(textOf((await planner.get(ask).expect(200)).text)).toContain('Der er ingen ledig plads');
    const refused = await postForm(planner, ask, ask, {}, 409);
    expect(textOf(refused.text)).toContain('Der er ingen ledig plads på seminaret');
    expect(await seatOf(people[4])).toMatchObject({ state: 'waitlisted' });
    // A seat freed without the waiting list moving (as a raised capacity written directly would).
    await t.dataSource.getRepository(Seminar).update({ id: kolding.id }, { capacity: 3 });
    expect(textOf((await planner.get(ask).expect(200)).text)).toContain(
      `»Du har fået en plads på ${kolding.title}«`,
    );
    await postForm(planner, ask, ask, {}, 303);
    expect(await seatOf(people[4])).toMatchObject({ seminarId: kolding.id, state: 'registered' });
    const mails = mailsTo(await deliver(t, sink), people[4]);
    expect(mails.map((m) => m.subject)).toEqual([`Du har fået en plads på ${kolding.title}`]);
  });

  it('gives a printable roster with a signature column, badges and an Excel-safe CSV', async () => {
    const print = textOf((await planner.get(`${roster(vejle)}/udskriv`).expect(200)).text);
    expect(print).toContain('Underskrift');
    expect(print).toContain(`${people[0].name} Odense A – Socialdemokratiet Vegetar, nøddeallergi Kørestol`);
    const badges = await planner.get(`/seminarer/${vejle.id}/navneskilte`).expect(200);
    expect(badges.text.match(/class="console-badge"/g)).toHaveLength(2);
    const csv = await planner.get(`${roster(kolding)}/eksport`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    await expect(
      t.dataSource
        .getRepository(AuditEntry)
        .findOneBy({ action: 'members.export', cycleId: kolding.cycleId }),
    ).resolves.toMatchObject({ details: { members: 3, from: 'roster', seminarId: kolding.id } });
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Plads;Navn;E-mail;Kommune;Liste;Kost og allergier;Tilgængelighed;Status');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(
      /^1;Æble Østergård \d+;medlem\d+@kommune\.test;Odense;A – Socialdemokratiet;;;Tilmeldt$/,
    );
  });

  it('answers 404 for a seat of another seminar', async () => {
    const seat = (await seatOf(people[0]))!;
    await planner.get(`${roster(kolding)}/${seat.id}/afbud`).expect(404);
  });

  it('the participation board filters by wave: counts and the list behind each count', async () => {
    const cycleId = kolding.cycleId;
    const later = await createWave(t.dataSource, cycleId, { name: 'Periode 2' });
    const aarhus = await createSeminar(
      t.dataSource,
      later,
      await createVenue(t.dataSource, { name: 'Scandic Aarhus City', town: 'Aarhus' }),
    );
    const [newcomer] = await createMembers(t.dataSource, cycleId, 1, { name: 'Søren Ærø Østergård' });
    await t.app.get(SeatService).register(newcomer.id, aarhus.id, system);
    const board = (query: object) =>
      planner
        .get(`/valgperioder/${cycleId}/deltagelse`)
        .query(query)
        .expect(200)
        .then((res) => textOf(res.text));
    expect(await board({})).toContain('Tilmeldt i alt 6 – vis dem');
    const first = await board({ boelge: kolding.waveId });
    expect(first).toContain('Pladserne i Periode 1');
    expect(first).toContain('Tilmeldt i alt 5 – vis dem');
    expect(first).toContain('Meldt afbud 1 – vis dem');
    expect(first).not.toContain('Ikke svaret');
    const second = await board({ boelge: later.id });
    expect(second).toContain('Tilmeldt i alt 1 – vis dem');
    expect(second).toContain('Meldt afbud 0 – vis dem');
    const list = textOf(
      (
        await planner
          .get(`/valgperioder/${cycleId}/medlemmer`)
          .query({ boelge: later.id, status: 'registered' })
          .expect(200)
      ).text,
    );
    expect(list).toContain('Søren Ærø Østergård');
    expect(list).toContain('Kun medlemmer med en plads på én bølges seminarer');
    expect(list).not.toContain(people[0].name!);
    await planner.get(`/valgperioder/${cycleId}/deltagelse`).query({ boelge: 999999 }).expect(404);
  });

  it('leaves an erased member out of the roster and its waiting list', async () => {
    const wave = await createWave(t.dataSource, kolding.cycleId);
    const nyborg = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), { capacity: 5 });
    const [kept, erased, waiting] = await createMembers(t.dataSource, kolding.cycleId, 3);
    await seat(t.dataSource, kept, nyborg, 'registered');
    await seat(t.dataSource, erased, nyborg, 'attended');
    await seat(t.dataSource, waiting, nyborg, 'waitlisted');
    await t.dataSource
      .getRepository(Member)
      .update({ id: In([erased.id, waiting.id]) }, { name: null, email: null, erasedAt: new Date() });
    const html = (await planner.get(roster(nyborg)).expect(200)).text;
    const rowsOf = (id: string) =>
      (new RegExp(`id="${id}"[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html)?.[1].match(/<tr>/g) ?? [])
        .length;
    expect(textOf(html)).toContain(kept.name!);
    expect(rowsOf('table-participants')).toBe(1);
    expect(rowsOf('table-waiting')).toBe(0);
  });

  it('lists the participants in Danish order: Aage after Bo, as Å after Z', async () => {
    const wave = await createWave(t.dataSource, kolding.cycleId);
    const odder = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), { capacity: 5 });
    const members = await createMembers(t.dataSource, kolding.cycleId, 3);
    for (const [m, name] of members.map((m, i) => [m, ['Aage Holm', 'Bo Holm', 'Zenia Holm'][i]] as const)) {
      await t.dataSource.getRepository(Member).update({ id: m.id }, { name });
      await seat(t.dataSource, m, odder, 'registered');
    }
    const page = textOf((await planner.get(roster(odder)).expect(200)).text);
    expect(page).toMatch(/Bo Holm .*Zenia Holm .*Aage Holm/);
  });
});
