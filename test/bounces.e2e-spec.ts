import { Member } from '../src/cycles/member.entity';
import { searchTextOf } from '../src/cycles/member-rules';
import { Bounce } from '../src/messaging/bounces/bounce.entity';
import { BounceListener } from '../src/messaging/bounces/bounce-listener';
import { BouncesService } from '../src/messaging/bounces/bounces.service';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { BOUNCE_ENV, dsn, sendToListener as sendMail } from './helpers/bounce-mail';
import { signedIn, textOf } from './helpers/console';
import { deliver, inviteByMail, mailsTo, PAGE_LINK } from './helpers/member-mail';
import { startSmtpSink, SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

const DOMAIN = BOUNCE_ENV.BOUNCE_DOMAIN;
const VERP = /^bounce\+(\d+)\.[0-9a-f]{16}@retur\.kattegat\.test$/;

describe('Bounces', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let planner: string;
  let cycleId: number;
  let anna: Member;
  let listenerPort: number;
  let seminarId: number;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM: 'Kattegat <kattegat@kl.dk>',
      ...BOUNCE_ENV,
    });
    planner = await t.tokenFor('planner');
    const cycle = await createCycle(t.dataSource);
    cycleId = cycle.id;
    const wave = await createWave(t.dataSource, cycle.id);
    seminarId = (await createSeminar(t.dataSource, wave, await createVenue(t.dataSource))).id;
    [anna] = await createMembers(t.dataSource, cycle.id, 1, {
      name: 'Anna Ærø',
      email: 'anna@kommune.test',
      searchText: searchTextOf('Anna Ærø', 'anna@kommune.test'),
    });
    await createMembers(t.dataSource, cycle.id, 1, { municipalityCode: 101 });
    listenerPort = t.app.get(BounceListener).port()!;
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const sendToListener = (to: string, raw: string) => sendMail(listenerPort, to, raw);

  const invitationTo = (address: string) =>
    sink.received.find((m) => m.recipients.includes(address) && m.messageId.startsWith('<invitation.'))!;

  it('sends each message with a return path of its own and the From unchanged', async () => {
    await inviteByMail(t, sink, cycleId, planner);
    const mail = invitationTo('anna@kommune.test');
    const [, id] = VERP.exec(mail.mailFrom)!;
    const row = await t.dataSource.getRepository(OutboxMessage).findOneByOrFail({ id: Number(id) });
    expect(row).toMatchObject({ memberId: anna.id, kind: 'invitation', status: 'sent' });
    const parsed = await sink.parse(mail);
    expect(parsed.from?.value[0].address).toBe('kattegat@kl.dk');
  });

  it('marks the address bouncing with the reason when the notification comes back, and shows the contact', async () => {
    const returnPath = invitationTo('anna@kommune.test').mailFrom;
    await sendToListener(returnPath, dsn(returnPath, 'anna@kommune.test'));
    const [bounce] = await t.dataSource.getRepository(Bounce).findBy({ memberId: anna.id });
    expect(bounce).toMatchObject({
      address: 'anna@kommune.test',
      action: 'failed',
      status: '5.1.1',
      diagnostic: 'smtp; 550 5.1.1 <anna@kommune.test>: Recipient address rejected: User unknown',
    });

    const contact = await signedIn(t, 'municipality', 461);
    const page = textOf((await contact.get('/min-kommune').expect(200)).text);
    expect(page).toContain('Adresser, der ikke virker');
    expect(page).toContain(
      'Anna Ærø anna@kommune.test Ret adressen for Anna Ærø Kom retur 5.1.1 smtp; 550 5.1.1',
    );
    expect(page).toContain('Recipient address rejected: User unknown');
    const other = textOf(
      (await (await signedIn(t, 'municipality', 101)).get('/min-kommune').expect(200)).text,
    );
    expect(other).not.toContain('anna@kommune.test');
  });

  it('shows the planner the bounce in Beskeder: the log, the message with the answer, the addresses per municipality', async () => {
    const planner = await signedIn(t, 'planner');
    const log = textOf((await planner.get('/beskeder').query({ status: 'retur' }).expect(200)).text);
    expect(log).toContain('Viser 1 e-mail.');
    expect(log).toContain('anna@kommune.test');
    const byAddress = textOf((await planner.get('/beskeder').query({ adresse: 'ANNA@' }).expect(200)).text);
    expect(byAddress).toContain('Viser 1 e-mail.');

    const message = await t.dataSource
      .getRepository(OutboxMessage)
      .findOneByOrFail({ memberId: anna.id, kind: 'invitation' });
    const page = textOf((await planner.get(`/beskeder/${message.id}`).expect(200)).text);
    expect(page).toContain('Status Kom retur');
    expect(page).toContain(
      'Kom retur fra modtagerens server 5.1.1 smtp; 550 5.1.1 &lt;anna@kommune.test&gt;: Recipient address rejected',
    );
    expect(page).toContain('Send igen til anna@kommune.test');

    const odense = textOf((await planner.get('/beskeder/adresser').query({ kommune: 461 }).expect(200)).text);
    expect(odense).toContain('1 medlem har en adresse, der ikke virker.');
    expect(odense).toContain('Anna Ærø anna@kommune.test Ret adressen for Anna Ærø Odense Kom retur');
    const copenhagen = textOf(
      (await planner.get('/beskeder/adresser').query({ kommune: 101 }).expect(200)).text,
    );
    expect(copenhagen).toContain('0 medlemmer har en adresse, der ikke virker.');
    await (await signedIn(t, 'kl')).get('/beskeder').expect(403);
  });

  it('previews a template for a real member and seminar, sending nothing, its links inert, in a strict frame', async () => {
    const planner = await signedIn(t, 'planner');
    const before = await t.dataSource.getRepository(OutboxMessage).count();
    const chooser = textOf(
      (await planner.get('/beskeder/skabeloner').query({ medlem: 'ærø' }).expect(200)).text,
    );
    expect(chooser).toContain('Vises for Anna Ærø (anna@kommune.test)');
    const page = await planner
      .get(`/beskeder/skabeloner/confirmation?medlem=${anna.id}&seminar=${seminarId}`)
      .expect(200);
    expect(textOf(page.text)).toContain('Kære Anna Ærø');
    const frame = /<iframe[^>]+src="([^"]+)"/
      .exec(page.text)![1]
      .replace(/&amp;/g, '&')
      .replace(/&#x3D;/g, '=');
    const html = await planner.get(frame).expect(200);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.headers['content-security-policy']).toContain('sandbox');
    expect(html.text).toContain('Kære Anna Ærø');
    expect(html.text).not.toMatch(/href="[^"#]*\/p\//);
    await expect(t.dataSource.getRepository(OutboxMessage).count()).resolves.toBe(before);
  });

  it('refuses mail for addresses it did not make, and ignores mail that is no notification', async () => {
    const forged = `bounce+1.0123456789abcdef@${DOMAIN}`;
    await expect(sendToListener(forged, dsn(forged, 'x@kommune.test'))).rejects.toMatchObject({
      responseCode: 550,
    });
    const other = sink.received.find(
      (m) => m.recipients.length === 1 && !m.recipients.includes('anna@kommune.test'),
    )!;
    await sendToListener(
      other.mailFrom,
      `From: ${other.recipients[0]}\r\nSubject: Autosvar: ferie\r\n\r\nJeg er på ferie til mandag.\r\n`,
    );
    await expect(t.dataSource.getRepository(Bounce).count()).resolves.toBe(1);
  });

  it('clears the mark when the address is corrected, and a resend goes to the new address with a working link', async () => {
    await t
      .http()
      .patch(`/api/cycles/${cycleId}/members/${anna.id}`)
      .auth(planner, { type: 'bearer' })
      .send({ email: 'anna.aeroe@kommune.test' })
      .expect(200);
    const contact = await signedIn(t, 'municipality', 461);
    expect(textOf((await contact.get('/min-kommune').expect(200)).text)).not.toContain('Kom retur');

    const original = await t.dataSource
      .getRepository(OutboxMessage)
      .findOneByOrFail({ memberId: anna.id, kind: 'invitation' });
    const res = await t
      .http()
      .post(`/api/messages/${original.id}/resend`)
      .auth(planner, { type: 'bearer' })
      .expect(201);
    expect(res.body).toMatchObject({
      key: `${original.key}:resend:1`,
      recipientEmail: 'anna.aeroe@kommune.test',
    });
    const [mail] = mailsTo(await deliver(t, sink), { email: 'anna.aeroe@kommune.test' });
    expect(mail.html).toContain('Anna Ærø');
    const token = PAGE_LINK.exec(mail.text!)![1];
    expect(mail.text).not.toContain(PAGE_LINK.exec(original.text)![1]);
    await t.http().get(`/p/${token}`).expect(200);
  });

  it('lists the address problems by name in Danish order: Aage after Zenia, as Å after Z', async () => {
    const message = await t.dataSource.getRepository(OutboxMessage).findOneByOrFail({ kind: 'invitation' });
    for (const name of ['Aage Holm', 'Bo Holm', 'Zenia Holm']) {
      const email = `${name.split(' ')[0].toLowerCase()}@aabenraa.test`;
      const [member] = await createMembers(t.dataSource, cycleId, 1, { name, email, municipalityCode: 580 });
      await t.dataSource.getRepository(Bounce).insert({
        messageId: message.id,
        memberId: member.id,
        address: email,
        action: 'failed',
        status: '5.1.1',
        diagnostic: null,
        receivedAt: new Date(),
      });
    }
    const problems = await t.app.get(BouncesService).addressProblems(cycleId, 580);
    expect(problems.map((p) => p.name)).toEqual(['Bo Holm', 'Zenia Holm', 'Aage Holm']);
  });
});
