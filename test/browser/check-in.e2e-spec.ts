import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { Registration } from '../../src/registrations/registration.entity';
import { seminarWithParticipants } from '../factories/evaluations.factory';
import { looksRight, seriousViolations } from '../helpers/browser';
import { openConsoleInChromium } from '../helpers/console-browser';
import { deliver, mailsTo, PAGE_LINK } from '../helpers/member-mail';
import { startSmtpSink, SmtpSink } from '../helpers/smtp-sink';
import { startTestApp, TestApp } from '../helpers/test-app';
import {
  checkInByCamera,
  checkInByCode,
  checkInByName,
  codeFromPersonalPage,
  doorCounts,
  fakeCameraVideo,
  markRestNoShow,
  openDoor,
} from './steps/checkin';

jest.setTimeout(180_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/checkin';

/**
 * A planner at the door, through pages only: two members checked in by the QR code served to
 * them (decoded from its image and sent as the scanner sends it), one by name, the rest marked
 * as no-shows after one question; then the evaluation requests arrive at the SMTP server.
 */
describe('Fremmøde in the browser', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;
  let held: Awaited<ReturnType<typeof seminarWithParticipants>>;
  const tokens: string[] = [];
  let errors: string[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url });
    const planner = await t.tokenFor('planner');
    // Held and ended, so the evaluation requests go out as soon as attendance is recorded.
    held = await seminarWithParticipants(t, planner, 5, { title: 'Kattegat Nyborg' });
    await seminarWithParticipants(t, planner, 1, { cycleId: held.cycleId, title: 'Kattegat Ribe' });
    const mails = await deliver(t, sink);
    for (const member of held.members) tokens.push(PAGE_LINK.exec(mailsTo(mails, member)[0].text!)![1]);
    // The fourth member's QR, as the confirmation shows it, is what the door's camera sees.
    const code = /Din kode til indtjekning: (\S+)/.exec(mailsTo(mails, held.members[3])[0].text!)![1];
    const qr = await t.http().get(`/indtjekning/${code}.png`).buffer(true).expect(200);
    const video = join(SHOTS, 'camera.y4m');
    writeFileSync(video, fakeCameraVideo(qr.body as Buffer));
    ({ browser, baseUrl, page, errors } = await openConsoleInChromium(t, 'planner', {
      chromiumArgs: [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
      context: { permissions: ['camera'] },
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  const stateOf = async (registrationId: number) =>
    (await t.dataSource.getRepository(Registration).findOneByOrFail({ id: registrationId })).state;

  /** axe and a screenshot at tablet width, beside looksRight's laptop and phone. */
  async function atTablet(name: string) {
    await page.setViewportSize({ width: 768, height: 1024 });
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: join(SHOTS, `${name}-768.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('checks two in by the QR code on their page, refuses a second scan, and one by name', async () => {
    const memberPage = await browser.newPage();
    const codes = [
      await codeFromPersonalPage(memberPage, baseUrl, tokens[0]),
      await codeFromPersonalPage(memberPage, baseUrl, tokens[1]),
    ];
    await memberPage.setViewportSize({ width: 390, height: 844 });
    await memberPage.screenshot({ path: join(SHOTS, 'personal-page-qr-390.png'), fullPage: true });
    await memberPage.close();

    await page.goto(`${baseUrl}/fremmoede`);
    await looksRight(page, SHOTS, 'fremmoede');
    const seminarId = await openDoor(page, baseUrl, 'Kattegat Nyborg');
    expect(seminarId).toBe(held.seminar.id);

    await expect(checkInByCode(page, codes[0], `${held.members[0].name} er tjekket ind.`)).resolves.toBe(
      `${held.members[0].name} er tjekket ind.`,
    );
    await expect(checkInByCode(page, codes[1], `${held.members[1].name} er tjekket ind.`)).resolves.toBe(
      `${held.members[1].name} er tjekket ind.`,
    );
    await expect(checkInByCode(page, codes[0], 'allerede registreret')).resolves.toBe(
      `${held.members[0].name} er allerede registreret.`,
    );
    await expect(checkInByName(page, held.members[2].name!)).resolves.toBe(
      `${held.members[2].name} er tjekket ind.`,
    );
    await expect(doorCounts(page)).resolves.toEqual({ attended: 3, expected: 2, noShows: 0 });
    await looksRight(page, SHOTS, 'door-checked-in');
    await atTablet('door-checked-in');
    expect(await Promise.all(held.seats.map(stateOf))).toEqual([
      'attended',
      'attended',
      'attended',
      'registered',
      'registered',
    ]);
  });

  it('says so when a code is forged', async () => {
    const forged = `${held.seminar.id}-${held.seats[3]}-AAAAAAAAAA`;
    await expect(checkInByCode(page, forged, 'Koden kendes ikke')).resolves.toContain('Koden kendes ikke');
    await expect(page.getByLabel('Kode fra deltagerens side eller bekræftelse').inputValue()).resolves.toBe(
      forged,
    );
    await looksRight(page, SHOTS, 'door-refused');
    expect(await stateOf(held.seats[3])).toBe('registered');
  });

  it("checks one in with the door's camera: the scanner reads the QR and sends it", async () => {
    await page.goto(`${baseUrl}/seminarer/${held.seminar.id}/fremmoede`);
    await expect(checkInByCamera(page, `${held.members[3].name} er tjekket ind.`)).resolves.toBe(
      `${held.members[3].name} er tjekket ind.`,
    );
    expect(await stateOf(held.seats[3])).toBe('attended');
  });

  it('marks the rest as no-shows after one question, and the evaluation requests go out to those who came', async () => {
    await page.goto(`${baseUrl}/seminarer/${held.seminar.id}/fremmoede`);
    await page.getByRole('link', { name: /^Markér resten som udeblevet/ }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Markér 1 deltager som udeblevet?');
    await expect(page.locator('main ul').last().innerText()).resolves.toBe(held.members[4].name);
    await looksRight(page, SHOTS, 'no-shows-question');
    await atTablet('no-shows-question');
    await page.goto(`${baseUrl}/seminarer/${held.seminar.id}/fremmoede`);
    await expect(markRestNoShow(page)).resolves.toBe(1);
    await expect(doorCounts(page)).resolves.toEqual({ attended: 4, expected: 0, noShows: 1 });
    await looksRight(page, SHOTS, 'door-done');
    await atTablet('door-done');

    const sent = await deliver(t, sink);
    const asked = sent
      .filter((m) => m.subject === 'Hvordan var Kattegat Nyborg? Giv os din vurdering')
      .map((m) => (Array.isArray(m.to) ? '' : m.to!.value[0].address))
      .sort();
    expect(asked).toEqual(
      held.members
        .slice(0, 4)
        .map((m) => m.email)
        .sort(),
    );
    expect(errors).toEqual([]);
  });
});
