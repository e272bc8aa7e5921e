import jsQR from 'jsqr';
import { ParsedMail } from 'mailparser';
import { PNG } from 'pngjs';
import { Member } from '../src/cycles/member.entity';
import { EvaluationRequest } from '../src/evaluations/evaluation-request.entity';
import { Registration } from '../src/registrations/registration.entity';
import { seminarWithParticipants } from './factories/evaluations.factory';
import { createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { signedIn, textOf } from './helpers/console';
import { deliver, mailsTo, PAGE_LINK } from './helpers/member-mail';
import { csrfOf } from './helpers/portal';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

const CODE = /Din kode til indtjekning: (\S+)/;

/** The text a QR image says, read from the PNG as a phone's camera would. */
function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('Check-in at the door', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let planner: string;
  let agent: Awaited<ReturnType<typeof signedIn>>;
  let held: Awaited<ReturnType<typeof seminarWithParticipants>>;
  let other: Awaited<ReturnType<typeof seminarWithParticipants>>;
  let mails: ParsedMail[];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url });
    planner = await t.tokenFor('planner');
    held = await seminarWithParticipants(t, planner, 4, { title: 'Kattegat Nyborg' });
    other = await seminarWithParticipants(t, planner, 1, { cycleId: held.cycleId, title: 'Kattegat Ribe' });
    mails = await deliver(t, sink);
    agent = await signedIn(t, 'planner');
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const door = (seminarId: number) => `/seminarer/${seminarId}/fremmoede`;
  const codeOf = (member: Member) => CODE.exec(mailsTo(mails, member)[0].text!)![1];
  const stateOf = async (registrationId: number) =>
    (await t.dataSource.getRepository(Registration).findOneByOrFail({ id: registrationId })).state;
  const post = async (seminarId: number, action: string, fields: Record<string, string>) => {
    const page = await agent.get(door(seminarId)).expect(200);
    return agent
      .post(`${door(seminarId)}/${action}`)
      .type('form')
      .send({ ...csrfOf(page.text), ...fields });
  };

  it('puts the seat code and its QR image in the confirmation and on the personal page, and the code opens nothing else', async () => {
    const mail = mailsTo(mails, held.members[0])[0];
    const code = codeOf(held.members[0]);
    expect(code).toMatch(new RegExp(`^${held.seminar.id}-${held.seats[0]}-[A-Z2-7]{10}$`));
    const image = `/indtjekning/${code}.png`;
    expect(mail.html).toContain(`src="${t.config.publicBaseUrl}${image}"`);
    const png = await t
      .http()
      .get(image)
      .buffer(true)
      .expect(200)
      .expect('Content-Type', /^image\/png/);
    expect(decodeQr(png.body as Buffer)).toBe(code);

    const token = PAGE_LINK.exec(mail.text!)![1];
    const page = await t.http().get(`/p/${token}`).expect(200);
    expect(page.text).toContain(`src="${image}"`);
    expect(textOf(page.text)).toContain(`eller sig koden: ${code}`);

    await t.http().get(`/p/${code}`).expect(404);
    const forged = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    await t.http().get(`/indtjekning/${forged}.png`).expect(404);
  });

  it('checks a code in for its own seat only, once, and says so at a second scan', async () => {
    const code = codeOf(held.members[0]);
    const first = await post(held.seminar.id, 'kode', { kode: code.toLowerCase() }).then((r) => r.status);
    expect(first).toBe(303);
    expect(await stateOf(held.seats[0])).toBe('attended');
    const again = await post(held.seminar.id, 'kode', { kode: code });
    expect(again.status).toBe(303);
    const page = await agent.get(again.headers.location).expect(200);
    expect(textOf(page.text)).toContain(`${held.members[0].name} er allerede registreret.`);
    expect(textOf(page.text)).toContain('1 mødt 3 mangler 0 udeblevet');
  });

  it('refuses a forged code and a code for another seminar, and changes nothing', async () => {
    const code = codeOf(held.members[1]);
    const forged = code.replace(/-(\d+)-/, (_, seat: string) => `-${Number(seat) + 1}-`);
    const refused = await post(held.seminar.id, 'kode', { kode: forged });
    expect(refused.status).toBe(400);
    expect(textOf(refused.text)).toContain('Koden kendes ikke');
    expect(refused.text).toContain(`value="${forged}"`);

    const elsewhere = await post(held.seminar.id, 'kode', { kode: codeOf(other.members[0]) });
    expect(elsewhere.status).toBe(409);
    expect(textOf(elsewhere.text)).toContain('Koden hører til et andet seminar end dette');
    expect(await stateOf(other.seats[0])).toBe('registered');
    expect(await stateOf(held.seats[1])).toBe('registered');
  });

  it('ticks off by name, undoes, marks the rest as no-shows after one question, and the evaluation e-mails go out', async () => {
    const [, byName, rest1, rest2] = held.seats;
    const searched = await agent.get(
      `${door(held.seminar.id)}?q=${encodeURIComponent(held.members[1].name!)}`,
    );
    expect(textOf(searched.text)).toContain('1 deltager passer på');
    expect((await post(held.seminar.id, 'tjek-ind', { registrationId: String(byName) })).status).toBe(303);
    expect(await stateOf(byName)).toBe('attended');
    await expect(
      t.dataSource
        .getRepository(EvaluationRequest)
        .countBy({ seminarId: held.seminar.id, memberId: held.members[1].id }),
    ).resolves.toBe(1);
    const undone = await post(held.seminar.id, 'fortryd', { registrationId: String(byName) });
    expect(textOf((await agent.get(undone.headers.location)).text)).toContain('Fremmødet for');
    expect(await stateOf(byName)).toBe('registered');
    // A tick taken back keeps the request made (ticked again, the member is not asked twice).
    await expect(
      t.dataSource
        .getRepository(EvaluationRequest)
        .countBy({ seminarId: held.seminar.id, memberId: held.members[1].id }),
    ).resolves.toBe(1);
    await post(held.seminar.id, 'tjek-ind', { registrationId: String(byName) }).then((r) =>
      expect(r.status).toBe(303),
    );

    const question = await agent.get(`${door(held.seminar.id)}/udeblevne`).expect(200);
    expect(textOf(question.text)).toContain('Markér 2 deltagere som udeblevet?');
    expect(textOf(question.text)).toContain(held.members[2].name!);
    const marked = await agent
      .post(`${door(held.seminar.id)}/udeblevne`)
      .type('form')
      .send(csrfOf(question.text))
      .expect(303);
    expect(textOf((await agent.get(marked.headers.location)).text)).toContain(
      '2 deltagere er markeret som udeblevne.',
    );
    expect([await stateOf(rest1), await stateOf(rest2)]).toEqual(['no_show', 'no_show']);

    const sent = await deliver(t, sink);
    const asked = sent.filter((m) => m.subject?.startsWith('Hvordan var Kattegat Nyborg'));
    const to = asked.map((m) => (Array.isArray(m.to) ? '' : m.to!.value[0].address)).sort();
    expect(to).toEqual([held.members[0].email, held.members[1].email].sort());

    const later = await post(held.seminar.id, 'tjek-ind', { registrationId: String(rest1) });
    expect(later.status).toBe(303);
    expect(await stateOf(rest1)).toBe('attended');
  });

  it('opens the door three hours before the start, and lists the cycle’s seminars with their counts', async () => {
    const wave = await createWave(t.dataSource, held.cycleId);
    const coming = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), {
      title: 'Kattegat Skagen',
    });
    const [member] = await createMembers(t.dataSource, held.cycleId, 1);
    const seat = await t
      .http()
      .post(`/api/seminars/${coming.id}/registrations`)
      .auth(planner, { type: 'bearer' })
      .send({ memberId: member.id })
      .expect(201);
    const page = await agent.get(door(coming.id)).expect(200);
    expect(textOf(page.text)).toContain('Fremmødet kan registreres fra');
    const early = await post(coming.id, 'tjek-ind', { registrationId: String(seat.body.id) });
    expect(early.status).toBe(409);
    expect(textOf(early.text)).toContain('tre timer før seminaret begynder');

    const list = textOf((await agent.get('/fremmoede').expect(200)).text);
    expect(list.indexOf('Kattegat Skagen')).toBeLessThan(list.indexOf('Kattegat Nyborg'));
    expect(list).toMatch(/Kattegat Nyborg .* 3 0 1/);
  });

  it('lists the seats in Danish order: Aage after Zenia, as Å after Z', async () => {
    const wave = await createWave(t.dataSource, held.cycleId);
    const odder = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), { capacity: 5 });
    const members = await createMembers(t.dataSource, held.cycleId, 3);
    for (const [m, name] of members.map((m, i) => [m, ['Aage Holm', 'Bo Holm', 'Zenia Holm'][i]] as const)) {
      await t.dataSource.getRepository(Member).update({ id: m.id }, { name });
      await t
        .http()
        .post(`/api/seminars/${odder.id}/registrations`)
        .auth(planner, { type: 'bearer' })
        .send({ memberId: m.id })
        .expect(201);
    }
    expect(textOf((await agent.get(door(odder.id)).expect(200)).text)).toMatch(
      /Bo Holm .*Zenia Holm .*Aage Holm/,
    );
  });

  it('is for planners: a municipal contact is refused', async () => {
    const contact = await signedIn(t, 'municipality');
    await contact.get(door(held.seminar.id)).expect(403);
    await contact.get('/fremmoede').expect(403);
  });
});
