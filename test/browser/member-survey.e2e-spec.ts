import { mkdirSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { EvaluationDelivery } from '../../src/evaluations/evaluation-delivery';
import { EvaluationResponse } from '../../src/evaluations/evaluation-response.entity';
import { PersonalLinks } from '../../src/invitations/personal-links';
import {
  recordAttendance,
  RecordingEvaluationDelivery,
  seminarWithParticipants,
} from '../factories/evaluations.factory';
import { looksRight } from '../helpers/browser';
import { openPhonePage, serveToChromium } from '../helpers/console-browser';
import { startTestApp, TestApp } from '../helpers/test-app';

jest.setTimeout(120_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/staff';

/** Issue 17 point 4 on a phone: after the seminar, the personal page leads to the evaluation. */
describe('The evaluation from the personal page, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let planner: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp({}, [[EvaluationDelivery, new RecordingEvaluationDelivery()]]);
    ({ browser, baseUrl } = await serveToChromium(t));
    planner = await t.tokenFor('planner');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The personal page of a member who attended a seminar that ended `endedHoursAgo` hours ago. */
  async function attendedPage(endedHoursAgo: number, material = false): Promise<string> {
    const { seminar, members, seats } = await seminarWithParticipants(t, planner, 1, {
      endedHoursAgo,
      title: 'Kattegat Nyborg',
    });
    if (material) {
      await t
        .http()
        .post(`/api/seminars/${seminar.id}/materials`)
        .auth(planner, { type: 'bearer' })
        .send({
          title: 'Oplæg om kommunal økonomi',
          url: 'https://www.kl.dk/okonomi',
          availableFrom: new Date(Date.now() - 3600_000).toISOString(),
        })
        .expect(201);
    }
    await recordAttendance(t, planner, seminar.id, [{ registrationId: seats[0], attended: true }]);
    const urls = await t.dataSource.transaction((m) =>
      t.app.get(PersonalLinks).mintLinks(m, [members[0].id]),
    );
    return `${baseUrl}/p/${urls.get(members[0].id)!.split('/').pop()}`;
  }

  async function answer(page: Page) {
    for (const [name, label] of [
      [/samlet set/, '5 – Meget tilfreds'],
      [/relevant/, '4'],
      [/oplægsholderne/, '4'],
      [/andre kommuner/, '5 – Meget stor værdi'],
      [/anbefale/, '9'],
    ] as const) {
      await page.getByRole('group', { name }).getByLabel(label, { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Send mine svar' }).click();
    await page.waitForURL(/\/tak$/);
  }

  it('shows the seminar held, leads to the survey and then thanks, on a phone', async () => {
    const personal = await attendedPage(2, true);
    const { context, page } = await openPhonePage(browser);
    await page.goto(personal);
    expect(await page.locator('.card.current .state').textContent()).toBe('Du deltog');
    expect(await page.locator('.card.current h3').textContent()).toBe('Kattegat Nyborg');
    await expect(page.getByRole('heading', { name: 'Seminarer med ledige pladser' }).count()).resolves.toBe(
      0,
    );
    await looksRight(page, SHOTS, 'personlig-side-efter-seminaret');

    await page.getByRole('link', { name: 'Besvar evalueringen' }).click();
    await page.waitForURL(/\/evaluering\/[^/]+$/);
    expect(await page.locator('h1').textContent()).toBe('Evaluering af dit Kattegat-seminar');
    await answer(page);

    await page.goto(personal);
    expect(await page.getByRole('region', { name: 'Evaluering' }).textContent()).toContain(
      'Tak, du har svaret på evalueringen.',
    );
    await expect(page.getByRole('link', { name: 'Besvar evalueringen' }).count()).resolves.toBe(0);
    await looksRight(page, SHOTS, 'personlig-side-evaluering-besvaret');
    await context.close();
  });

  it('says when the survey opens while the seminar is still on', async () => {
    const personal = await attendedPage(-3);
    const { context, page } = await openPhonePage(browser);
    await page.goto(personal);
    expect(await page.getByRole('region', { name: 'Evaluering' }).textContent()).toMatch(
      /Evalueringen åbner, når seminaret slutter (?:man|tirs|ons|tors|fre|lør|søn)dag den/,
    );
    await looksRight(page, SHOTS, 'personlig-side-evaluering-aabner');
    await context.close();
  });

  it('works without JavaScript', async () => {
    const personal = await attendedPage(2);
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(personal);
    await page.getByRole('link', { name: 'Besvar evalueringen' }).click();
    await page.waitForURL(/\/evaluering\/[^/]+$/);
    const before = await t.dataSource.getRepository(EvaluationResponse).count();
    await answer(page);
    await page.goto(personal);
    expect(await page.getByRole('region', { name: 'Evaluering' }).textContent()).toContain(
      'Tak, du har svaret på evalueringen.',
    );
    await expect(t.dataSource.getRepository(EvaluationResponse).count()).resolves.toBe(before + 1);
    await context.close();
  });
});
