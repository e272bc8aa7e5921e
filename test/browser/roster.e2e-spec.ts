import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { Member } from '../../src/cycles/member.entity';
import { searchTextOf } from '../../src/cycles/member-rules';
import { Seminar } from '../../src/planning/seminar.entity';
import { SeatService } from '../../src/registrations/seat.service';
import { createCycle, createMembers } from '../factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from '../factories/planning.factory';
import { looksRight } from '../helpers/browser';
import { openConsoleInChromium } from '../helpers/console-browser';
import { deliver, mailsTo } from '../helpers/member-mail';
import { startSmtpSink, SmtpSink } from '../helpers/smtp-sink';
import { startTestApp, TestApp } from '../helpers/test-app';
import { bookMember, cancelMember, moveMember, openRoster } from './steps/roster';

jest.setTimeout(180_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/roster';
const NAMES = [
  'Anne-Mette Bækgaard Sørensen',
  'Bjørn Østergaard',
  'Camilla Ærenlund',
  'Dorthe Lund',
  'Erik Højgaard',
  'Frida Åkjær',
];
const MUNICIPALITIES = [461, 751, 101, 561, 492, 615];

/**
 * A planner, through pages only, opens a seminar's roster, books a member in, moves one to another
 * seminar (the tour's step), cancels one and sees the waiting list move up; then prints the roster
 * and the badges.
 */
describe('A seminar’s roster in the browser', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let kolding: Seminar;
  let vejle: Seminar;
  let people: Member[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url });
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    kolding = await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), {
      title: 'Kattegat Kolding, januar',
      capacity: 3,
    });
    vejle = await createSeminar(
      t.dataSource,
      wave,
      await createVenue(t.dataSource, { name: 'Munkebjerg Hotel', town: 'Vejle' }),
      { title: 'Kattegat Vejle, januar', capacity: 24 },
    );
    people = [];
    for (const [i, name] of NAMES.entries()) {
      const [m] = await createMembers(t.dataSource, cycle.id, 1, {
        name,
        municipalityCode: MUNICIPALITIES[i],
        listLetter: i % 2 ? 'V' : 'A',
        listName: i % 2 ? 'Venstre, Danmarks Liberale Parti' : 'Socialdemokratiet',
        diet: i === 0 ? 'Vegetar; allergi over nødder og skaldyr' : null,
        accessibility: i === 1 ? 'Kørestolsbruger, brug for værelse i stueplan' : null,
      });
      await t.dataSource
        .getRepository(Member)
        .update({ id: m.id }, { searchText: searchTextOf(name, m.email) });
      people.push(m);
    }
    const seats = t.app.get(SeatService);
    // Three seats at Kolding, two on its waiting list; the last member has no seat.
    for (const m of people.slice(0, 5)) await seats.register(m.id, kolding.id, { kind: 'system' });
    await deliver(t, sink);
    ({ browser, baseUrl, page } = await openConsoleInChromium(t, 'planner'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  it('shows the roster with needs and party, and the waiting list in order', async () => {
    const roster = await openRoster(page, baseUrl, kolding.id);
    expect(roster.participants).toEqual([NAMES[0], NAMES[1], NAMES[2]]);
    expect(roster.waitingList).toEqual([NAMES[3], NAMES[4]]);
    await expect(page.locator('#table-participants').innerText()).resolves.toContain(
      'Vegetar; allergi over nødder og skaldyr',
    );
    await looksRight(page, SHOTS, 'roster');
  });

  it('books a member in: the question says the e-mail, and the confirmation arrives', async () => {
    const booked = await bookMember(page, baseUrl, vejle.id, { name: NAMES[5], municipality: 'Horsens' });
    expect(booked.question).toContain(`»Bekræftelse: Din plads på ${vejle.title}«`);
    expect(booked.notice).toContain('Medlemmet er tilmeldt');
    const mails = mailsTo(await deliver(t, sink), people[5]);
    expect(mails.map((m) => m.subject)).toEqual([`Bekræftelse: Din plads på ${vejle.title}`]);
    await page.goto(`${baseUrl}/seminarer/${vejle.id}/deltagere/tilmeld?q=Bj%C3%B8rn`);
    await looksRight(page, SHOTS, 'roster-book');
  });

  it('moves a member to another seminar: free seats in the select, one "moved" e-mail, the first waiting moves up', async () => {
    await page.goto(`${baseUrl}/seminarer/${kolding.id}/deltagere`);
    await page.getByRole('link', { name: `Flyt ${NAMES[2]}`, exact: true }).click();
    await looksRight(page, SHOTS, 'roster-move');
    const moved = await moveMember(page, baseUrl, kolding.id, NAMES[2], vejle.id);
    expect(moved.choice).toContain('23 ledige pladser');
    expect(moved.question).toContain(`${NAMES[3]} er først på ventelisten og rykker op`);
    const mails = await deliver(t, sink);
    expect(mailsTo(mails, people[2]).map((m) => m.subject)).toEqual([
      `Din plads er flyttet til ${vejle.title}`,
    ]);
    expect(mailsTo(mails, people[3]).map((m) => m.subject)).toEqual([
      `Du har fået en plads på ${kolding.title}`,
    ]);
  });

  it('cancels one and sees the waiting list move up', async () => {
    await page.goto(`${baseUrl}/seminarer/${kolding.id}/deltagere`);
    await page.getByRole('link', { name: `Afbud for ${NAMES[1]}`, exact: true }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe(
      `Annullér ${NAMES[1]}s plads på ${kolding.title}`,
    );
    await looksRight(page, SHOTS, 'roster-cancel');
    const cancelled = await cancelMember(page, baseUrl, kolding.id, NAMES[1]);
    expect(cancelled.question).toContain(`${NAMES[4]} er først på ventelisten og rykker op`);
    const roster = await openRoster(page, baseUrl, kolding.id);
    expect(roster.participants).toEqual([NAMES[0], NAMES[3], NAMES[4]]);
    expect(roster.waitingList).toEqual([]);
    const mails = await deliver(t, sink);
    expect(mailsTo(mails, people[1]).map((m) => m.subject)).toEqual([
      `Din plads på ${kolding.title} er annulleret`,
    ]);
    expect(mailsTo(mails, people[4]).map((m) => m.subject)).toEqual([
      `Du har fået en plads på ${kolding.title}`,
    ]);
  });

  it('prints the roster and the badges on A4 without the menu', async () => {
    for (const [path, name] of [
      [`/seminarer/${vejle.id}/deltagere/udskriv`, 'roster-print'],
      [`/seminarer/${kolding.id}/navneskilte`, 'badges'],
    ]) {
      await page.goto(`${baseUrl}${path}`);
      await looksRight(page, SHOTS, name);
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.console-header').isVisible()).resolves.toBe(false);
      // A4 at 96 dpi, as the print preview lays it out.
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.screenshot({ path: join(SHOTS, `${name}-print.png`), fullPage: true });
      await page.pdf({ path: join(SHOTS, `${name}.pdf`), format: 'A4', printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await expect(page.locator('.console-badge').count()).resolves.toBe(3);
  });
});
