import { Page } from 'playwright-core';

/**
 * The roster's part of the planner tour, through pages only (see test/browser/planner-tour):
 * each step starts from a seminar's roster and ends back on it with the action's notice shown.
 */

const rosterPath = (seminarId: number) => `/seminarer/${seminarId}/deltagere`;

async function backOnRoster(page: Page, seminarId: number): Promise<string> {
  await page.waitForURL((url) => url.pathname === rosterPath(seminarId) && url.searchParams.has('besked'));
  return page.getByRole('status').innerText();
}

/** Opens a seminar's roster; returns the names on it and on its waiting list, in order. */
export async function openRoster(page: Page, baseUrl: string, seminarId: number) {
  await page.goto(`${baseUrl}${rosterPath(seminarId)}`);
  const names = (table: string) =>
    page.locator(`${table} tbody tr td:nth-child(${table === '#table-waiting' ? 2 : 1})`).allInnerTexts();
  return {
    participants: await names('#table-participants'),
    waitingList: await names('#table-waiting'),
  };
}

/**
 * Books a member in from the roster: searches the cycle by name within their municipality (namesakes
 * are common), opens the question (which says the e-mail the member gets) and confirms. Returns the
 * question's text and the notice.
 */
export async function bookMember(
  page: Page,
  baseUrl: string,
  seminarId: number,
  member: { name: string; municipality: string },
) {
  await openRoster(page, baseUrl, seminarId);
  await page.getByRole('link', { name: 'Tilmeld et medlem' }).click();
  await page.getByLabel('Navn').fill(member.name);
  await page.getByLabel('Kommune').selectOption({ label: member.municipality });
  await page.getByRole('button', { name: 'Find' }).click();
  await page
    .getByRole('link', { name: `Tilmeld ${member.name} fra ${member.municipality}`, exact: true })
    .click();
  const question = await page.locator('main').innerText();
  await page.getByRole('button', { name: /^(Tilmeld|Sæt på ventelisten)$/ }).click();
  return { question, notice: await backOnRoster(page, seminarId) };
}

/** Moves a participant to another seminar through the roster's move page (which lists free seats). */
export async function moveMember(
  page: Page,
  baseUrl: string,
  seminarId: number,
  memberName: string,
  toSeminarId: number,
) {
  await openRoster(page, baseUrl, seminarId);
  await page.getByRole('link', { name: `Flyt ${memberName}`, exact: true }).click();
  await page.getByLabel('Nyt seminar').selectOption(String(toSeminarId));
  const choice = await page.locator('#seminarId option:checked').innerText();
  const question = await page.locator('main').innerText();
  await page.getByRole('button', { name: 'Flyt pladsen' }).click();
  return { choice, question, notice: await backOnRoster(page, seminarId) };
}

/** Cancels a participant's seat; the question names who moves up from the waiting list. */
export async function cancelMember(page: Page, baseUrl: string, seminarId: number, memberName: string) {
  await openRoster(page, baseUrl, seminarId);
  await page.getByRole('link', { name: `Afbud for ${memberName}`, exact: true }).click();
  const question = await page.locator('main').innerText();
  await page.getByRole('button', { name: 'Annullér pladsen' }).click();
  return { question, notice: await backOnRoster(page, seminarId) };
}
