import { Page } from 'playwright-core';
import { addDays, toLocal } from '../../../src/common/local-time';

/**
 * The planner tour's planning steps (issue 15, point 1), through pages only. They work on any
 * database with a cycle (the demo's too): names are the caller's, dates are counted from today.
 */

const idIn = (url: string, pattern: RegExp) => Number(pattern.exec(new URL(url).pathname)![1]);

/** A day `days` from today in Danish time, as a date field takes it. */
export const dayFromToday = (days: number) => addDays(toLocal(new Date()).date, days);

async function fillMoment(page: Page, name: string, day: string, time: string): Promise<void> {
  await page.locator(`#${name}`).fill(day);
  await page.locator(`#${name}Time`).fill(time);
}

/** Creates a venue at a municipality's reference point; returns its name's row text. */
export async function createVenue(
  page: Page,
  baseUrl: string,
  venue: { name: string; address: string; postalCode: string; town: string; municipality: string },
): Promise<void> {
  await page.goto(`${baseUrl}/steder`);
  await page.getByRole('link', { name: 'Opret kursussted' }).click();
  await page.getByLabel('Navn', { exact: true }).fill(venue.name);
  await page.getByLabel('Adresse').fill(venue.address);
  await page.getByLabel('Postnummer').fill(venue.postalCode);
  await page.getByLabel('By', { exact: true }).fill(venue.town);
  await page.getByLabel('Kommunens referencepunkt').selectOption({ label: venue.municipality });
  await page.getByRole('button', { name: 'Opret kursusstedet' }).click();
  await page.waitForURL(`${baseUrl}/steder`);
}

/** Creates a wave in the working cycle, open from today for `openDays`; returns its id. */
export async function createWave(page: Page, baseUrl: string, name: string, openDays = 30): Promise<number> {
  await page.goto(`${baseUrl}/planlaegning`);
  await page.getByRole('link', { name: 'Opret bølge' }).click();
  await page.getByLabel('Navn', { exact: true }).fill(name);
  await fillMoment(page, 'registrationOpensAt', dayFromToday(0), '00:00');
  await fillMoment(page, 'registrationClosesAt', dayFromToday(openDays), '12:00');
  await page.getByRole('button', { name: 'Opret bølgen' }).click();
  const heading = page.getByRole('heading', { name, exact: true });
  const section = page.locator('section', { has: heading });
  const link = await section.getByRole('link', { name: /^Nyt seminar/ }).getAttribute('href');
  return Number(/boelge=(\d+)/.exec(link!)![1]);
}

/** Creates a draft seminar from `startDay` 13.00 to two days later 13.00, with an agenda; returns its id. */
export async function createSeminar(
  page: Page,
  baseUrl: string,
  seminar: {
    waveId: number;
    title: string;
    venue: string;
    startDay: string;
    deadlineDay: string;
    agenda: string[];
  },
): Promise<number> {
  await page.goto(`${baseUrl}/seminarer/ny?boelge=${seminar.waveId}`);
  await page.getByLabel('Titel').fill(seminar.title);
  await page.getByLabel('Kursussted').selectOption({ label: seminar.venue });
  await fillMoment(page, 'startsAt', seminar.startDay, '13:00');
  await fillMoment(page, 'endsAt', addDays(seminar.startDay, 2), '13:00');
  await page.getByLabel('Pladser').fill('25');
  await fillMoment(page, 'registrationDeadline', seminar.deadlineDay, '12:00');
  await page.getByRole('button', { name: 'Opret seminaret' }).click();
  const id = idIn(page.url(), /^\/seminarer\/(\d+)$/);
  await page.getByRole('link', { name: 'Ret programmet' }).click();
  for (const [i, title] of seminar.agenda.entries()) {
    await page.locator('#date').fill(addDays(seminar.startDay, i));
    await page.locator('#time').fill(i === 0 ? '13:00' : '09:00');
    await page.getByLabel('Punkt', { exact: true }).fill(title);
    await page.getByRole('button', { name: 'Tilføj punktet' }).click();
  }
  return id;
}

