import { mkdirSync, readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { DemoLoader } from '../../src/demo/demo-loader';
import { staffMenu } from '../../src/web/staff-menu';
import { looksRight } from '../helpers/browser';
import { openPage, serveToChromium, signInThroughForm } from '../helpers/console-browser';
import { csvCells } from '../helpers/html-table';
import { startTestApp, TestApp } from '../helpers/test-app';

// The demo load takes a while on a busy machine.
jest.setTimeout(600_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/stats';

const PAGES = [
  ['statistik', '/statistik'],
  ['kommuner', '/statistik/kommuner'],
  ['partier', '/statistik/partier'],
  ['seminarer', '/statistik/seminarer'],
  ['over-tid', '/statistik/over-tid'],
  ['evaluering', '/statistik/evaluering'],
];

/** The cells of a table (header, body, footer) as the reader sees them. */
function tableCells(page: Page, id: string): Promise<string[][]> {
  return page.evaluate(
    `[...document.querySelectorAll('#${id} tr')].map((tr) => [...tr.children].map((c) => c.textContent.trim()))`,
  ) as Promise<string[][]>;
}

/** How many bars of the page's charts have a length (a zero-width bar draws nothing). */
function visibleBars(page: Page): Promise<number> {
  return page.evaluate(
    `[...document.querySelectorAll('rect.stat-bar')].filter((r) => r.getBoundingClientRect().width >= 1).length`,
  ) as Promise<number>;
}

describe('Statistics for KL in Chromium, on the demo data', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp();
    const { accounts } = await new DemoLoader(t.app, () => undefined).load();
    const kl = accounts.find((a) => a.role === 'kl')!;
    ({ browser, baseUrl } = await serveToChromium(t));
    ({ page } = await openPage(browser, { acceptDownloads: true }));
    await signInThroughForm(page, baseUrl, kl.email, { landing: '/statistik', password: kl.password });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens on KV25 and shows every statistics page with visible bars, passing axe at laptop and phone', async () => {
    expect(await page.locator('h1').textContent()).toContain('Statistik for KV25');
    for (const [name, path] of PAGES) {
      await page.goto(`${baseUrl}${path}`);
      expect(await visibleBars(page)).toBeGreaterThan(0);
      await looksRight(page, SHOTS, `statistik-${name}`);
    }
  });

  it('compares KV21 and KV25 and downloads the CSV of the table on screen', async () => {
    await page.goto(`${baseUrl}/statistik`);
    await page.getByRole('link', { name: 'Sammenlign valgperioder' }).click();
    await page.getByLabel('Første valgperiode').selectOption('KV21');
    await page.getByLabel('Sammenlignet med').selectOption('KV25');
    await page.getByRole('button', { name: 'Sammenlign' }).click();
    await page.waitForURL(/\/statistik\/sammenlign\?a=KV21&b=KV25/);
    expect(await page.locator('h1').textContent()).toContain('KV21 sammenlignet med KV25');
    expect(await visibleBars(page)).toBeGreaterThan(10);
    await looksRight(page, SHOTS, 'statistik-sammenlign');

    const shown = await tableCells(page, 'tabel-regioner');
    expect(shown[0]).toContain('Forskel (procentpoint)');
    expect(shown).toHaveLength(1 + 5 + 1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .locator('#regioner-heading')
        .locator('xpath=..')
        .getByRole('link', { name: /Hent tabellen som CSV/ })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe('statistik-KV21-KV25-regioner.csv');
    expect(csvCells(readFileSync((await download.path())!, 'utf8'))).toEqual(shown);
  });

  it('refuses KL every planner page (403) and any change', async () => {
    for (const href of staffMenu('planner', '/')
      .map((s) => s.href)
      .filter((h) => h !== '/statistik')) {
      const response = await page.goto(`${baseUrl}${href}`);
      // "Seminarer" is lane plan's; on this branch the old list under it has moved to /statistik/seminarer.
      expect([href, response?.status()]).toEqual([href, href === '/seminarer' ? 404 : 403]);
    }
    expect(await page.locator('h1').textContent()).toBeTruthy();
    const refused = await page.request.post(`${baseUrl}/valgperioder/ny`, { form: { code: 'KV29' } });
    expect(refused.status()).toBe(403);
  });
});
