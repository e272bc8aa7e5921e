import { Member } from '../src/cycles/member.entity';
import { RegistrationEvent } from '../src/registrations/registration-event.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { Invitation } from '../src/invitations/invitation.entity';
import { Decline } from '../src/invitations/decline.entity';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { Registration } from '../src/registrations/registration.entity';
import { consoleRegister, Register } from './factories/console-register';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { postForm, signedIn, textOf } from './helpers/console';
import { startTestApp, TestApp } from './helpers/test-app';

/** The first cells (names) of the member table's rows. */
const names = (html: string) =>
  [...html.matchAll(/<tr>\s*<th scope="row"><a href="[^"]+">([^<]*)<\/a><\/th>/g)].map((m) => textOf(m[1]));

describe('Console: the member register', () => {
  let t: TestApp;
  let r: Register;
  let list: string;

  beforeAll(async () => {
    t = await startTestApp();
    r = await consoleRegister(t);
    list = `/valgperioder/${r.cycle.id}/medlemmer`;
  });
  afterAll(() => t.close());

  it('finds members by part of an æøå name, in any case, and pages the rest 50 at a time', async () => {
    const planner = await signedIn(t, 'planner');
    expect(names((await planner.get(list).query({ q: 'ærø' }).expect(200)).text)).toEqual([
      'Søren Ærø Østergård',
    ]);
    expect(names((await planner.get(list).query({ q: 'ØSTER' }).expect(200)).text)).toEqual([
      'Søren Ærø Østergård',
    ]);
    expect(names((await planner.get(list).query({ q: 'ågå' }).expect(200)).text)).toEqual(['Åse Ågård']);

    // The form as a browser without JavaScript sends it: every filter left at "Alle".
    const all = {
      q: 'ærø',
      kommune: '',
      region: '',
      liste: '',
      nyvalgt: '',
      status: '',
      sortering: '',
      retning: '',
    };
    expect(names((await planner.get(list).query(all).expect(200)).text)).toEqual(['Søren Ærø Østergård']);

    const first = await planner.get(list).expect(200);
    expect(names(first.text)).toHaveLength(50);
    expect(textOf(first.text)).toContain('Viser 1–50 af 123 medlemmer.');
    const second = await planner.get(list).query({ side: 2 }).expect(200);
    expect(textOf(second.text)).toContain('Viser 51–100 af 123 medlemmer.');
    expect(names(second.text)[0]).toBe('Bent Nummer 051');
    const beyond = await planner.get(list).query({ side: 99 }).expect(200);
    expect(textOf(beyond.text)).toContain('Viser 101–123 af 123 medlemmer.');
  });

  it('filters by municipality, list and status, and sorts by municipality both ways', async () => {
    const planner = await signedIn(t, 'planner');
    expect(names((await planner.get(list).query({ kommune: 751 }).expect(200)).text)).toEqual([
      'Ærbødig Århusianer',
    ]);
    expect(names((await planner.get(list).query({ liste: 'v' }).expect(200)).text)).toEqual(['Åse Ågård']);
    await t.dataSource.getRepository(Invitation).insert({
      cycleId: r.cycle.id,
      memberId: r.aase.id,
      tokenHash: 'a'.repeat(64),
      expiresAt: new Date(Date.now() + 86_400_000),
      revokedAt: null,
      issuedBy: null,
    });
    expect(names((await planner.get(list).query({ status: 'not_answered' }).expect(200)).text)).toEqual([
      'Åse Ågård',
    ]);
    // Aarhus before Odense, and the other way round.
    const byMunicipality = async (retning?: string) =>
      names((await planner.get(list).query({ sortering: 'kommune', q: 'æ', retning }).expect(200)).text);
    expect(await byMunicipality()).toEqual(['Ærbødig Århusianer', 'Søren Ærø Østergård']);
    expect(await byMunicipality('ned')).toEqual(['Søren Ærø Østergård', 'Ærbødig Århusianer']);
    const bad = await planner.get(list).query({ status: 'noget' }).expect(400);
    expect(textOf(bad.text)).toContain('Det kunne ikke lade sig gøre');
  });

  it('shows each member where they stand: invited, declined, seated, cancelled, the newest of two seats', async () => {
    const planner = await signedIn(t, 'planner');
    const [none, invited, declined, seated, cancelled, twice] = r.many;
    const venue = await createVenue(t.dataSource);
    const [first, second] = [
      await createSeminar(t.dataSource, await createWave(t.dataSource, r.cycle.id), venue),
      await createSeminar(t.dataSource, await createWave(t.dataSource, r.cycle.id), venue),
    ];
    await t.dataSource.getRepository(Invitation).insert(
      [invited, declined, seated, cancelled, twice].map((m, i) => ({
        cycleId: r.cycle.id,
        memberId: m.id,
        tokenHash: String(i).repeat(64),
        expiresAt: new Date(Date.now() + 86_400_000),
        revokedAt: null,
        issuedBy: null,
      })),
    );
    await t.dataSource.getRepository(Decline).insert({ cycleId: r.cycle.id, memberId: declined.id });
    const seat = (memberId: number, seminarId: number, state: Registration['state']) =>
      t.dataSource.getRepository(Registration).insert({ cycleId: r.cycle.id, memberId, seminarId, state });
    await seat(seated.id, first.id, 'registered');
    await seat(cancelled.id, first.id, 'cancelled');
    // The first wave attended, the second booked: the newer seat says where the member stands.
    await seat(twice.id, first.id, 'attended');
    await seat(twice.id, second.id, 'registered');

    const page = (await planner.get(list).query({ q: 'Bent Nummer 00' }).expect(200)).text;
    const statuses = [
      ...page.matchAll(
        /<th scope="row"><a href="[^"]+">([^<]*)<\/a><\/th>(?:\s*<td>[^<]*<\/td>){4}\s*<td>([^<]*)<\/td>/g,
      ),
    ].map((m) => [textOf(m[1]), textOf(m[2])]);
    expect(statuses.slice(0, 6)).toEqual([
      [none.name, 'Ikke inviteret'],
      [invited.name, 'Ikke svaret'],
      [declined.name, 'Kan ikke deltage'],
      [seated.name, 'Tilmeldt'],
      [cancelled.name, 'Meldt afbud'],
      [twice.name, 'Tilmeldt'],
    ]);
  });

  it('gives a CSV of exactly the rows the filters select, Excel-safe', async () => {
    const planner = await signedIn(t, 'planner');
    const res = await planner.get(`${list}/eksport`).query({ q: 'å' }).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="medlemmer-${r.cycle.code}.csv"`);
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFNavn;E-mail;Telefon;Kommune;Region;Partibogstav;Listenavn;Nyvalgt;Rolle;Status',
    );
    // "å" is in Østergård too; the page's order is the database's, so compare as sets.
    expect(
      lines
        .slice(1, -1)
        .map((l) => l.split(';')[0])
        .sort(),
    ).toEqual(['Søren Ærø Østergård', 'Ærbødig Århusianer', 'Åse Ågård'].sort());
    expect(lines.at(-1)).toBe('');
    // Each row of all the list's pages with "Nyvalgt" as the member has it (read raw, SQLite's 0 is no boolean).
    const repository = t.dataSource.getRepository(Member);
    const reelected = (await repository.findBy({ cycleId: r.cycle.id }))[0];
    await repository.update(reelected.id, { newlyElected: false });
    const all = (await planner.get(`${list}/eksport`).expect(200)).text.split('\r\n').slice(1, -1);
    // The list's filter on it, both ways.
    expect(names((await planner.get(list).query({ nyvalgt: 'nej' }).expect(200)).text)).toEqual([
      reelected.name,
    ]);
    expect(names((await planner.get(list).query({ nyvalgt: 'ja' }).expect(200)).text)).not.toContain(
      reelected.name,
    );
    await repository.update(reelected.id, { newlyElected: true });
    const newlyElected = all.map((l) => l.split(';')).map(([name, , , , , , , nyvalgt]) => [name, nyvalgt]);
    expect(newlyElected).toHaveLength(await repository.countBy({ cycleId: r.cycle.id }));
    for (const [name, nyvalgt] of newlyElected)
      expect([name, nyvalgt]).toEqual([name, name === reelected.name ? 'nej' : 'ja']);
    expect(new Set(newlyElected.map(([, nyvalgt]) => nyvalgt))).toEqual(new Set(['ja', 'nej']));
  });

  it('edits a member: a bad address is refused in Danish with what was typed, a new one offers a fresh invitation', async () => {
    const planner = await signedIn(t, 'planner');
    const page = `${list}/${r.soeren.id}`;
    const fields = {
      name: 'Søren Ærø Østergård',
      email: 'ikke-en-adresse',
      phone: '',
      municipalityCode: '461',
      listLetter: 'A',
      listName: '',
      newlyElected: 'ja',
      role: 'member',
      diet: '',
      accessibility: '',
      note: '',
    };
    const refused = await postForm(planner, `${page}/rediger`, `${page}/rediger`, fields, 400);
    expect(refused.text).toContain('<a href="#email">E-mail: Skal være en e-mailadresse.</a>');
    expect(refused.text).toContain('value="ikke-en-adresse"');
    const taken = await postForm(
      planner,
      `${page}/rediger`,
      `${page}/rediger`,
      { ...fields, email: 'aase@odense.dk' },
      409,
    );
    expect(textOf(taken.text)).toContain('Et andet medlem i valgperioden har allerede den e-mail.');
    expect((await t.dataSource.getRepository(Member).findOneBy({ id: r.soeren.id }))!.email).toBe(
      'soeren@odense.dk',
    );

    const saved = await postForm(
      planner,
      `${page}/rediger`,
      `${page}/rediger`,
      { ...fields, email: 'Soeren.Ny@Odense.dk' },
      303,
    );
    expect(saved.headers.location).toBe(`${page}/ny-invitation?ny-adresse=1`);
    const ask = textOf((await planner.get(saved.headers.location).expect(200)).text);
    expect(ask).toContain('E-mailadressen er ændret til soeren.ny@odense.dk.');
    await postForm(planner, saved.headers.location, `${page}/ny-invitation`, {}, 303);
    const mails = await t.dataSource
      .getRepository(OutboxMessage)
      .findBy({ memberId: r.soeren.id, kind: 'invitation' });
    expect(mails.map((m) => m.recipientEmail)).toEqual(['soeren.ny@odense.dk']);

    const shown = textOf((await planner.get(`${page}?besked=inviteret`).expect(200)).text);
    expect(shown).toContain('En ny invitation er sendt.');
    expect(shown).toMatch(/Invitation sendt\s+En planlægger/);
    expect(shown).toContain('Invitation');
    expect(shown).toContain('soeren.ny@odense.dk Venter på at blive sendt');
  });

  it('exports a member’s personal data and erases it after asking', async () => {
    const planner = await signedIn(t, 'planner');
    const page = `${list}/${r.many[0].id}`;
    const data = await planner.get(`${page}/indsigt`).expect(200);
    expect(data.headers['content-disposition']).toBe(
      `attachment; filename="indsigt-medlem-${r.many[0].id}.json"`,
    );
    expect(JSON.parse(data.text).member).toMatchObject({ name: 'Bent Nummer 001', email: 'bent1@odense.dk' });

    expect(textOf((await planner.get(`${page}/slet`).expect(200)).text)).toContain('Det kan ikke fortrydes.');
    expect((await t.dataSource.getRepository(Member).findOneBy({ id: r.many[0].id }))!.name).toBe(
      'Bent Nummer 001',
    );
    await postForm(planner, `${page}/slet`, `${page}/slet`, {}, 303);
    const erased = await t.dataSource.getRepository(Member).findOneBy({ id: r.many[0].id });
    expect(erased).toMatchObject({ name: null, email: null });
    expect(erased!.erasedAt).not.toBeNull();
    expect(textOf((await planner.get(page).expect(200)).text)).toContain('Slettet medlem');
  });

  it('shows a municipal contact its own municipality only: other members are 403, lists and CSV leave them out', async () => {
    const contact = await signedIn(t, 'municipality', 461);
    const shown = (await contact.get(list).query({ q: 'ær' }).expect(200)).text;
    expect(names(shown)).toEqual(['Søren Ærø Østergård']);
    expect(shown).not.toContain('id="kommune"');
    await contact.get(list).query({ kommune: 751 }).expect(403);
    const refused = await contact.get(`${list}/${r.aarhus.id}`).expect(403);
    expect(textOf(refused.text)).toContain('Ingen adgang');
    expect(refused.text).not.toContain('Århusianer');
    await contact.get(`${list}/${r.aarhus.id}/rediger`).expect(403);
    const csv = (await contact.get(`${list}/eksport`).expect(200)).text;
    expect(csv).not.toContain('aarhus.dk');
    expect(csv).toContain('aase@odense.dk');
    await contact.get(`${list}/${r.aase.id}/ny-invitation`).expect(403);
    await contact.get(`${list}/${r.aase.id}/indsigt`).expect(403);
  });

  it('is closed to KL', async () => {
    const kl = await signedIn(t, 'kl');
    await kl.get(list).expect(403);
    await kl.get(`${list}/${r.aase.id}`).expect(403);
  });

  it("shows a member's invitations and seat changes oldest first, with the seminar's title, time and who did it", async () => {
    const cycle = await createCycle(t.dataSource);
    const seminar = await createSeminar(
      t.dataSource,
      await createWave(t.dataSource, cycle.id),
      await createVenue(t.dataSource),
      { title: 'Grundkursus i Kolding' },
    );
    const [member] = await createMembers(t.dataSource, cycle.id, 1);
    const event = (
      kind: RegistrationEvent['kind'],
      at: string,
      seminarId: number | null,
      actor: RegistrationEvent['actor'],
    ) =>
      t.dataSource.getRepository(RegistrationEvent).insert({
        kind,
        cycleId: cycle.id,
        memberId: member.id,
        registrationId: null,
        seminarId,
        invitationId: null,
        actor,
        staffId: null,
        calendarSequence: null,
        details: null,
        createdAt: new Date(at),
      });
    await event('invitation_issued', '2026-01-02T10:00:00Z', null, 'system');
    await event('registered', '2026-01-05T22:30:00Z', seminar.id, 'planner');
    const planner = await signedIn(t, 'planner');
    const html = (await planner.get(`/valgperioder/${cycle.id}/medlemmer/${member.id}`).expect(200)).text;
    const body = /id="table-history"[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1];
    expect([...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => textOf(row[1]))).toEqual([
      'fredag den 2. januar 2026 kl. 11.00 Invitation sendt Systemet',
      'mandag den 5. januar 2026 kl. 23.30 Tilmeldt Grundkursus i Kolding En planlægger',
    ]);
  });

  it("lists a member's e-mails newest first, 50 at most: when sent (else queued), kind, subject, address, status", async () => {
    const cycle = await createCycle(t.dataSource);
    const [member, other] = await createMembers(t.dataSource, cycle.id, 2);
    const mail = (n: number, memberId: number, fields: Partial<OutboxMessage>) => ({
      key: `test-mail:${memberId}:${n}`,
      kind: 'reminder' as const,
      recipientEmail: `medlem${memberId}@example.dk`,
      recipientName: 'Medlem',
      memberId,
      seminarId: null,
      subject: `Påmindelse nr. ${n}`,
      html: '',
      text: '',
      status: 'sent' as const,
      attempts: 1,
      nextAttemptAt: new Date('2026-01-01T09:00:00Z'),
      createdAt: new Date('2026-01-01T09:00:00Z'),
      sentAt: new Date('2026-01-01T09:05:00Z'),
      ...fields,
    });
    const outbox = t.dataSource.getRepository(OutboxMessage);
    await outbox.insert(Array.from({ length: 50 }, (_, i) => mail(i + 1, member.id, {})));
    await outbox.insert([
      mail(51, member.id, {
        kind: 'confirmation',
        subject: '',
        status: 'pending',
        attempts: 0,
        sentAt: null,
        createdAt: new Date('2026-01-02T10:00:00Z'),
      }),
      mail(52, member.id, {
        status: 'failed',
        sentAt: null,
        subject: 'Påmindelse',
        createdAt: new Date('2026-01-03T11:30:00Z'),
        lastError: '550 no such user',
      }),
      mail(1, other.id, { subject: 'Til en anden' }),
    ]);
    const planner = await signedIn(t, 'planner');
    const html = (await planner.get(`/valgperioder/${cycle.id}/medlemmer/${member.id}`).expect(200)).text;
    const body = /id="table-mails"[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1];
    const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => row[1]);
    expect(rows).toHaveLength(50);
    expect(rows.slice(0, 3).map(textOf)).toEqual([
      `lørdag den 3. januar 2026 kl. 12.30 Påmindelse Påmindelse medlem${member.id}@example.dk Kunne ikke leveres`,
      `fredag den 2. januar 2026 kl. 11.00 Bekræftelse Bekræftelse (skrives, når den sendes) medlem${member.id}@example.dk Venter på at blive sendt`,
      `torsdag den 1. januar 2026 kl. 10.05 Påmindelse Påmindelse nr. 50 medlem${member.id}@example.dk Sendt`,
    ]);
    expect(rows[0]).toContain('<strong>Kunne ikke leveres</strong>');
    expect(textOf(rows[49])).toContain('Påmindelse nr. 3 ');
    expect(html).not.toContain('Til en anden');
  });

  it('answers 404 for a member of another cycle and for a cycle that does not exist', async () => {
    const cycle = await createCycle(t.dataSource);
    const planner = await signedIn(t, 'planner');
    await planner.get(`/valgperioder/${cycle.id}/medlemmer/${r.aase.id}`).expect(404);
    await planner.get(`/valgperioder/999999/medlemmer/${r.aase.id}`).expect(404);
  });
});
