import { Material } from '../src/materials/material.entity';
import { MaterialsAnnouncer } from '../src/materials/materials-announcer';
import { copenhagenFields } from '../src/common/copenhagen-instant';
import { Cycle } from '../src/cycles/cycle.entity';
import { Member } from '../src/cycles/member.entity';
import { Registration } from '../src/registrations/registration.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { signedIn, textOf } from './helpers/console';
import { deliver, mailsTo, PAGE_LINK } from './helpers/member-mail';
import { csrfOf } from './helpers/portal';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(60_000);

const DAY = 24 * 3600 * 1000;
const PDF = Buffer.from('%PDF-1.4\nProgram\n%%EOF\n');

describe('Materials in the console', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let planner: Awaited<ReturnType<typeof signedIn>>;
  let cycle: Cycle;
  let pilotMember: Member;
  let comingMember: Member;
  let base: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url, MATERIAL_MAX_BYTES: '4096' });
    cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const venue = await createVenue(t.dataSource);
    // The pilot ended ten days ago; its participants must not be told to read before the course.
    const pilotStart = new Date(Date.now() - 12 * DAY);
    const pilot = await createSeminar(t.dataSource, wave, venue, {
      title: 'Pilotseminar',
      startsAt: pilotStart,
      endsAt: new Date(pilotStart.getTime() + 2 * DAY),
    });
    const coming = await createSeminar(t.dataSource, wave, venue, { title: 'Kattegat Kolding' });
    [pilotMember, comingMember] = await createMembers(t.dataSource, cycle.id, 2);
    await t.dataSource.getRepository(Registration).save([
      { cycleId: cycle.id, memberId: pilotMember.id, seminarId: pilot.id, state: 'attended' as const },
      { cycleId: cycle.id, memberId: comingMember.id, seminarId: coming.id, state: 'registered' as const },
    ]);
    planner = await signedIn(t, 'planner');
    base = `/valgperioder/${cycle.id}/materialer`;
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  /** Posts the add form as a browser does (multipart, with the page's CSRF fields). */
  async function addMaterial(
    status: number,
    fields: Record<string, string>,
    file?: { bytes: Buffer; name: string },
  ) {
    const page = await planner.get(base).expect(200);
    let post = planner.post(base);
    for (const [name, value] of Object.entries({ ...csrfOf(page.text), ...fields }))
      post = post.field(name, value);
    return (file ? post.attach('fil', file.bytes, file.name) : post).expect(status);
  }

  const hourAgo = () => copenhagenFields(new Date(Date.now() - 3600 * 1000));

  it('opens the section on the working cycle and keeps KL out', async () => {
    const section = await planner.get('/materialer').expect(303);
    expect(section.headers.location).toMatch(/^\/valgperioder\/\d+\/materialer$/);
    const kl = await signedIn(t, 'kl');
    await kl.get(base).expect(403);
  });

  it('refuses a program renamed to .pdf, a date that does not exist and a material with neither file nor link, storing nothing', async () => {
    const { date, time } = hourAgo();
    const exe = await addMaterial(
      415,
      { titel: 'Slides', hoererTil: 'alle', dato: date, tid: time, link: '' },
      { bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), name: 'slides.pdf' },
    );
    expect(textOf(exe.text)).toContain('Filen kan ikke bruges.');
    expect(exe.text).toContain('value="Slides"');

    const badDate = await addMaterial(
      400,
      { titel: 'Program', hoererTil: 'alle', dato: '2026-02-30', tid: '08:00', link: '' },
      { bytes: PDF, name: 'p.pdf' },
    );
    expect(textOf(badDate.text)).toContain('Datoen eller klokkeslættet findes ikke.');

    const nothing = await addMaterial(400, {
      titel: 'Program',
      hoererTil: 'alle',
      dato: date,
      tid: time,
      link: '',
    });
    expect(textOf(nothing.text)).toContain('Fil: Et materiale skal have en fil eller et link.');
    const big = await addMaterial(
      413,
      { titel: 'Stor', hoererTil: 'alle', dato: date, tid: time, link: '' },
      { bytes: Buffer.concat([PDF, Buffer.alloc(5000)]), name: 'stor.pdf' },
    );
    expect(textOf(big.text)).toContain('Fil: Filen er for stor.');
    const otherCycle = await addMaterial(400, {
      titel: 'Andetsteds',
      hoererTil: '999999',
      dato: date,
      tid: time,
      link: 'https://www.kl.dk',
    });
    expect(textOf(otherCycle.text)).toContain('Seminaret hører ikke til valgperioden.');
    await expect(t.dataSource.getRepository(Material).countBy({ cycleId: cycle.id })).resolves.toBe(0);
  });

  it('tells only the members whose seminar has not ended, and shows who was told', async () => {
    const { date, time } = hourAgo();
    const added = await addMaterial(
      303,
      { titel: 'Læs inden kurset', hoererTil: 'alle', dato: date, tid: time, link: '' },
      { bytes: PDF, name: 'Økonomi på tværs.pdf' },
    );
    const materialPath = added.headers.location.split('?')[0];
    const before = textOf((await planner.get(added.headers.location).expect(200)).text);
    expect(before).toContain('Materialet er tilføjet.');
    expect(before).toContain('Hele valgperioden');
    expect(before).toContain('Fil: Økonomi på tværs.pdf');
    expect(before).toContain('får 1 medlem en e-mail');

    await t.app.get(MaterialsAnnouncer).sweep();
    const mails = await deliver(t, sink);
    expect(mailsTo(mails, comingMember)).toHaveLength(1);
    expect(mailsTo(mails, pilotMember)).toHaveLength(0);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('Læs inden kurset');
    const link = PAGE_LINK.exec(mails[0].text!)![1];
    await t.http().get(`/p/${link}`).expect(200);

    const after = await planner.get(materialPath).expect(200);
    const told = textOf(/<table[^>]*id="table-told"[\s\S]*?<\/table>/.exec(after.text)![0]);
    expect(told).toContain(comingMember.name);
    expect(told).toContain(`${comingMember.email} Sendt`);
    expect(told).not.toContain(pilotMember.name);
    expect(textOf(after.text)).toContain('til 1 medlem');
    const list = textOf((await planner.get(base).expect(200)).text);
    expect(list).toContain('Læs inden kurset');
    expect(list).toMatch(/Besked sendt .* til 1 medlem/);
  });

  it('replaces a material after saying who was told, and withdraws it after asking once', async () => {
    const material = (await t.dataSource.getRepository(Material).findOneByOrFail({ cycleId: cycle.id }))!;
    const path = `${base}/${material.id}`;
    const ask = await planner.get(`${path}/erstat`).expect(200);
    expect(textOf(ask.text)).toContain('1 medlem har fået besked om materialet. De får ikke en ny e-mail');
    const replaced = await planner
      .post(`${path}/erstat`)
      .field('nonce', csrfOf(ask.text).nonce)
      .field('mac', csrfOf(ask.text).mac)
      .field('link', 'https://www.kl.dk/kommunaloekonomi')
      .expect(303);
    expect(replaced.headers.location).toBe(`${path}?besked=erstattet`);
    expect(textOf((await planner.get(replaced.headers.location).expect(200)).text)).toContain(
      'Link: https://www.kl.dk/kommunaloekonomi',
    );
    await planner.get(`${path}/fil`).expect(303).expect('Location', 'https://www.kl.dk/kommunaloekonomi');
    const row = await t.dataSource.getRepository(Material).findOneByOrFail({ id: material.id });
    expect(row).toMatchObject({ kind: 'link', fileName: null, size: null });
    expect(row.announcedAt).not.toBeNull();

    const confirm = await planner.get(`${path}/traek-tilbage`).expect(200);
    expect(textOf(confirm.text)).toContain('Det kan ikke fortrydes.');
    expect(textOf(confirm.text)).toContain('1 medlem har fået besked om materialet.');
    await expect(t.dataSource.getRepository(Material).countBy({ id: material.id })).resolves.toBe(1);
    const withdrawn = await planner
      .post(`${path}/traek-tilbage`)
      .type('form')
      .send(csrfOf(confirm.text))
      .expect(303);
    expect(withdrawn.headers.location).toBe(`${base}?besked=trukket`);
    expect(textOf((await planner.get(withdrawn.headers.location).expect(200)).text)).toContain(
      'Materialet er trukket tilbage.',
    );
    await expect(t.dataSource.getRepository(Material).countBy({ id: material.id })).resolves.toBe(0);
    await planner.get(path).expect(404);
  });
});
