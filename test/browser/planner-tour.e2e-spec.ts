import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedMail } from 'mailparser';
import { Browser, Page } from 'playwright-core';
import { Cycle } from '../../src/cycles/cycle.entity';
import { Member } from '../../src/cycles/member.entity';
import { searchTextOf } from '../../src/cycles/member-rules';
import { DemoLoader } from '../../src/demo/demo-loader';
import { Registration } from '../../src/registrations/registration.entity';
import { createMembers } from '../factories/cycle-members.factory';
import { seminarWithParticipants } from '../factories/evaluations.factory';
import { looksRight, seriousViolations } from '../helpers/browser';
import { openPage, serveToChromium, signInThroughForm } from '../helpers/console-browser';
import { deliver, mailsTo, PAGE_LINK } from '../helpers/member-mail';
import { startSmtpSink, SmtpSink } from '../helpers/smtp-sink';
import { startTestApp, TestApp } from '../helpers/test-app';
import { applyProposal, compareProposals, runProposal } from './steps/alloc';
import {
  checkInByCode,
  checkInByName,
  codeFromPersonalPage,
  doorCounts,
  markRestNoShow,
  openDoor,
} from './steps/checkin';
import { planWaveOfThree } from './steps/plan';
import { bookMember, moveMember, openRoster } from './steps/roster';

// The demo load, a whole-cycle allocation and its e-mails take minutes on a busy machine.
jest.setTimeout(900_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/tour';
const AEROE = 492;
const NEWCOMERS = ['Birte Ærøskøbing', 'Carl Marstal', 'Dina Søby'];
const DOOR = 'Kattegat Nyborg, dørprøve';

const addressOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? undefined : mail.to?.value[0].address);

/**
 * Issue 15's "Shown by": the demo planner's tour through pages only, on a fresh demo database with
 * a real SMTP server. Set up beforehand: three newly elected members of Ærø who joined after the
 * demo's invitations went out, and a seminar held until an hour ago whose five participants
 * have not been ticked off yet.
 */
