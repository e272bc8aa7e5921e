import { Browser } from 'playwright-core';
import { EvaluationDelivery } from '../../src/evaluations/evaluation-delivery';
import { EvaluationResponse } from '../../src/evaluations/evaluation-response.entity';
import {
  recordAttendance,
  RecordingEvaluationDelivery,
  seminarWithParticipants,
} from '../factories/evaluations.factory';
import { seriousViolations } from '../helpers/browser';
import { openPhonePage, serveToChromium } from '../helpers/console-browser';
import { startTestApp, TestApp } from '../helpers/test-app';

jest.setTimeout(120_000);

describe('The evaluation survey in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let planner: string;
  const delivery = new RecordingEvaluationDelivery();

  beforeAll(async () => {
    t = await startTestApp({}, [[EvaluationDelivery, delivery]]);
    ({ browser, baseUrl } = await serveToChromium(t));
    planner = await t.tokenFor('planner');
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function surveyLink(): Promise<{ link: string; seminarId: number }> {
    const { seminar, members, seats } = await seminarWithParticipants(t, planner, 1);
    await recordAttendance(t, planner, seminar.id, [{ registrationId: seats[0], attended: true }]);
    return {
      link: `${baseUrl}/evaluering/${delivery.tokenOf(members[0].id, seminar.id)}`,
      seminarId: seminar.id,
    };
  }

  it('is filled in and sent on a phone, with problems shown by the field, each page without serious accessibility problems', async () => {
    const { link, seminarId } = await surveyLink();
    const { context, page } = await openPhonePage(browser);
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Evaluering af dit Kattegat-seminar');
    await expect(seriousViolations(page)).resolves.toEqual([]);

    const group = (name: RegExp) => page.getByRole('group', { name });
    await group(/samlet set/)
      .getByLabel('5 – Meget tilfreds')
      .check();
    await group(/relevant/)
      .getByLabel('4', { exact: true })
      .check();
    await group(/oplægsholderne/)
      .getByLabel('3', { exact: true })
      .check();
    await page.getByLabel('Hvad var det bedste ved forløbet?').fill('At møde kolleger fra hele landet');
    await page.getByRole('button', { name: 'Send mine svar' }).click();
    await page.waitForLoadState();

    // Two required questions are left: the page says so by each, and keeps the rest.
    expect(await page.getByRole('alert').textContent()).toContain('Der er problemer med dine svar');
    expect(await page.locator('#fejl-network').textContent()).toBe('Fejl: Skal besvares.');
    expect(await page.locator('#fejl-recommend').textContent()).toBe('Fejl: Skal besvares.');
    expect(
      await group(/samlet set/)
        .getByLabel('5 – Meget tilfreds')
        .isChecked(),
    ).toBe(true);
    expect(await page.getByLabel('Hvad var det bedste ved forløbet?').inputValue()).toBe(
      'At møde kolleger fra hele landet',
    );
    await expect(seriousViolations(page)).resolves.toEqual([]);

    await group(/andre kommuner/)
      .getByLabel('5 – Meget stor værdi')
      .check();
    await group(/anbefale/)
      .getByLabel('9', { exact: true })
      .check();
    await page.getByRole('button', { name: 'Send mine svar' }).click();
    await page.waitForURL(/\/tak$/);
    expect(await page.locator('h1').textContent()).toBe('Tak for dine svar');
    await expect(seriousViolations(page)).resolves.toEqual([]);

    const [stored] = await t.dataSource.getRepository(EvaluationResponse).findBy({ seminarId });
    expect(stored.answers).toEqual({
      overall: 5,
      relevance: 4,
      speakers: 3,
      network: 5,
      recommend: 9,
      best: 'At møde kolleger fra hele landet',
    });

    expect((await page.goto(link))?.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('Du har allerede svaret');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await context.close();
  });

  it('works without JavaScript', async () => {
    const { link, seminarId } = await surveyLink();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    for (const [name, label] of [
      [/samlet set/, '4'],
      [/relevant/, '4'],
      [/oplægsholderne/, '4'],
      [/andre kommuner/, '4'],
      [/anbefale/, '8'],
    ] as const) {
      await page.getByRole('group', { name }).getByLabel(label, { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Send mine svar' }).click();
    await page.waitForURL(/\/tak$/);
    await expect(t.dataSource.getRepository(EvaluationResponse).countBy({ seminarId })).resolves.toBe(1);
    await context.close();
  });
});
