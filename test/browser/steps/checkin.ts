import jsQR from 'jsqr';
import { Page } from 'playwright-core';
import { PNG } from 'pngjs';

/**
 * The check-in part of the planner tour (issue 15, point 6), through pages only. Each step takes a
 * signed-in planner's page (or a member's page) and what it needs, and returns what the next needs.
 */

/** The text a QR image holds, read from its PNG as a phone's camera would. */
export function decodeQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!found) throw new Error('No QR code in the image');
  return found.data;
}

/** On the member's personal page: the QR image served to them, decoded. */
export async function codeFromPersonalPage(
  memberPage: Page,
  baseUrl: string,
  token: string,
): Promise<string> {
  await memberPage.goto(`${baseUrl}/p/${token}`);
  const image = memberPage.getByAltText('QR-kode til indtjekning på seminaret');
  const src = await image.getAttribute('src');
  if (!src) throw new Error('No QR image on the personal page');
  const png = await memberPage.request.get(new URL(src, baseUrl).toString());
  return decodeQrPng(await png.body());
}

/** Fremmøde from the menu, then the seminar's door; returns the seminar's id. */
export async function openDoor(page: Page, baseUrl: string, seminarTitle: string): Promise<number> {
  await page.goto(`${baseUrl}/oversigt`);
  await page.getByRole('link', { name: 'Fremmøde', exact: true }).click();
  await page.getByRole('link', { name: seminarTitle, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Fremmøde: ${seminarTitle}` }).waitFor();
  return Number(/\/seminarer\/(\d+)\/fremmoede/.exec(page.url())![1]);
}

/** Marks the door's notices shown now, so that `answer` waits for the one the next change brings. */
async function markShown(page: Page): Promise<void> {
  await page
    .locator('#doer .alert')
    .evaluateAll((lines) => lines.forEach((l) => l.setAttribute('data-shown', '')));
}

/** The door's answer after a change: the notice or the problem at the top of the list. */
async function answer(page: Page, expected: string): Promise<string> {
  const line = page.locator('#doer .alert:not([data-shown])').filter({ hasText: expected });
  await line.waitFor();
  return (await line.innerText()).trim();
}

/** Checks a code in as the scanner does: the code goes into the field and the form is sent. */
/** `expected`: the answer to wait for, e.g. `Anna Hansen er tjekket ind.` (a notice left from before must not pass). */
export async function checkInByCode(page: Page, code: string, expected: string): Promise<string> {
  const field = page.getByLabel('Kode fra deltagerens side eller bekræftelse');
  await markShown(page);
  await field.fill(code);
  await field.evaluate((input) =>
    (input as unknown as { form: { requestSubmit(): void } }).form.requestSubmit(),
  );
  return answer(page, expected);
}

/** Finds a member by name and ticks them off. */
export async function checkInByName(page: Page, name: string): Promise<string> {
  await page.getByLabel('Find på navn').fill(name);
  // The search answers after a pause; wait for the narrowed list, or its swap would overtake the tick's.
  await page.locator('#doer').getByText(`passer på "${name}"`).waitFor();
  const row = page.locator('.checkin-row', { hasText: name });
  await markShown(page);
  await row.getByRole('button', { name: /^Mødt/ }).click();
  return answer(page, `${name} er tjekket ind.`);
}

/** The door's counts as shown: mødt, mangler, udeblevet. */
export async function doorCounts(
  page: Page,
): Promise<{ attended: number; expected: number; noShows: number }> {
  const [attended, expected, noShows] = (await page.locator('.checkin-counts strong').allInnerTexts()).map(
    Number,
  );
  return { attended, expected, noShows };
}

/** Marks everyone not yet checked in as a no-show, after the one question; returns how many. */
export async function markRestNoShow(page: Page): Promise<number> {
  await page.getByRole('link', { name: /^Markér resten som udeblevet/ }).click();
  const heading = await page.getByRole('heading', { level: 1 }).innerText();
  const count = Number(/Markér (\d+) /.exec(heading)![1]);
  await page.getByRole('button', { name: /^Markér .+ som udeblevet$/ }).click();
  await page.getByText(/er markeret som udeblev/).waitFor();
  return count;
}

/**
 * A camera for Chromium that shows one picture: the PNG (a QR code) centred on white, as a Y4M
 * video (`--use-file-for-fake-video-capture`), so the scanner page can be tried with a real camera path.
 */
export function fakeCameraVideo(png: Buffer, width = 640, height = 480): Buffer {
  const image = PNG.sync.read(png);
  const luma = Buffer.alloc(width * height, 235);
  const left = Math.floor((width - image.width) / 2);
  const top = Math.floor((height - image.height) / 2);
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      const grey = 0.299 * image.data[i] + 0.587 * image.data[i + 1] + 0.114 * image.data[i + 2];
      luma[(top + y) * width + left + x] = Math.round(16 + (grey * 219) / 255);
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`), frame, frame]);
}

/** Starts the door's camera and waits for the scanner to check the shown code in. */
export async function checkInByCamera(page: Page, expected: string): Promise<string> {
  await page.getByRole('button', { name: 'Scan QR-kode med kameraet' }).click();
  return answer(page, expected);
}
