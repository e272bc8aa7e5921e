import { Page } from 'playwright-core';

/** The planner tour's allocation steps (issue 15 point 5), through pages only; they work on demo data. */

const fordeling = (baseUrl: string, cycleId: number) => `${baseUrl}/valgperioder/${cycleId}/fordeling`;

/**
 * Starts a proposal for the whole cycle from the Fordeling page with K and P (and a preference
 * bonus), waits until its review shows (the page follows the solve by itself) and returns its id.
 */
export async function runProposal(
  page: Page,
  baseUrl: string,
  cycleId: number,
  rules: { k: number; p: number; bonus?: string },
): Promise<number> {
  await page.goto(fordeling(baseUrl, cycleId));
  await page.getByLabel('K: højst fra én kommune pr. seminar').fill(String(rules.k));
  await page.getByLabel('Partireglen er').selectOption('til');
  await page.getByLabel('P: højst fra ét parti pr. seminar').fill(String(rules.p));
  await page.getByLabel('Bonus for ønsker (km)').fill(rules.bonus ?? '');
  await page.getByRole('button', { name: 'Lav forslaget' }).click();
  await page.getByRole('heading', { name: 'Prisen for hver regel' }).waitFor({ timeout: 120_000 });
  return Number(/\/fordeling\/(\d+)$/.exec(new URL(page.url()).pathname)![1]);
}

/** Opens the comparison of two proposals from the list; returns the table's rows as text. */
export async function compareProposals(
  page: Page,
  baseUrl: string,
  cycleId: number,
  a: number,
  b: number,
): Promise<string[]> {
  await page.goto(fordeling(baseUrl, cycleId));
  await page.getByLabel('Sammenlign').selectOption(String(a));
  await page.getByLabel('med', { exact: true }).selectOption(String(b));
  await page.getByRole('button', { name: 'Sammenlign forslagene' }).click();
  await page.getByRole('heading', { name: `Forslag ${a} og forslag ${b}` }).waitFor();
  return page.locator('#compare-caption ~ tbody tr').allInnerTexts();
}

/** Applies a proposal from its review page; returns what the page said applying would do. */
export async function applyProposal(
  page: Page,
  baseUrl: string,
  cycleId: number,
  id: number,
): Promise<string> {
  await page.goto(`${fordeling(baseUrl, cycleId)}/${id}`);
  const said = await page.locator('.allocation-apply strong').innerText();
  await page.getByRole('button', { name: 'Anvend forslaget' }).click();
  await page.getByText(/^Anvendt, anvendt /).waitFor();
  return said;
}
