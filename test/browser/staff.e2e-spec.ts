import { mkdirSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { looksRight } from '../helpers/browser';
import { createStaff, STAFF_PASSWORD } from '../helpers/console';
import { openPage, serveToChromium, signInThroughForm } from '../helpers/console-browser';
import { startTestApp, TestApp } from '../helpers/test-app';

jest.setTimeout(180_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/staff';

/** Issue 16 point 4 through pages only: an admin manages the staff accounts. */
describe('Personale in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp();
    await createStaff(
      t,
      { email: 'admin@komponent.test', name: 'Ada Admin', role: 'admin' },
      { email: 'planlaegger@komponent.test', name: 'Pia Planlægger', role: 'planner' },
    );
    ({ browser, baseUrl } = await serveToChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A browser of its own (a second context is a second person); axe needs the CSP bypassed. */
  async function signedIn(email: string, password: string, start: string): Promise<Page> {
    const { page } = await openPage(browser);
    await signInThroughForm(page, baseUrl, email, { landing: start, password });
    return page;
  }

  it('an admin creates a municipal contact and disables a planner, whose open session stops working', async () => {
    const planner = await signedIn('planlaegger@komponent.test', STAFF_PASSWORD, '/oversigt');
    const admin = await signedIn('admin@komponent.test', STAFF_PASSWORD, '/oversigt');

    await admin.getByRole('link', { name: 'Personale' }).click();
    await admin.waitForURL(`${baseUrl}/personale`);
    await looksRight(admin, SHOTS, 'personale');

    await admin.getByLabel('Navn').fill('Sekretariatet i Odense');
    await admin.getByLabel('E-mail').fill('sekretariat@odense.dk');
    await admin.getByLabel('Rolle').selectOption({ label: 'Kommunal kontaktperson' });
    await admin.getByLabel('Kommune').selectOption({ label: 'Odense' });
    await admin.getByRole('button', { name: 'Opret kontoen' }).click();
    await admin.getByRole('heading', { name: 'Kontoen er oprettet' }).waitFor();
    const password = (await admin.locator('#temporary-password').textContent())!;
    await looksRight(admin, SHOTS, 'personale-ny-konto');

    await admin.getByRole('link', { name: 'Til kontoen' }).click();
    await admin.getByRole('heading', { name: 'Sekretariatet i Odense', level: 1 }).waitFor();
    expect(await admin.locator('.console-details').textContent()).toMatch(
      /Kommunal kontaktperson\s*Kommune\s*Odense/,
    );

    await admin.getByRole('link', { name: 'Personale' }).first().click();
    await admin.getByRole('link', { name: 'Pia Planlægger' }).click();
    expect(await admin.locator('#table-sessions').textContent()).toContain('Chrome på Linux');
    await looksRight(admin, SHOTS, 'personale-konto');
    await admin.getByRole('button', { name: 'Luk kontoen' }).click();
    await admin.getByText('Kontoen er lukket, og alle dens sessioner er afsluttet.').waitFor();
    expect(await admin.getByText('Kontoen har ingen sessioner, der virker.').count()).toBe(1);
    expect(await admin.locator('#table-audit').textContent()).toMatch(/Lukket\s*Ada Admin/);
    await looksRight(admin, SHOTS, 'personale-konto-lukket');

    // The planner's page was open: the next click finds the session ended.
    await planner.getByRole('link', { name: 'Valgperioder' }).click();
    await planner.waitForURL(/\/log-ind/);

    const contact = await signedIn('sekretariat@odense.dk', password, '/min-kommune');
    expect(await contact.locator('h1').textContent()).toContain('Min kommune');

    // The last admin cannot close their own account.
    await admin.getByRole('link', { name: 'Personale' }).first().click();
    await admin.getByRole('link', { name: 'Ada Admin' }).click();
    await admin.getByRole('button', { name: 'Luk kontoen' }).click();
    await admin.getByText('Kontoen er den sidste aktive administrator.').first().waitFor();
    await looksRight(admin, SHOTS, 'personale-sidste-administrator');
    for (const page of [planner, admin, contact]) await page.context().close();
  });
});
