import { mkdirSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { Seminar } from '../../src/planning/seminar.entity';
import { Registration } from '../../src/registrations/registration.entity';
import { AllocationScenario, createInvitedPartyScenario } from '../factories/allocation.factory';
import { looksRight } from '../helpers/browser';
import { openConsoleInChromium } from '../helpers/console-browser';
import { startTestApp, TestApp } from '../helpers/test-app';
import { applyProposal, compareProposals, runProposal } from './steps/alloc';

jest.setTimeout(240_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/alloc';

/** A planner, through pages only, runs two proposals (K = 3 and K = 5), compares them and applies one. */
describe('Fordeling in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let s: AllocationScenario;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp();
    s = await createInvitedPartyScenario(t, await t.tokenFor('planner'));
    ({ browser, baseUrl, page } = await openConsoleInChromium(t, 'planner'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('runs K = 3 and K = 5, compares them side by side and applies one, each page accessible at laptop and phone width', async () => {
    await page.getByRole('link', { name: 'Fordeling', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(`/valgperioder/${s.cycleId}/fordeling`);
    await looksRight(page, SHOTS, 'allocation-start');

    const k3 = await runProposal(page, baseUrl, s.cycleId, { k: 3, p: 8, bonus: '50; 25' });
    const main = await page.locator('main').innerText();
    expect(main).toContain(`Forslag ${k3}: K = 3, P = 8`);
    expect(main).toMatch(/Bevist afstand til optimum\s+0 % \(bevist optimal\)/);
    expect(main).toContain('Kommunegrænsen er nået i det nærmeste seminar');
    await page.getByText('Alle kommuner pr. seminar').click();
    await looksRight(page, SHOTS, 'allocation-review');

    const k5 = await runProposal(page, baseUrl, s.cycleId, { k: 5, p: 8 });
    const rows = await compareProposals(page, baseUrl, s.cycleId, k3, k5);
    expect(rows[0]).toMatch(/^Regler\s+K = 3, P = 8\s+K = 5, P = 8$/);
    expect(rows.find((r) => r.startsWith('Samlet rejse'))).toMatch(
      /^Samlet rejse\s+[\d.,]+ km\s+[\d.,]+ km$/,
    );
    await looksRight(page, SHOTS, 'allocation-compare');

    const said = await applyProposal(page, baseUrl, s.cycleId, k5);
    expect(said).toBe('Giver 29 pladser og sender 29 bekræftelser.');
    await expect(
      t.dataSource.getRepository(Registration).countBy({ cycleId: s.cycleId, state: 'registered' }),
    ).resolves.toBe(29);
    await looksRight(page, SHOTS, 'allocation-applied');

    // The other one is now out of date: refused with the reason, nothing applied.
    await page.goto(`${baseUrl}/valgperioder/${s.cycleId}/fordeling/${k3}`);
    await page.getByRole('button', { name: 'Anvend forslaget' }).click();
    await expect(page.locator('.console-error-summary').innerText()).resolves.toContain(
      'tilmeldte (før 0); 29 medlemmer har fået en plads siden. Intet er ændret. Lav et nyt forslag.',
    );
    await looksRight(page, SHOTS, 'allocation-refused');
  });

  it('follows a refused shrink of a seminar to its re-plan page, accessible at laptop and phone width', async () => {
    const aalborg = s.seminars.Aalborg;
    const { taken } = await t.dataSource.getRepository(Seminar).findOneByOrFail({ id: aalborg.id });
    await page.goto(`${baseUrl}/seminarer/${aalborg.id}/rediger`);
    await page.getByLabel('Pladser').fill(String(taken - 2));
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await page.getByRole('link', { name: 'lav en ny fordeling' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe(
      `${aalborg.title} får ${taken - 2} pladser i stedet for ${aalborg.capacity}`,
    );
    await expect(page.locator('main').innerText()).resolves.toContain(
      `Der er ${taken} tilmeldte, så 2 skal flyttes til andre seminarer.`,
    );
    await looksRight(page, SHOTS, 'allocation-replan');
    await expect(
      t.dataSource.getRepository(Seminar).findOneByOrFail({ id: aalborg.id }),
    ).resolves.toMatchObject({ capacity: aalborg.capacity, taken });
  });
});