/** Copies a seminar to other first days at the same venue; returns the new seminars' ids from the plan. */
export async function copySeminar(
  page: Page,
  baseUrl: string,
  seminarId: number,
  days: string[],
): Promise<void> {
  await page.goto(`${baseUrl}/seminarer/${seminarId}`);
  await page.getByRole('link', { name: 'Kopiér til andre dage' }).click();
  for (const [i, day] of days.entries()) await page.locator(`#date${i + 1}`).fill(day);
  await page.getByRole('button', { name: 'Opret kopierne' }).click();
  await page.waitForURL(/\/planlaegning\?oprettet=/);
}

/** The ids of a wave's seminars on the cycle's plan, in order of time. */
export async function seminarsOfWave(page: Page, baseUrl: string, waveName: string): Promise<number[]> {
  await page.goto(`${baseUrl}/planlaegning`);
  const section = page.locator('section', {
    has: page.getByRole('heading', { name: waveName, exact: true }),
  });
  const hrefs = await section
    .locator('tbody th a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  return hrefs.map((h) => Number(/\/seminarer\/(\d+)/.exec(h!)![1]));
}

/** Pastes a table of seminars for a wave and asks for the dry run; returns the preview's alert text. */
export async function previewTable(
  page: Page,
  baseUrl: string,
  waveName: string,
  table: string,
): Promise<string> {
  await page.goto(`${baseUrl}/planlaegning`);
  await page.getByRole('link', { name: 'Indsæt en tabel med seminarer' }).click();
  await page.getByLabel('Bølge').selectOption({ label: waveName });
  await page.getByLabel('Tabel').fill(table);
  await page.getByRole('button', { name: 'Vis prøvekørsel' }).click();
  return page.locator('.alert').first().innerText();
}

/** Commits the clean dry run shown. */
export async function commitTable(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Opret \d+ seminarer$/ }).click();
  await page.waitForURL(/\/planlaegning\?oprettet=/);
}

/** Publishes a draft seminar, so that members can book it. */
export async function publishSeminar(page: Page, baseUrl: string, seminarId: number): Promise<void> {
  await page.goto(`${baseUrl}/seminarer/${seminarId}/rediger`);
  await page.getByLabel('Status').selectOption({ label: 'Offentliggjort' });
  await page.getByRole('button', { name: 'Gem ændringer' }).click();
  await page.waitForURL(`${baseUrl}/seminarer/${seminarId}?besked=gemt`);
}

/**
 * Moves a published seminar's start to `time` on the same day; returns the page's heading that
 * says who gets a change e-mail, before the change is confirmed with `confirm`.
 */
export async function changeStartTime(
  page: Page,
  baseUrl: string,
  seminarId: number,
  time: string,
): Promise<string> {
  await page.goto(`${baseUrl}/seminarer/${seminarId}/rediger`);
  await page.locator('#startsAtTime').fill(time);
  await page.getByRole('button', { name: 'Gem ændringer' }).click();
  return page.locator('h1').innerText();
}

export async function confirmChange(page: Page, baseUrl: string, seminarId: number): Promise<void> {
  await page.getByRole('button', { name: /^Gem og send/ }).click();
  await page.waitForURL(`${baseUrl}/seminarer/${seminarId}?besked=gemt`);
}

/**
 * The tour's "plan a wave of three seminars by cloning": a venue, a wave open from today, a
 * seminar with an agenda, copied to the two following weeks, all three published. Returns the
 * wave's id and the seminars' ids in order of time.
 */
export async function planWaveOfThree(
  page: Page,
  baseUrl: string,
  names: { venue: string; wave: string; title: string; municipality: string },
): Promise<{ waveId: number; seminarIds: number[] }> {
  await createVenue(page, baseUrl, {
    name: names.venue,
    address: 'Strandvejen 1',
    postalCode: '5000',
    town: 'Odense',
    municipality: names.municipality,
  });
  const waveId = await createWave(page, baseUrl, names.wave);
  const first = dayFromToday(40);
  const seminarId = await createSeminar(page, baseUrl, {
    waveId,
    title: names.title,
    venue: `${names.venue}, Odense`,
    startDay: first,
    deadlineDay: dayFromToday(30),
    agenda: ['Velkomst', 'Rollen som politiker'],
  });
  await copySeminar(page, baseUrl, seminarId, [addDays(first, 7), addDays(first, 14)]);
  const seminarIds = await seminarsOfWave(page, baseUrl, names.wave);
  for (const id of seminarIds) await publishSeminar(page, baseUrl, id);
  return { waveId, seminarIds };
}
