import { createHash } from 'node:crypto';
import { Response } from 'supertest';
import { Material } from '../src/materials/material.entity';
import { MaterialsService } from '../src/materials/materials.service';
import { MaterialsAnnouncer } from '../src/materials/materials-announcer';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { Registration } from '../src/registrations/registration.entity';
import { Transactor } from '../src/database/transactor';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { captureIssuedLinks, inviteNow, submit } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(60_000);

const MAX_BYTES = 4096;
const HOUR = 3600 * 1000;
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from([0, 1, 2, 0xff, 0xfe]),
  Buffer.from('\n%%EOF\n'),
]);

/** Supertest hands binary bodies back as a Buffer only when asked to collect them. */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('Materials', () => {
  let t: TestApp;
  let planner: string;
  let tokens: Map<number, string>;

  beforeAll(async () => {
    t = await startTestApp({ MATERIAL_MAX_BYTES: String(MAX_BYTES) });
    planner = await t.tokenFor('planner');
    tokens = captureIssuedLinks(t);
  });
  afterAll(() => t.close());

  /** Seminar A with one registered and one waitlisted member, seminar B with one registered member. */
  async function setUp() {
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    const venue = await createVenue(t.dataSource);
    const a = await createSeminar(t.dataSource, wave, venue, { capacity: 1, title: 'Kattegat A' });
    const b = await createSeminar(t.dataSource, wave, venue, { capacity: 5, title: 'Kattegat B' });
    const [registered, waitlisted, other] = await createMembers(t.dataSource, cycle.id, 3);
    await inviteNow(t, cycle.id, planner);
    const token = (member: { id: number }) => tokens.get(member.id)!;
    for (const [member, seminar] of [
      [registered, a],
      [waitlisted, a],
      [other, b],
    ] as const) {
      expect((await submit(t, token(member), 'tilmeld', { seminarId: String(seminar.id) })).status).toBe(303);
    }
    return { cycle, a, b, registered, waitlisted, other, token };
  }

  function uploadFile(path: string, file: Buffer, fileName: string, fields: Record<string, string>) {
    let request = t.http().post(path).auth(planner, { type: 'bearer' });
    for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
    return request.attach('file', file, { filename: fileName, contentType: 'application/pdf' });
  }

  it('stores an uploaded PDF in the database and gives the same bytes back to staff', async () => {
    const { a } = await setUp();
    const availableFrom = new Date(Date.now() - HOUR).toISOString();
    const created = await uploadFile(`/api/seminars/${a.id}/materials`, PDF, 'Økonomi på tværs.pdf', {
      title: '  Kommunens økonomi ',
      availableFrom,
    }).expect(201);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(created.body).toMatchObject({
      seminarId: a.id,
      cycleId: a.cycleId,
      title: 'Kommunens økonomi',
      kind: 'file',
      fileName: 'Økonomi på tværs.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256,
      availableFrom,
      announcedAt: null,
    });
    expect(created.body).not.toHaveProperty('content');

    const listed = await t
      .http()
      .get(`/api/seminars/${a.id}/materials`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    expect(listed.body.map((m: Material) => m.id)).toEqual([created.body.id]);
    expect(listed.body[0]).not.toHaveProperty('content');

    const download = await t
      .http()
      .get(`/api/seminars/${a.id}/materials/${created.body.id}/content`)
      .auth(planner, { type: 'bearer' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
    expect(
      createHash('sha256')
        .update(download.body as Buffer)
        .digest('hex'),
    ).toBe(sha256);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Oekonomi paa tvaers.pdf"; filename*=UTF-8''%C3%98konomi%20p%C3%A5%20tv%C3%A6rs.pdf`,
    );
  });

  it('refuses a program renamed to .pdf (415), a file over the limit (413) and bad fields (400), storing nothing', async () => {
    const { a, cycle } = await setUp();
    const availableFrom = new Date().toISOString();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(100)]);
    const refused = await uploadFile(`/api/seminars/${a.id}/materials`, exe, 'slides.pdf', {
      title: 'Slides',
      availableFrom,
    }).expect(415);
    expect(refused.body.message).toMatch(/Only PDF, PowerPoint, Word, Excel/);

    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]);
    await uploadFile(`/api/cycles/${cycle.id}/materials`, big, 'stor.pdf', {
      title: 'Stor',
      availableFrom,
    }).expect(413);

    const blank = await uploadFile(`/api/seminars/${a.id}/materials`, PDF, 'a.pdf', {
      title: '   ',
      availableFrom,
    }).expect(400);
    expect(blank.body.details).toEqual([{ field: 'title', reason: 'title must not be empty' }]);
    const noDate = await t
      .http()
      .post(`/api/seminars/${a.id}/materials`)
      .auth(planner, { type: 'bearer' })
      .send({ title: 'Link', url: 'javascript:alert(1)', availableFrom: 'i morgen' })
      .expect(400);
    expect(noDate.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'availableFrom',
      'url',
    ]);
    await t
      .http()
      .post(`/api/seminars/${a.id}/materials`)
      .auth(planner, { type: 'bearer' })
      .send({ title: 'Ingenting', availableFrom })
      .expect(400);
    await t
      .http()
      .post(`/api/seminars/999999/materials`)
      .auth(planner, { type: 'bearer' })
      .send({ title: 'X', url: 'https://kl.dk', availableFrom })
      .expect(404);
    await t.http().get(`/api/cycles/999999/materials`).auth(planner, { type: 'bearer' }).expect(404);
    await expect(t.dataSource.getRepository(Material).countBy({ cycleId: cycle.id })).resolves.toBe(0);
  });

  it('lets registered members of the seminar have its materials and the cycle-wide ones once they are available', async () => {
    const { cycle, a, registered, waitlisted, other, token } = await setUp();
    const past = new Date(Date.now() - HOUR).toISOString();
    const future = new Date(Date.now() + HOUR).toISOString();
    const file = await uploadFile(`/api/seminars/${a.id}/materials`, PDF, 'Program æøå.pdf', {
      title: 'Program',
      availableFrom: past,
    }).expect(201);
    const later = await uploadFile(`/api/seminars/${a.id}/materials`, PDF, 'senere.pdf', {
      title: 'Senere slides',
      availableFrom: future,
    }).expect(201);
    const link = await t
      .http()
      .post(`/api/cycles/${cycle.id}/materials`)
      .auth(planner, { type: 'bearer' })
      .send({ title: 'KL om økonomi', url: 'https://www.kl.dk/okonomi', availableFrom: past })
      .expect(201);
    expect(link.body).toMatchObject({ kind: 'link', seminarId: null, fileName: null, size: null });

    const page = await t
      .http()
      .get(`/p/${token(registered)}`)
      .expect(200);
    expect(page.text).toContain('Materialer');
    expect(page.text).toContain(`/p/${token(registered)}/materialer/${file.body.id}`);
    expect(page.text).toContain(`/p/${token(registered)}/materialer/${link.body.id}`);
    expect(page.text).not.toContain('Senere slides');

    const download = await t
      .http()
      .get(`/p/${token(registered)}/materialer/${file.body.id}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''Program%20%C3%A6%C3%B8%C3%A5.pdf`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    await t
      .http()
      .get(`/p/${token(registered)}/materialer/${link.body.id}`)
      .expect(303)
      .expect('Location', 'https://www.kl.dk/okonomi');
    await t
      .http()
      .get(`/p/${token(registered)}/materialer/${later.body.id}`)
      .expect(404);

    for (const outsider of [waitlisted, other]) {
      const refused = await t
        .http()
        .get(`/p/${token(outsider)}/materialer/${file.body.id}`)
        .expect(404);
      expect(refused.text).toContain('Linket virker ikke');
      const outsiderPage = (
        await t
          .http()
          .get(`/p/${token(outsider)}`)
          .expect(200)
      ).text;
      expect(outsiderPage).not.toContain(`/materialer/${file.body.id}`);
    }
    // The cycle-wide link is for everyone with a seat somewhere in the cycle, not for the waiting list.
    await t
      .http()
      .get(`/p/${token(other)}/materialer/${link.body.id}`)
      .expect(303);
    await t
      .http()
      .get(`/p/${token(waitlisted)}/materialer/${link.body.id}`)
      .expect(404);
    expect(
      (
        await t
          .http()
          .get(`/p/${token(waitlisted)}`)
          .expect(200)
      ).text,
    ).not.toContain('/materialer/');
    await t.http().get(`/p/not-a-token/materialer/${file.body.id}`).expect(404);

    // After the seminar the seat is attended and the materials stay; a cancelled seat has none.
    await t.dataSource.getRepository(Registration).update({ memberId: registered.id }, { state: 'attended' });
    const attended = (
      await t
        .http()
        .get(`/p/${token(registered)}`)
        .expect(200)
    ).text;
    expect(attended).toContain(`/p/${token(registered)}/materialer/${file.body.id}`);
    expect(attended).toContain(`/p/${token(registered)}/materialer/${link.body.id}`);
    expect((await submit(t, token(other), 'afbud')).status).toBe(303);
    expect(
      (
        await t
          .http()
          .get(`/p/${token(other)}`)
          .expect(200)
      ).text,
    ).not.toContain('/materialer/');
  });

  it('lets only planners and admins manage materials', async () => {
    const { a } = await setUp();
    const created = await t
      .http()
      .post(`/api/seminars/${a.id}/materials`)
      .auth(planner, { type: 'bearer' })
      .send({ title: 'Link', url: 'http://intranet.kl.dk/x', availableFrom: new Date().toISOString() })
      .expect(201);
    const kl = await t.tokenFor('kl');
    await t.http().get(`/api/seminars/${a.id}/materials`).auth(kl, { type: 'bearer' }).expect(403);
    await t
      .http()
      .get(`/api/seminars/${a.id}/materials/${created.body.id}/content`)
      .auth(kl, { type: 'bearer' })
      .expect(403);
    await t.http().get(`/api/seminars/${a.id}/materials`).expect(401);
    const admin = await t.tokenFor('admin');
    await t
      .http()
      .delete(`/api/seminars/${a.id}/materials/${created.body.id}`)
      .auth(admin, { type: 'bearer' })
      .expect(204);
    await t
      .http()
      .delete(`/api/seminars/${a.id}/materials/${created.body.id}`)
      .auth(admin, { type: 'bearer' })
      .expect(404);
  });

  it('announces each available material once, to the members holding a seat', async () => {
    const { cycle, a, registered, other } = await setUp();
    const materials = t.app.get(MaterialsService);
    const now = new Date();
    const seminarMaterial = await uploadFile(`/api/seminars/${a.id}/materials`, PDF, 'a.pdf', {
      title: 'Til A',
      availableFrom: new Date(now.getTime() - 1000).toISOString(),
    }).expect(201);
    const cycleMaterial = await t
      .http()
      .post(`/api/cycles/${cycle.id}/materials`)
      .auth(planner, { type: 'bearer' })
      .send({
        title: 'Til alle',
        url: 'https://kl.dk',
        availableFrom: new Date(now.getTime() + HOUR).toISOString(),
      })
      .expect(201);

    const mine = (list: Awaited<ReturnType<MaterialsService['announcementsDue']>>) =>
      list.filter((x) => x.cycleId === cycle.id);
    expect(mine(await materials.announcementsDue(now))).toEqual([
      {
        materialId: seminarMaterial.body.id,
        cycleId: cycle.id,
        seminarId: a.id,
        title: 'Til A',
        memberIds: [registered.id],
      },
    ]);
    const later = new Date(now.getTime() + 2 * HOUR);
    expect(mine(await materials.announcementsDue(later))).toEqual([
      expect.objectContaining({ materialId: seminarMaterial.body.id }),
      {
        materialId: cycleMaterial.body.id,
        cycleId: cycle.id,
        seminarId: null,
        title: 'Til alle',
        memberIds: [registered.id, other.id].sort((x, y) => x - y),
      },
    ]);

    const transactor = t.app.get(Transactor);
    await expect(transactor.run((m) => materials.markAnnounced(m, seminarMaterial.body.id))).resolves.toBe(
      true,
    );
    await expect(transactor.run((m) => materials.markAnnounced(m, seminarMaterial.body.id))).resolves.toBe(
      false,
    );
    expect(mine(await materials.announcementsDue(later)).map((x) => x.materialId)).toEqual([
      cycleMaterial.body.id,
    ]);
  });

  it('writes one "materials available" e-mail per entitled member, with a working link, and never again', async () => {
    const { a, registered, waitlisted, other } = await setUp();
    const now = new Date();
    const seminarMaterial = await uploadFile(`/api/seminars/${a.id}/materials`, PDF, 'program.pdf', {
      title: 'Program for Kattegat A',
      availableFrom: new Date(now.getTime() - 1000).toISOString(),
    }).expect(201);
    const announcer = t.app.get(MaterialsAnnouncer);
    await announcer.sweep(now);
    const outbox = t.dataSource.getRepository(OutboxMessage);
    const mails = await outbox.find({ where: { kind: 'materials' } });
    const forThis = mails.filter((m) => m.key.startsWith(`materials:${seminarMaterial.body.id}:`));
    expect(forThis.map((m) => [m.key, m.memberId, m.seminarId])).toEqual([
      [`materials:${seminarMaterial.body.id}:${registered.id}`, registered.id, a.id],
    ]);
    expect(forThis[0].recipientEmail).toBe(registered.email);
    expect(forThis[0].text).toContain('Program for Kattegat A');
    const link = /\/p\/([A-Za-z0-9_-]{43})/.exec(forThis[0].text)![1];
    await t.http().get(`/p/${link}`).expect(200);
    for (const member of [waitlisted, other]) {
      expect(
        mails.some((m) => m.memberId === member.id && m.key.includes(`:${seminarMaterial.body.id}:`)),
      ).toBe(false);
    }
    await announcer.sweep(new Date(now.getTime() + HOUR));
    await expect(
      outbox.countBy({ kind: 'materials', memberId: registered.id, seminarId: a.id }),
    ).resolves.toBe(1);
  });
});
