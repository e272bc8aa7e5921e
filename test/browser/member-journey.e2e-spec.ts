import { mkdirSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Member } from '../../src/cycles/member.entity';
import { createCycle, createMembers } from '../factories/cycle-members.factory';
import { createSeminar, createSkagenSeminar, createVenue, createWave } from '../factories/planning.factory';
import { seriousViolations } from '../helpers/browser';
import { openPhonePage, serveToChromium } from '../helpers/console-browser';
import { captureIssuedLinks, inviteNow } from '../helpers/portal';
import { startTestApp, TestApp } from '../helpers/test-app';

jest.setTimeout(180_000);

const DAY = 24 * 3600 * 1000;
const SHOTS = process.env.SHOTS_DIR;

describe('The member’s journey on a 390 px phone', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let members: Member[];
  let tokens: Map<number, string>;

  beforeAll(async () => {
    t = await startTestApp({ SECRETARIAT_EMAIL: 'kattegat@kl.dk', SECRETARIAT_PHONE: '+45 33 70 33 70' });
    ({ browser, baseUrl } = await serveToChromium(t));
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    tokens = captureIssuedLinks(t);
    const cycle = await createCycle(t.dataSource);
    const open = await createWave(t.dataSource, cycle.id);
    const later = await createWave(t.dataSource, cycle.id, {
      name: 'Periode 2',
      registrationOpensAt: new Date(Date.now() + 10 * DAY),
      registrationClosesAt: new Date(Date.now() + 40 * DAY),
    });
    await createSkagenSeminar(t.dataSource, open, { capacity: 1, taken: 1 });
    await createSeminar(t.dataSource, open, await createVenue(t.dataSource), { title: 'Kattegat Kolding' });
    await createSeminar(
      t.dataSource,
      later,
      await createVenue(t.dataSource, {
        name: 'Comwell Aalborg',
        town: 'Aalborg',
        latitude: 57.05,
        longitude: 9.92,
      }),
      {
        title: 'Kattegat Aalborg',
        startsAt: new Date(Date.now() + 60 * DAY),
        endsAt: new Date(Date.now() + 62 * DAY),
      },
    );
    members = await createMembers(t.dataSource, cycle.id, 3);
    await inviteNow(t, cycle.id, await t.tokenFor('planner'));
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const pageOf = (member: Member) => `${baseUrl}/p/${tokens.get(member.id)}`;
  async function phone(javaScriptEnabled = true): Promise<[BrowserContext, Page]> {
    const { context, page } = await openPhonePage(browser, { javaScriptEnabled });
    return [context, page];
  }
  async function looked(page: Page, name: string, axe = true) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
    expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(390);
    if (axe) await expect(seriousViolations(page)).resolves.toEqual([]);
  }
  const headings = (page: Page) => page.locator('h2').allTextContents();

  it('shows status first, bookable seminars before full ones and later waves with their opening date', async () => {
    const [context, page] = await phone();
    await page.goto(pageOf(members[0]));
    expect(await headings(page)).toEqual([
      'Din plads',
      'Seminarer med ledige pladser',
      'Fulde seminarer',
      'Seminarer, der åbner for tilmelding senere',
      'Kost og tilgængelighed',
      'Dine ønsker, hvis seminaret er fuldt',
      'Spørgsmål',
    ]);
    // The full seminar is not a primary button on top: the first button books a seminar with room.
    expect(await page.getByRole('button').first().textContent()).toBe('Tilmeld mig Kattegat Kolding');
    expect(await page.locator('section', { hasText: 'åbner for tilmelding senere' }).textContent()).toMatch(
      /Kattegat Aalborg[\s\S]*Tilmeldingen åbner (?:man|tirs|ons|tors|fre|lør|søn)dag den \d+\. \w+ \d{4} kl\. \d\d\.\d\d/,
    );
    await looked(page, 'page-before-booking');

    await page.getByRole('button', { name: 'Tilmeld mig Kattegat Kolding' }).click();
    await page.waitForURL(/besked=tilmeldt/);
    // A seated member is not asked for wishes, and may wait for the full one while keeping the seat.
    expect(await headings(page)).not.toContain('Dine ønsker, hvis seminaret er fuldt');
    await expect(
      page
        .getByRole('button', { name: 'Skriv mig på ventelisten og behold min plads (Kattegat Skagen)' })
        .count(),
    ).resolves.toBe(1);
    await looked(page, 'page-booked');
    await context.close();
  });

  it('asks once before a cancellation, says what will happen, and offers the seat back while it is free', async () => {
    const [context, page] = await phone();
    await page.goto(pageOf(members[0]));
    await page.getByRole('link', { name: 'Meld afbud' }).click();
    expect(await page.locator('h1').textContent()).toBe('Er du sikker?');
    expect(await page.locator('main').textContent()).toContain('Du melder afbud til Kattegat Kolding');
    expect(await page.locator('main').textContent()).toContain('aftalen i din kalender bliver aflyst');
    await looked(page, 'cancel-confirm');
    await page.getByRole('link', { name: 'Nej, behold min plads' }).click();
    expect(await page.locator('.card.current .state').textContent()).toContain('Du er tilmeldt');

    await page.getByRole('link', { name: 'Meld afbud' }).click();
    await page.getByRole('button', { name: 'Ja, meld afbud' }).click();
    await page.waitForURL(/besked=afbud/);
    expect(await page.locator('.card.current .state').textContent()).toBe(
      'Du har meldt afbud til Kattegat Kolding',
    );
    await looked(page, 'cancelled-undo');
    await page.getByRole('button', { name: 'Tag pladsen tilbage på Kattegat Kolding' }).click();
    await page.waitForURL(/besked=fortrudt/);
    expect(await page.getByRole('status').textContent()).toContain('Du har din plads igen');
    expect(await page.locator('.card.current .state').textContent()).toContain('Du er tilmeldt');
    await context.close();
  });

  it('"Jeg kan ikke deltage" with an optional reason', async () => {
    const [context, page] = await phone();
    await page.goto(pageOf(members[1]));
    await page.getByRole('link', { name: 'Jeg kan ikke deltage' }).click();
    await looked(page, 'decline');
    await page.getByLabel('Begrundelse (valgfri)').fill('Jeg er på barsel i foråret');
    await page.getByRole('button', { name: 'Send: Jeg kan ikke deltage' }).click();
    await page.waitForURL(/besked=meldtfra/);
    expect(await page.getByRole('status').textContent()).toContain('Tak for dit svar');
    expect(await page.locator('main').textContent()).toContain('Du har meldt, at du ikke kan deltage');
    await looked(page, 'declined');
    await context.close();
  });

  it('works without JavaScript: decline, book, cancel after the question, take the seat back', async () => {
    const [context, page] = await phone(false);
    await page.goto(pageOf(members[2]));
    await page.getByRole('link', { name: 'Jeg kan ikke deltage' }).click();
    await page.getByRole('button', { name: 'Send: Jeg kan ikke deltage' }).click();
    await page.waitForURL(/besked=meldtfra/);
    await page.getByRole('button', { name: 'Tilmeld mig Kattegat Kolding' }).click();
    await page.waitForURL(/besked=tilmeldt/);
    await page.getByRole('link', { name: 'Meld afbud' }).click();
    await page.getByRole('button', { name: 'Ja, meld afbud' }).click();
    await page.waitForURL(/besked=afbud/);
    await page.getByRole('button', { name: 'Tag pladsen tilbage på Kattegat Kolding' }).click();
    await page.waitForURL(/besked=fortrudt/);
    expect(await page.locator('.card.current .state').textContent()).toContain('Du er tilmeldt');
    await context.close();
  });

  it.each([true, false])(
    'a wrong link gives the secretariat’s e-mail and phone (JavaScript %s)',
    async (js) => {
      const [context, page] = await phone(js);
      const response = await page.goto(`${baseUrl}/p/${'q'.repeat(43)}`);
      expect(response?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('Linket virker ikke');
      await expect(page.getByRole('link', { name: 'kattegat@kl.dk' }).getAttribute('href')).resolves.toBe(
        'mailto:kattegat@kl.dk',
      );
      await expect(page.getByRole('link', { name: '+45 33 70 33 70' }).getAttribute('href')).resolves.toBe(
        'tel:+4533703370',
      );
      if (js) await looked(page, 'unknown-link');
      await context.close();
    },
  );
});
