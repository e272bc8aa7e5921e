import { Browser } from 'playwright-core';
import { createCycle, createMembers } from '../factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from '../factories/planning.factory';
import { captureIssuedLinks } from '../helpers/portal';
import { launchChromium, seriousViolations } from '../helpers/browser';
import { startTestApp, TestApp } from '../helpers/test-app';

jest.setTimeout(120_000);

describe('The personal pages in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    browser = await launchChromium();
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
    await createSeminar(
      t.dataSource,
      wave,
      await createVenue(t.dataSource, {
        name: 'Hotel Nordsøen',
        town: 'Skagen',
        latitude: 57.72,
        longitude: 10.58,
      }),
      { title: 'Kattegat Skagen', capacity: 1, taken: 1 },
    );
    const [member] = await createMembers(t.dataSource, cycle.id, 1);
    const planner = await t.tokenFor('planner');
    await t
      .http()
      .post(`/api/cycles/${cycle.id}/invitations`)
      .auth(planner, { type: 'bearer' })
      .send({})
      .expect(201);
    const link = `${baseUrl}/p/${tokens.get(member.id)}`;

    // Axe is injected as an inline script, which the page's own CSP rightly forbids.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
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
    const planner = await t.tokenFor('planner');
    await t
      .http()
      .post(`/api/cycles/${cycle.id}/invitations`)
      .auth(planner, { type: 'bearer' })
      .send({})
      .expect(201);

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
