import { mkdirSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { copenhagenFields } from '../../src/common/copenhagen-instant';
import { EvaluationDelivery } from '../../src/evaluations/evaluation-delivery';
import { MaterialsAnnouncer } from '../../src/materials/materials-announcer';
import { DispatcherService } from '../../src/messaging/dispatcher.service';
import { createMembers } from '../factories/cycle-members.factory';
import {
  answerSurvey,
  defaultAnswers,
  recordAttendance,
  RecordingEvaluationDelivery,
  seminarWithParticipants,
} from '../factories/evaluations.factory';
import { createSeminar, createVenue } from '../factories/planning.factory';
import { looksRight } from '../helpers/browser';
import { openConsoleInChromium } from '../helpers/console-browser';
import { startTestApp, TestApp } from '../helpers/test-app';
import { Wave } from '../../src/planning/wave.entity';

jest.setTimeout(180_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/matev';
const PDF = Buffer.from('%PDF-1.4\nProgram for Kattegat\n%%EOF\n');

const menu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name, exact: true });

/** A planner, through the pages only: uploads a material and sees who is told; edits the questionnaire; reads results. */
describe('Materials and evaluations in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let comingTitle: string;
  let told: string[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const delivery = new RecordingEvaluationDelivery();
    t = await startTestApp({}, [[EvaluationDelivery, delivery]]);
    const api = await t.tokenFor('planner');
    // A seminar that has ended, evaluated by five of its six participants…
    const past = await seminarWithParticipants(t, api, 6, { title: 'Kattegat Nyborg' });
    await recordAttendance(
      t,
      api,
      past.seminar.id,
      past.seats.map((registrationId) => ({ registrationId, attended: true })),
    );
    for (const [i, [overall, recommend, best]] of (
      [
        [5, 10, 'At møde kolleger fra hele landet'],
        [4, 9, ''],
        [4, 7, 'Oplægget om økonomi'],
        [3, 5, ''],
        [5, 10, ''],
      ] as const
    ).entries())
      await answerSurvey(
        t,
        delivery.tokenOf(past.members[i].id, past.seminar.id),
        defaultAnswers(overall, recommend, best),
      );
    // …and one still to come, with two members holding a seat.
    const wave = await t.dataSource.getRepository(Wave).findOneByOrFail({ id: past.waveId });
    const coming = await createSeminar(
      t.dataSource,
      wave,
      await createVenue(t.dataSource, { town: 'Kolding' }),
      {
        title: 'Kattegat Kolding',
      },
    );
    comingTitle = coming.title;
    const members = await createMembers(t.dataSource, past.cycleId, 2);
    for (const member of members)
      await t
        .http()
        .post(`/api/seminars/${coming.id}/registrations`)
        .auth(api, { type: 'bearer' })
        .send({ memberId: member.id })
        .expect(201);
    told = members.map((m) => m.name!);

    ({ browser, page } = await openConsoleInChromium(t, 'planner', {
      context: { locale: 'da-DK' },
    }));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('uploads a material for a seminar and sees who is told', async () => {
    await menu(page, 'Materialer').click();
    await page.getByRole('heading', { name: /^Materialer i / }).waitFor();

    const { date, time } = copenhagenFields(new Date(Date.now() - 3600 * 1000));
    await page.getByLabel('Titel').fill('Program og læsestof');
    const option = page.locator('#hoererTil option', { hasText: comingTitle });
    await page.getByLabel('Hører til').selectOption((await option.getAttribute('value'))!);
    await page.getByLabel('Dato', { exact: true }).fill(date);
    await page.getByLabel('Klokkeslæt').fill(time);
    await page
      .getByLabel('Fil', { exact: true })
      .setInputFiles({ name: 'Program – Kolding.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Tilføj materialet' }).click();
    await page.getByText('Materialet er tilføjet.').waitFor();
    expect(await page.locator('main').innerText()).toContain('får 2 medlemmer en e-mail');

    // The announcer and the dispatcher run in the background; here they are given a push.
    await t.app.get(MaterialsAnnouncer).sweep();
    await t.app.get(DispatcherService).drain();
    await page.reload();
    const rows = await page.locator('#table-told tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    for (const name of told) expect(rows.some((r) => r.includes(name) && r.includes('Sendt'))).toBe(true);
    await looksRight(page, SHOTS, 'materiale');

    await page.getByRole('link', { name: 'Træk tilbage' }).click();
    expect(await page.locator('main').innerText()).toContain('2 medlemmer har fået besked om materialet.');
    await looksRight(page, SHOTS, 'materiale-traek-tilbage');
    await page.getByRole('link', { name: 'Fortryd' }).click();
    await page.getByRole('link', { name: 'Alle materialer' }).click();
    expect(await page.locator('#table-materials tbody tr').count()).toBe(1);
    await looksRight(page, SHOTS, 'materialer');
  });

  it('adds a question to a questionnaire that has answers: it becomes version 2', async () => {
    await menu(page, 'Evaluering').click();
    await page.getByRole('link', { name: 'Spørgeskemaet' }).click();
    expect(await page.locator('main').innerText()).toContain('Version 1 har 5 svar.');
    await looksRight(page, SHOTS, 'spoergeskema');

    await page.getByRole('link', { name: 'Tilføj et spørgsmål' }).click();
    await page.getByLabel('Spørgsmål', { exact: true }).fill('Hvad synes du om maden?');
    await page.getByLabel('Det laveste svar (1) betyder').fill('Meget dårlig');
    await page.getByLabel('Det højeste svar (5) betyder').fill('Meget god');
    await looksRight(page, SHOTS, 'spoergsmaal-nyt');
    await page.getByRole('button', { name: 'Gem spørgsmålet' }).click();
    await page.getByText('Ændringen er gemt som version 2.').waitFor();
    await page.getByRole('button', { name: 'Flyt op spørgsmål 8' }).click();
    await page.getByText('Ændringen er gemt i version 2.').waitFor();
    const questions = await page.locator('.questionnaire-text').allInnerTexts();
    expect(questions[6]).toBe('7. Hvad synes du om maden?');
    await looksRight(page, SHOTS, 'spoergeskema-v2');
  });

  it('reads the results of the seminar: charts beside their tables, NPS on its own scale, free text', async () => {
    await menu(page, 'Evaluering').click();
    await page.getByRole('link', { name: /^Kattegat Nyborg/ }).click();
    await page.getByRole('heading', { name: /Resultater – Seminar: Kattegat Nyborg/ }).waitFor();
    // overall 5,4,4,3,5 → 4,20; recommend 10,9,7,5,10 → NPS (3 − 1) / 5 = 40
    const overall = await page.locator('#table-questions tbody tr', { hasText: 'samlet set' }).innerText();
    expect(overall).toContain('4,20');
    expect(await page.getByRole('img', { name: /NPS 40,0 på en skala fra −100 til 100/ }).count()).toBe(2);
    expect(await page.locator('main').innerText()).toContain('Oplægget om økonomi');
    await looksRight(page, SHOTS, 'evaluering-seminar');
  });
});
