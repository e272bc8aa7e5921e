import { Browser } from 'playwright-core';
import { createCycle, createMembers } from '../factories/cycle-members.factory';
import { createSeminar, createSkagenSeminar, createVenue, createWave } from '../factories/planning.factory';
import { captureIssuedLinks, inviteNow } from '../helpers/portal';
import { seriousViolations } from '../helpers/browser';
import { openPhonePage, serveToChromium } from '../helpers/console-browser';
import { startTestApp, TestApp } from '../helpers/test-app';

jest.setTimeout(120_000);

describe('The personal pages in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({ browser, baseUrl } = await serveToChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('opens a personal link, books a seat and cancels it, each page without serious accessibility problems', async () => {
    const tokens = captureIssuedLinks(t);
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), { title: 'Kattegat Kolding' });
    await createSkagenSeminar(t.dataSource, wave, { capacity: 1, taken: 1 });
    const [member] = await createMembers(t.dataSource, cycle.id, 1);
    await inviteNow(t, cycle.id, await t.tokenFor('planner'));
    const link = `${baseUrl}/p/${tokens.get(member.id)}`;

    const { context, page } = await openPhonePage(browser);
    const response = await page.goto(link);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Dit Kattegat-forløb');
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    await expect(seriousViolations(page)).resolves.toEqual([]);

    await page.getByRole('button', { name: 'Tilmeld mig Kattegat Kolding' }).click();
    await page.waitForURL(/besked=tilmeldt/);
    expect(await page.getByRole('status').textContent()).toContain('Du er nu tilmeldt');
    expect(await page.locator('.card.current .state').textContent()).toContain('Du er tilmeldt');
    await expect(seriousViolations(page)).resolves.toEqual([]);

    await page.getByRole('link', { name: 'Meld afbud' }).click();
    expect(await page.locator('h1').textContent()).toBe('Er du sikker?');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.getByRole('button', { name: 'Ja, meld afbud' }).click();
    await page.waitForURL(/besked=afbud/);
    expect(await page.getByRole('status').textContent()).toContain('Dit afbud er registreret');
    await expect(seriousViolations(page)).resolves.toEqual([]);

    const unknown = await page.goto(`${baseUrl}/p/${'q'.repeat(43)}`);
    expect(unknown?.status()).toBe(404);
    await expect(seriousViolations(page)).resolves.toEqual([]);

    // The check itself can fail: a page without language, labels or alt texts does.
    await page.setContent('<html><body><img src="x.png"><input type="text"></body></html>');
    await expect(seriousViolations(page)).resolves.toEqual(
      expect.arrayContaining([expect.stringMatching(/^image-alt/), expect.stringMatching(/^label/)]),
    );
    await context.close();
  });

  it('works without JavaScript', async () => {
    const tokens = captureIssuedLinks(t);
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    await createSeminar(t.dataSource, wave, await createVenue(t.dataSource), { title: 'Kattegat Nyborg' });
    const [member] = await createMembers(t.dataSource, cycle.id, 1);
    await inviteNow(t, cycle.id, await t.tokenFor('planner'));

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/p/${tokens.get(member.id)}`);
    await page.getByRole('button', { name: 'Tilmeld mig Kattegat Nyborg' }).click();
    await page.waitForURL(/besked=tilmeldt/);
    await page.getByLabel('Kost og allergier').fill('Glutenfri');
    await page.getByRole('button', { name: 'Gem oplysninger' }).click();
    await page.waitForURL(/besked=oplysninger/);
    expect(await page.getByLabel('Kost og allergier').inputValue()).toBe('Glutenfri');
    await page.getByRole('link', { name: 'Meld afbud' }).click();
    await page.getByRole('button', { name: 'Ja, meld afbud' }).click();
    await page.waitForURL(/besked=afbud/);
    expect(await page.getByRole('status').textContent()).toContain('Dit afbud er registreret');
    await context.close();
  });
});
