import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { Cycle } from '../../src/cycles/cycle.entity';
import { Member } from '../../src/cycles/member.entity';
import { consoleRegister, Register } from '../factories/console-register';
import { seriousViolations } from '../helpers/browser';
import { createStaff, STAFF_PASSWORD } from '../helpers/console';
import { openPage, serveToChromium, signInThroughForm } from '../helpers/console-browser';
import { SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { startTestApp, TestApp } from '../helpers/test-app';

jest.setTimeout(240_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'kattegat-console-shots');

describe('The staff console in Chromium, using only pages', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let r: Register;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url, DISPATCH_INTERVAL_MS: '200' });
    r = await consoleRegister(t, 3);
    await createStaff(
      t,
      { email: 'planlaegger@komponent.test', name: 'Planlægger', role: 'planner' },
      { email: 'admin@komponent.test', name: 'Admin', role: 'admin' },
    );
    ({ browser, baseUrl } = await serveToChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  const signIn = (page: Page, email: string, start: string) =>
    signInThroughForm(page, baseUrl, email, { landing: start });

  /** axe at 1280 and 390 px (nothing serious or critical, no sideways scrolling on the phone), with screenshots. */
  async function audit(page: Page, name: string, axe = true) {
    for (const [width, label] of [
      [1280, 'laptop'],
      [390, 'telefon'],
    ] as const) {
      await page.setViewportSize({ width, height: width === 1280 ? 900 : 844 });
      if (axe) expect([name, width, await seriousViolations(page)]).toEqual([name, width, []]);
      if (width === 390) {
        expect([
          name,
          await page.evaluate(
            `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.console-table-wrap')).map((e) => e.tagName + '.' + e.className)`,
          ),
        ]).toEqual([name, []]);
      }
      await page.screenshot({ path: join(SHOTS, `${name}-${label}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const newPage = (javaScriptEnabled = true) =>
    openPage(browser, { acceptDownloads: true, javaScriptEnabled });

  it('a planner creates a cycle, finds a member by part of an æøå name, re-invites to a new address, exports and erases', async () => {
    const { context, page, errors } = await newPage();
    await signIn(page, 'planlaegger@komponent.test', '/oversigt');
    await audit(page, 'oversigt');

    await page.getByRole('link', { name: 'Valgperioder' }).click();
    await page.getByRole('link', { name: 'Opret valgperiode' }).click();
    await page.getByLabel('Kode').fill('KV29');
    await page.getByLabel('Navn').fill('Kommunalvalget 2029');
    await page.getByLabel('Valgdag').fill('2029-11-20');
    await page.getByLabel('Valgperioden begynder').fill('2030-01-01');
    await audit(page, 'valgperiode-ny');
    await page.getByRole('button', { name: 'Opret valgperioden' }).click();
    await expect(page.locator('h1').textContent()).resolves.toContain('KV29');
    expect(await t.dataSource.getRepository(Cycle).findOneBy({ code: 'KV29' })).not.toBeNull();
    await audit(page, 'valgperiode');

    // The chooser in the header: picking the register's cycle submits itself and stays on the page.
    await page.getByLabel('Skift valgperiode').selectOption(String(r.cycle.id));
    await page.waitForURL(`${baseUrl}/valgperioder/${r.cycle.id}`);
    await page
      .getByRole('navigation', { name: 'Hovedmenu' })
      .getByRole('link', { name: 'Medlemmer' })
      .click();
    await page.waitForURL(`${baseUrl}/valgperioder/${r.cycle.id}/medlemmer`);
    await page.getByLabel('Søg på navn eller e-mail').pressSequentially('østerg', { delay: 30 });
    await page.waitForFunction(`document.querySelectorAll('#table-members tbody tr').length === 1`);
    expect(await page.locator('#table-members tbody th').allTextContents()).toEqual(['Søren Ærø Østergård']);
    expect(decodeURIComponent(page.url())).toContain('q=østerg');
    await audit(page, 'medlemmer');

    await page.getByRole('link', { name: 'Søren Ærø Østergård' }).click();
    await audit(page, 'medlem');
    await page.getByRole('link', { name: 'Ret oplysninger' }).click();
    await page.getByLabel('E-mail').fill('soeren.ny@odense.dk');
    await audit(page, 'medlem-ret');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await page.getByText('E-mailadressen er ændret til soeren.ny@odense.dk.').waitFor();
    await audit(page, 'medlem-ny-invitation');
    await page.getByRole('button', { name: 'Send invitationen til soeren.ny@odense.dk' }).click();
    await page.getByText('En ny invitation er sendt.').waitFor();

    await sink.waitFor(1);
    const mail = await sink.parse(sink.received.find((m) => m.recipients.includes('soeren.ny@odense.dk'))!);
    const link = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0];
    const member = await context.newPage();
    const opened = await member.goto(link.replace(/^https?:\/\/[^/]+/, baseUrl));
    expect(opened?.status()).toBe(200);
    await expect(member.locator('h1').textContent()).resolves.toBe('Dit Kattegat-forløb');
    await member.close();

    await page.reload();
    expect(await page.locator('#table-mails tbody td').allTextContents()).toContain('soeren.ny@odense.dk');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Hent indsigt (JSON)' }).click();
    const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
    expect(exported.member).toMatchObject({ name: 'Søren Ærø Østergård', email: 'soeren.ny@odense.dk' });

    await page.getByRole('link', { name: 'Slet personlige oplysninger' }).click();
    await audit(page, 'medlem-slet');
    await page.getByRole('button', { name: 'Ja, slet oplysningerne' }).click();
    await page.getByText('Medlemmets personlige oplysninger er slettet.', { exact: true }).waitFor();
    expect(await t.dataSource.getRepository(Member).findOneBy({ id: r.soeren.id })).toMatchObject({
      name: null,
      email: null,
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an admin creates a municipal contact, who sees only its own municipality', async () => {
    const admin = await newPage();
    await signIn(admin.page, 'admin@komponent.test', '/oversigt');
    await admin.page.getByRole('link', { name: 'Personale' }).click();
    await admin.page.getByRole('link', { name: 'Kontaktpersoner' }).click();
    await admin.page.getByLabel('Navn').fill('Sekretariatet i Odense');
    await admin.page.getByLabel('E-mail').fill('sekretariat@odense.dk');
    await admin.page.getByLabel('Kommune').selectOption({ label: 'Odense' });
    await admin.page.getByLabel('Første adgangskode').fill(STAFF_PASSWORD);
    await admin.page.getByRole('button', { name: 'Opret kontaktpersonen' }).click();
    await admin.page.getByText('Kontaktpersonen sekretariat@odense.dk er oprettet.').waitFor();
    await audit(admin.page, 'kontaktpersoner');
    await admin.context.close();

    const { context, page, errors } = await newPage();
    await signIn(page, 'sekretariat@odense.dk', '/min-kommune');
    // The planner's new cycle is the newest; the contact picks the one with the members.
    await page.getByLabel('Skift valgperiode').selectOption(String(r.cycle.id));
    await page.locator('.console-cycle strong', { hasText: r.cycle.code }).waitFor();
    await page.waitForLoadState();
    await audit(page, 'min-kommune');
    const rows = await page.locator('#table-funnel tbody th').allTextContents();
    expect(rows).toContain('Åse Ågård');
    expect(rows.join()).not.toContain('Århusianer');
    expect(
      await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link').allTextContents(),
    ).toEqual(['Min kommune']);

    const refused = await page.goto(`${baseUrl}/valgperioder/${r.cycle.id}/medlemmer/${r.aarhus.id}`);
    expect(refused?.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('Ingen adgang');
    await audit(page, 'ingen-adgang');

    await page.goto(`${baseUrl}/valgperioder/${r.cycle.id}/medlemmer?q=%C3%A6r`);
    expect(await page.locator('#table-members tbody th').allTextContents()).not.toContain(
      'Ærbødig Århusianer',
    );
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /Hent listen som CSV/ }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv).not.toContain('aarhus.dk');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('does the core forms without JavaScript: a refused cycle form, the search button, an edit', async () => {
    const { context, page } = await newPage(false);
    await signIn(page, 'planlaegger@komponent.test', '/oversigt');
    await page.goto(`${baseUrl}/valgperioder/ny`);
    await page.getByLabel('Kode').fill('kv33');
    await page.getByLabel('Navn').fill('Uden JavaScript');
    await page.getByLabel('Valgdag').fill('2033-11-15');
    await page.getByLabel('Valgperioden begynder').fill('2034-01-01');
    await page.getByRole('button', { name: 'Opret valgperioden' }).click();
    await page.getByRole('link', { name: 'Kode: Har ikke den rigtige form.' }).waitFor();
    // Without JavaScript axe cannot run; the same page was audited with it above.
    await audit(page, 'valgperiode-fejl', false);
    await page.getByLabel('Kode').fill('KV33');
    await page.getByRole('button', { name: 'Opret valgperioden' }).click();
    await expect(page.locator('h1').textContent()).resolves.toContain('KV33');

    await page.goto(`${baseUrl}/valgperioder/${r.cycle.id}/medlemmer`);
    await page.getByLabel('Søg på navn eller e-mail').fill('ågå');
    await page.getByRole('button', { name: 'Søg' }).click();
    await page.waitForURL(/q=/);
    expect(await page.locator('#table-members tbody th').allTextContents()).toEqual(['Åse Ågård']);
    await page.getByRole('link', { name: 'Åse Ågård' }).click();
    await page.getByRole('link', { name: 'Ret oplysninger' }).click();
    await page.getByLabel('Telefon (valgfri)').fill('+45 12 34 56 78');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await page.getByText('Ændringerne er gemt.').waitFor();
    expect((await t.dataSource.getRepository(Member).findOneBy({ id: r.aase.id }))!.phone).toBe(
      '+45 12 34 56 78',
    );
    await context.close();
  });
});
