import { mkdirSync, readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { Member } from '../../src/cycles/member.entity';
import { Invitation } from '../../src/invitations/invitation.entity';
import { createCycle, createMembers } from '../factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from '../factories/planning.factory';
import { looksRight } from '../helpers/browser';
import { serveToChromium, signedInPage } from '../helpers/console-browser';
import { deliver, PAGE_LINK } from '../helpers/member-mail';
import { submit } from '../helpers/portal';
import { startSmtpSink, SmtpSink } from '../helpers/smtp-sink';
import { startTestApp, TestApp } from '../helpers/test-app';

jest.setTimeout(240_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/board';
const ODENSE = 461;
const AEROE = 492;
/** More than one batch of the invitation job (200), so it runs on in the background. */
const MANY_IN_AEROE = 230;

const addressOf = (mail: { to?: unknown }) =>
  (mail.to as { value: Array<{ address: string }> } | undefined)?.value[0].address;

/**
 * A planner, using only pages, invites the newly elected and follows the job, reads the
 * participation board, opens a count's list, reminds those who have not answered and downloads
 * the list as CSV.
 */
describe('Invitationer and Deltagelse in the browser', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let cycleId: number;
  let odense: Member[];
  let seminarId: number;
  let fullId: number;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url, MAIL_FROM: 'Kattegat <kattegat@kl.dk>' });
    const cycle = await createCycle(t.dataSource);
    cycleId = cycle.id;
    const wave = await createWave(t.dataSource, cycle.id);
    const venue = await createVenue(t.dataSource);
    seminarId = (await createSeminar(t.dataSource, wave, venue, { title: 'Kattegat Kolding' })).id;
    fullId = (
      await createSeminar(t.dataSource, wave, venue, { title: 'Kattegat Fuldt', capacity: 1, taken: 1 })
    ).id;
    odense = await createMembers(t.dataSource, cycle.id, 6, { municipalityCode: ODENSE });
    await createMembers(t.dataSource, cycle.id, 1, { municipalityCode: ODENSE, newlyElected: false });
    await createMembers(t.dataSource, cycle.id, MANY_IN_AEROE, { municipalityCode: AEROE });
    ({ browser, baseUrl } = await serveToChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  const signedIn = (javaScript: boolean) =>
    signedInPage(t, browser, baseUrl, 'planner', {
      context: { javaScriptEnabled: javaScript, acceptDownloads: true },
    });

  const h1 = (page: Page) => page.locator('h1').innerText();
  const figures = async (page: Page) =>
    Object.fromEntries(
      (
        (await page.evaluate(
          `[...document.querySelectorAll('#deltagelse > div')].map((d) => [d.querySelector('dt').innerText.trim(), d.querySelector('dd a').firstChild.textContent.trim()])`,
        )) as string[][]
      ).map(([k, v]) => [k, v]),
    );

  it('invites Odense without JavaScript: the count first, asked once, then the finished job (also after a reload)', async () => {
    const { context, page } = await signedIn(false);
    await page.goto(`${baseUrl}/oversigt`);
    await page.getByRole('link', { name: 'Invitér de nyvalgte' }).click();
    expect(new URL(page.url()).pathname).toBe(`/valgperioder/${cycleId}/invitationer`);
    await page.getByLabel('Kommune').selectOption(String(ODENSE));
    await page.getByRole('button', { name: 'Se hvor mange der inviteres' }).click();
    expect(await h1(page)).toBe('Inviterer 6 nyvalgte i Odense');
    expect(await t.dataSource.getRepository(Invitation).count()).toBe(0);

    await page.getByRole('button', { name: 'Invitér 6 nyvalgte' }).click();
    expect(page.url()).toMatch(new RegExp(`/valgperioder/${cycleId}/invitationer/job/[\\w-]+$`));
    await expect(page.locator('#invite-job').innerText()).resolves.toBe('Færdig: 6 nyvalgte er inviteret.');
    await page.reload();
    await expect(page.locator('#invite-job').innerText()).resolves.toBe('Færdig: 6 nyvalgte er inviteret.');

    const mails = await deliver(t, sink);
    expect(mails.map(addressOf).sort()).toEqual(odense.map((m) => m.email).sort());
    for (const mail of mails) tokens.set(addressOf(mail)!, PAGE_LINK.exec(mail.text!)![1]);
    await context.close();
  });

  it('invites everyone else with JavaScript: the page follows the background job until it is done', async () => {
    const { context, page } = await signedIn(true);
    await page.goto(`${baseUrl}/valgperioder/${cycleId}/invitationer`);
    // The job of the first test is listed with its result, linked to its page.
    const earlier = page.locator('.console-jobs li');
    await expect(earlier.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(
        /^\S+dag den \d+\. \S+ \d{4} kl\. \d{2}\.\d{2}: Færdig: 6 nyvalgte er inviteret\.$/,
      ),
    ]);
    await looksRight(page, SHOTS, 'invite');
    await page.getByRole('button', { name: 'Se hvor mange der inviteres' }).click();
    expect(await h1(page)).toBe(`Inviterer ${MANY_IN_AEROE} nyvalgte`);
    await looksRight(page, SHOTS, 'invite-confirm');
    expect(await page.locator('main').innerText()).toContain(
      '6 nyvalgte har allerede en invitation og får ikke en ny.',
    );
    await page.getByRole('button', { name: `Invitér ${MANY_IN_AEROE} nyvalgte` }).click();
    // No reload: htmx swaps the line in until the job is done.
    await page
      .getByText(
        `Færdig: ${MANY_IN_AEROE} nyvalgte er inviteret. 6 havde allerede en invitation og fik ikke en ny.`,
      )
      .waitFor({ timeout: 60_000 });
    await looksRight(page, SHOTS, 'invite-job');
    const invited = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM invitations WHERE cycle_id = ${cycleId} AND purpose = 'invitation'`,
    );
    expect(Number(invited[0].n)).toBe(6 + MANY_IN_AEROE);
    await deliver(t, sink);
    await context.close();
  });

  it("shows Odense's board with exact counts, each a link to its list, and the list as CSV", async () => {
    const [booker1, booker2, waiter, decliner, opener] = odense;
    expect(
      (await submit(t, tokens.get(booker1.email!)!, 'tilmeld', { seminarId: String(seminarId) })).status,
    ).toBe(303);
    expect(
      (await submit(t, tokens.get(booker2.email!)!, 'tilmeld', { seminarId: String(seminarId) })).status,
    ).toBe(303);
    expect(
      (await submit(t, tokens.get(waiter.email!)!, 'tilmeld', { seminarId: String(fullId) })).status,
    ).toBe(303);
    expect(
      (await submit(t, tokens.get(decliner.email!)!, 'kan-ikke-deltage', { reason: 'Barsel' })).status,
    ).toBe(303);
    await t
      .http()
      .get(`/p/${tokens.get(opener.email!)!}`)
      .expect(200);
    await deliver(t, sink);

    const { context, page } = await signedIn(true);
    await page.goto(`${baseUrl}/oversigt`);
    await page.getByRole('link', { name: 'Deltagelse', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(`/valgperioder/${cycleId}/deltagelse`);
    expect(await figures(page)).toEqual({
      Inviteret: String(6 + MANY_IN_AEROE),
      'Har åbnet linket': '5',
      'Tilmeldt i alt': '2',
      'På venteliste': '1',
      'Kan ikke deltage': '1',
      'Meldt afbud': '0',
      'Ikke svaret': String(2 + MANY_IN_AEROE),
      Deltog: '0',
      Udeblev: '0',
    });
    await page.getByLabel('Kommune').selectOption(String(ODENSE));
    await page.getByRole('button', { name: 'Vis' }).click();
    expect(await figures(page)).toMatchObject({
      Inviteret: '6',
      'Ikke svaret': '2',
      'Har åbnet linket': '5',
    });
    await looksRight(page, SHOTS, 'board');

    await page.locator('#deltagelse > div', { hasText: 'Kan ikke deltage' }).getByRole('link').click();
    expect(new URL(page.url()).search).toBe(`?kommune=${ODENSE}&status=declined`);
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(decliner.name);
    expect(rows[0]).toContain('Kan ikke deltage');
    await page.goBack();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Hent alle medlemmerne med status som CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(1 + 7);
    expect(lines.find((l) => l.includes(decliner.name!))).toContain('Kan ikke deltage');
    expect(lines.find((l) => l.includes(waiter.name!))).toContain('På venteliste');
    await context.close();
  });

  it("reminds Odense's two who have not answered: the count first, then e-mails with a fresh link; the old one still opens", async () => {
    const [, , , , opener, silent] = odense;
    const { context, page } = await signedIn(true);
    await page.goto(`${baseUrl}/valgperioder/${cycleId}/deltagelse?kommune=${ODENSE}`);
    await page.getByRole('link', { name: 'Påmind alle 2, der ikke har svaret' }).click();
    expect(await h1(page)).toBe('Sender 2 påmindelser');
    await looksRight(page, SHOTS, 'remind-confirm');
    await page.getByRole('button', { name: 'Send 2 påmindelser' }).click();
    expect(await page.locator('main').innerText()).toContain('2 påmindelser er sendt.');

    const mails = await deliver(t, sink);
    expect(mails.map(addressOf).sort()).toEqual([opener.email, silent.email].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe('Påmindelse: Vælg dit Kattegat-seminar');
      const fresh = PAGE_LINK.exec(mail.text!)![1];
      const old = tokens.get(addressOf(mail)!)!;
      expect(fresh).not.toBe(old);
      await t.http().get(`/p/${fresh}`).expect(200);
      await t.http().get(`/p/${old}`).expect(200);
    }
    await context.close();
  });

  it('reminds one ticked member without JavaScript', async () => {
    const silent = odense[5];
    const { context, page } = await signedIn(false);
    await page.goto(`${baseUrl}/valgperioder/${cycleId}/deltagelse?kommune=${ODENSE}`);
    await page.getByLabel(`Vælg ${silent.name}`).check();
    await page.getByRole('button', { name: 'Påmind de valgte' }).click();
    expect(await h1(page)).toBe('Sender 1 påmindelse');
    await page.getByRole('button', { name: 'Send 1 påmindelse' }).click();
    expect(await page.locator('main').innerText()).toContain('1 påmindelse er sendt.');
    const mails = await deliver(t, sink);
    expect(mails.map(addressOf)).toEqual([silent.email]);
    await t
      .http()
      .get(`/p/${PAGE_LINK.exec(mails[0].text!)![1]}`)
      .expect(200);
    await context.close();
  });
});