describe('The planner tour on the demo data, in Chromium', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let memberPage: Page;
  let baseUrl: string;
  let cycleId: number;
  let newcomers: Member[];
  let door: Awaited<ReturnType<typeof seminarWithParticipants>>;
  let seminarIds: number[];
  const firstLinks = new Map<string, string>();
  const doorLinks: string[] = [];
  let errors: string[];

  /** axe-core on the page the planner is on: no serious or critical violation. */
  const axe = async (p: Page = page) => expect(seriousViolations(p)).resolves.toEqual([]);
  const h1 = () => page.locator('h1').innerText();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url, MAIL_FROM: 'Kattegat <kattegat@kl.dk>' });
    const { accounts } = await new DemoLoader(t.app, () => undefined).load();
    const planner = accounts.find((a) => a.role === 'planner')!;
    cycleId = (await t.dataSource.getRepository(Cycle).findOneByOrFail({ code: 'KV25' })).id;
    newcomers = [];
    for (const name of NEWCOMERS) {
      const [m] = await createMembers(t.dataSource, cycleId, 1, { name, municipalityCode: AEROE });
      await t.dataSource
        .getRepository(Member)
        .update({ id: m.id }, { searchText: searchTextOf(name, m.email) });
      newcomers.push(m);
    }
    door = await seminarWithParticipants(t, await t.tokenFor('planner'), 5, {
      cycleId,
      title: DOOR,
      endedHoursAgo: 1,
    });
    // The demo's own e-mails and the door's confirmations, so that later counts are the tour's.
    const mails = await deliver(t, sink);
    for (const member of door.members) doorLinks.push(PAGE_LINK.exec(mailsTo(mails, member)[0].text!)![1]);

    ({ browser, baseUrl } = await serveToChromium(t));
    ({ page, errors } = await openPage(browser));
    memberPage = await (await browser.newContext({ bypassCSP: true })).newPage();
    await signInThroughForm(page, baseUrl, planner.email, { password: planner.password });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  it('1. plans a wave of three seminars by cloning one', async () => {
    const plan = await planWaveOfThree(page, baseUrl, {
      venue: 'Tourens Kursuscenter',
      wave: 'Bølge 3 – touren',
      title: 'Kattegat-seminar, touren',
      municipality: 'Odense',
    });
    seminarIds = plan.seminarIds;
    expect(seminarIds).toHaveLength(3);
    await page.goto(`${baseUrl}/seminarer/${seminarIds[2]}`);
    await axe();
    await page.goto(`${baseUrl}/planlaegning`);
    await expect(
      page.locator('section', { has: page.getByRole('heading', { name: 'Bølge 3 – touren' }) }).innerText(),
    ).resolves.toMatch(/(Offentliggjort[\s\S]*){3}/);
    await looksRight(page, SHOTS, 'planning');
  });

  it('2. invites Ærø’s newcomers and watches the job finish', async () => {
    await page.goto(`${baseUrl}/oversigt`);
    await axe();
    await page.getByRole('link', { name: 'Invitér de nyvalgte' }).click();
    expect(new URL(page.url()).pathname).toBe(`/valgperioder/${cycleId}/invitationer`);
    await axe();
    await page.getByLabel('Kommune').selectOption(String(AEROE));
    await page.getByRole('button', { name: 'Se hvor mange der inviteres' }).click();
    expect(await h1()).toBe('Inviterer 3 nyvalgte i Ærø');
    await axe();
    await page.getByRole('button', { name: 'Invitér 3 nyvalgte' }).click();
    await page.getByText(/^Færdig: 3 nyvalgte er inviteret\./).waitFor({ timeout: 60_000 });
    await axe();

    const mails = await deliver(t, sink);
    expect(mails.map(addressOf).sort()).toEqual(newcomers.map((m) => m.email).sort());
    for (const mail of mails) firstLinks.set(addressOf(mail)!, PAGE_LINK.exec(mail.text!)![1]);
  });

  it('3. sees Ærø’s board and reminds those who have not answered; fresh and earlier links both open', async () => {
    await page.goto(`${baseUrl}/oversigt`);
    await page.getByRole('link', { name: 'Deltagelse', exact: true }).click();
    await axe();
    await page.getByLabel('Kommune').selectOption(String(AEROE));
    await page.getByRole('button', { name: 'Vis' }).click();
    await axe();
    const remind = page.getByRole('link', { name: /^Påmind alle \d+, der ikke har svaret$/ });
    const open = Number(/(\d+)/.exec(await remind.innerText())![1]);
    expect(open).toBeGreaterThanOrEqual(3);
    await remind.click();
    expect(await h1()).toBe(`Sender ${open} påmindelser`);
    await axe();
    await page.getByRole('button', { name: `Send ${open} påmindelser` }).click();
    expect(await page.locator('main').innerText()).toContain(`${open} påmindelser er sendt.`);

    const reminders = await deliver(t, sink);
    expect(reminders).toHaveLength(open);
    for (const member of newcomers) {
      const [mail] = mailsTo(reminders, member);
      expect(mail.subject).toBe('Påmindelse: Vælg dit Kattegat-seminar');
      const fresh = PAGE_LINK.exec(mail.text!)![1];
      expect(fresh).not.toBe(firstLinks.get(member.email!));
      for (const token of [fresh, firstLinks.get(member.email!)!]) {
        const response = await memberPage.goto(`${baseUrl}/p/${token}`);
        expect(response?.status()).toBe(200);
        await expect(memberPage.locator('main').innerText()).resolves.toContain(member.name!);
      }
    }
    await axe(memberPage);
  });

  it('4. books a newcomer in from the roster and moves her to the next seminar', async () => {
    const [birte] = NEWCOMERS;
    const booked = await bookMember(page, baseUrl, seminarIds[0], { name: birte, municipality: 'Ærø' });
    expect(booked.question).toContain(birte);
    expect(booked.notice).toContain('Medlemmet er tilmeldt');
    await axe();
    const moved = await moveMember(page, baseUrl, seminarIds[0], birte, seminarIds[1]);
    expect(moved.choice).toContain('25 ledige pladser');
    expect(moved.question).toContain(birte);
    await axe();
    expect((await openRoster(page, baseUrl, seminarIds[1])).participants).toContain(birte);
    expect((await openRoster(page, baseUrl, seminarIds[0])).participants).not.toContain(birte);
  });

  it('5. runs two proposals (K = 3 and K = 5), compares them and applies one', async () => {
    await page.goto(`${baseUrl}/valgperioder/${cycleId}/fordeling`);
    await axe();
    const k3 = await runProposal(page, baseUrl, cycleId, { k: 3, p: 8, bonus: '50; 25' });
    expect(await page.locator('main').innerText()).toContain(`Forslag ${k3}: K = 3, P = 8`);
    await looksRight(page, SHOTS, 'allocation-review');
    const k5 = await runProposal(page, baseUrl, cycleId, { k: 5, p: 8 });
    await axe();
    const rows = await compareProposals(page, baseUrl, cycleId, k3, k5);
    expect(rows[0]).toMatch(/^Regler\s+K = 3, P = 8\s+K = 5, P = 8$/);
    expect(rows.find((r) => r.startsWith('Samlet rejse'))).toMatch(
      /^Samlet rejse\s+[\d.,]+ km\s+[\d.,]+ km$/,
    );
    await axe();
    const before = await t.dataSource.getRepository(Registration).countBy({ cycleId, state: 'registered' });
    const said = await applyProposal(page, baseUrl, cycleId, k5);
    const placed = Number(/^Giver ([\d.]+) pladser/.exec(said)![1].replace('.', ''));
    expect(placed).toBeGreaterThan(0);
    await expect(
      t.dataSource.getRepository(Registration).countBy({ cycleId, state: 'registered' }),
    ).resolves.toBe(before + placed);
    await axe();
  });

  it('6. checks two in by QR and one by name, marks the rest no-show, and the evaluation requests go out', async () => {
    // The confirmations of the applied proposal, so that what arrives next is the door's.
    await deliver(t, sink);
    const codes = [
      await codeFromPersonalPage(memberPage, baseUrl, doorLinks[0]),
      await codeFromPersonalPage(memberPage, baseUrl, doorLinks[1]),
    ];
    await axe(memberPage);
    await page.goto(`${baseUrl}/fremmoede`);
    await axe();
    expect(await openDoor(page, baseUrl, DOOR)).toBe(door.seminar.id);
    await axe();
    const [a, b, c] = door.members.map((m) => m.name!);
    await expect(checkInByCode(page, codes[0], `${a} er tjekket ind.`)).resolves.toBe(`${a} er tjekket ind.`);
    await expect(checkInByCode(page, codes[1], `${b} er tjekket ind.`)).resolves.toBe(`${b} er tjekket ind.`);
    await expect(checkInByName(page, c)).resolves.toBe(`${c} er tjekket ind.`);
    await expect(doorCounts(page)).resolves.toEqual({ attended: 3, expected: 2, noShows: 0 });
    for (const width of [768, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 1024 });
      await axe();
      await page.screenshot({ path: join(SHOTS, `check-in-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    await expect(markRestNoShow(page)).resolves.toBe(2);
    await expect(doorCounts(page)).resolves.toEqual({ attended: 3, expected: 0, noShows: 2 });
    await axe();
    const sent = await deliver(t, sink);
    const asked = sent
      .filter((m) => m.subject === `Hvordan var ${DOOR}? Giv os din vurdering`)
      .map(addressOf)
      .sort();
    expect(asked).toEqual(
      door.members
        .slice(0, 3)
        .map((m) => m.email)
        .sort(),
    );
    expect(errors).toEqual([]);
  });
});
