import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { StaffService } from '../../src/auth/staff.service';
import { statisticsFixture, StatisticsFixture } from '../factories/statistics.factory';
import { launchChromium, seriousViolations } from '../helpers/browser';
import { startTestApp, TestApp } from '../helpers/test-app';

jest.setTimeout(120_000);

/** The cells of a table's body rows, as text. */
function tableRows(page: Page, id: string): Promise<string[][]> {
  return page.evaluate(
    `[...document.querySelectorAll('#${id} tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent.trim()))`,
  ) as Promise<string[][]>;
}

const percent = (share: number | null) =>
  share === null ? '–' : `${(share * 100).toFixed(1).replace('.', ',')} %`;

describe('The dashboard in Chromium', () => {
  let t: TestApp;
  let f: StatisticsFixture;
  let browser: Browser;
  let baseUrl: string;
  const password = 'et-rigtig-langt-kodeord';
  const screenshots = process.env.SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'kattegat-dashboard-'));

  beforeAll(async () => {
    t = await startTestApp();
    f = await statisticsFixture(t.dataSource);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('logs KL in, draws the charts from the same figures as the API, and passes axe', async () => {
    await t.app
      .get(StaffService)
      .create({ email: 'analytiker@kl.test', name: 'Analytiker', password, role: 'kl' });
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));

    await page.goto(`${baseUrl}/dashboard`);
    expect(page.url()).toBe(`${baseUrl}/dashboard/login`);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.getByLabel('E-mail').fill('analytiker@kl.test');
    await page.getByLabel('Adgangskode').fill(password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${baseUrl}/statistik`);
    expect(await page.locator('h1').textContent()).toContain(`Statistik for ${f.cycle.code}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('da');

    for (const id of ['chart-regions', 'chart-municipalities', 'chart-timeline', 'chart-seminars']) {
      await page.waitForFunction(`Chart.getChart(document.getElementById('${id}')) !== undefined`);
      expect(
        await page.evaluate(`Chart.getChart(document.getElementById('${id}')).data.datasets[0].data.length`),
      ).toBeGreaterThan(0);
      expect(await page.locator(`#${id}`).getAttribute('aria-label')).toBeTruthy();
    }
    expect(
      await page.evaluate(`Chart.getChart(document.getElementById('chart-regions')).data.datasets[0].data`),
    ).toEqual([null, 0, 0.25, null, null]);

    const kl = await t.tokenFor('kl');
    const api = async (what: string) =>
      (
        await t
          .http()
          .get(`/api/cycles/${f.cycle.id}/statistics/${what}`)
          .auth(kl, { type: 'bearer' })
          .expect(200)
      ).body.items;
    const regions = (await api('regions')) as Array<Record<string, number | null> & { name: string }>;
    const row = (r: Record<string, number | null> & { name: string }) => [
      r.name,
      ...['newlyElected', 'invited', 'registered', 'waitlisted', 'attended', 'noShows'].map((k) =>
        String(r[k]),
      ),
      percent(r.coverage),
    ];
    expect(await tableRows(page, 'table-regions')).toEqual(regions.map(row));
    const municipalities = await api('municipalities');
    expect(await tableRows(page, 'table-municipalities')).toEqual(municipalities.map(row));
    const seminars = (await api('seminars')) as Array<{
      title: string;
      registered: number;
      fillRate: number;
    }>;
    expect((await tableRows(page, 'table-seminars')).map((r) => [r[0], r[3], r[7]])).toEqual(
      seminars.map((s) => [s.title, String(s.registered), percent(s.fillRate)]),
    );

    await page.screenshot({ path: join(screenshots, 'dashboard-laptop.png'), fullPage: true });
    await expect(seriousViolations(page)).resolves.toEqual([]);

    // A tablet: the page itself never scrolls sideways; wide tables scroll in their own box.
    await page.setViewportSize({ width: 768, height: 1024 });
    // Chart.js follows the new width on its next resize observation, so wait for it.
    await page
      .waitForFunction('document.documentElement.scrollWidth <= window.innerWidth', undefined, {
        timeout: 5000,
      })
      .catch(() => undefined);
    expect(
      await page.evaluate(
        `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.console-table-wrap')).map((e) => e.tagName + '.' + e.className + '#' + e.id)`,
      ),
    ).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'dashboard-tablet.png') });

    const planners = await page.goto(`${baseUrl}/seminarer`);
    expect(planners?.status()).toBe(403);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    expect(scriptErrors).toEqual([]);
    await context.close();
  });
});
