import { mkdirSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { Member } from '../../src/cycles/member.entity';
import { searchTextOf } from '../../src/cycles/member-rules';
import { BounceListener } from '../../src/messaging/bounces/bounce-listener';
import { createCycle, createMembers } from '../factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from '../factories/planning.factory';
import { BOUNCE_ENV, dsn, sendToListener } from '../helpers/bounce-mail';
import { looksRight } from '../helpers/browser';
import { openConsoleInChromium } from '../helpers/console-browser';
import { PAGE_LINK } from '../helpers/member-mail';
import { SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { startTestApp, TestApp } from '../helpers/test-app';
import { waitUntil } from '../helpers/wait';

jest.setTimeout(180_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/messages';

describe('Beskeder in Chromium: a planner finds a bounced address, corrects it and sends again', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let anna: Member;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sink = await startSmtpSink();
    t = await startTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM: 'Kattegat <kattegat@kl.dk>',
      DISPATCH_INTERVAL_MS: '200',
      ...BOUNCE_ENV,
    });
    const cycle = await createCycle(t.dataSource);
    const wave = await createWave(t.dataSource, cycle.id);
    await createSeminar(t.dataSource, wave, await createVenue(t.dataSource));
    [anna] = await createMembers(t.dataSource, cycle.id, 1, {
      name: 'Anna Ærø',
      email: 'anna@kommune.test',
      searchText: searchTextOf('Anna Ærø', 'anna@kommune.test'),
    });
    await createMembers(t.dataSource, cycle.id, 3);
    await t
      .http()
      .post(`/api/cycles/${cycle.id}/invitations`)
      .auth(await t.tokenFor('planner'), { type: 'bearer' })
      .send({})
      .expect(201);
    await sink.waitFor(4);
    // The municipality's server took the invitation, then sent it back.
    const returnPath = sink.received.find((m) => m.recipients.includes('anna@kommune.test'))!.mailFrom;
    await sendToListener(t.app.get(BounceListener).port()!, returnPath, dsn(returnPath, 'anna@kommune.test'));

    ({ browser, baseUrl, page } = await openConsoleInChromium(t, 'planner', { landing: '/oversigt' }));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  it('shows the bounce in the log and among the addresses that do not work', async () => {
    await page.getByRole('link', { name: 'Beskeder', exact: true }).click();
    await page.getByLabel('Status').selectOption({ label: 'Kom retur' });
    await page.getByRole('button', { name: 'Søg' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Viser 1 e-mail.');
    await expect(page.getByRole('row', { name: /anna@kommune.test/ }).textContent()).resolves.toContain(
      'Kom retur',
    );
    expect(page.url()).toContain('status=retur');
    await looksRight(page, SHOTS, 'beskeder-log');

    await page.getByRole('link', { name: 'Adresser, der ikke virker' }).click();
    const row = page.getByRole('row', { name: /Anna Ærø/ });
    await expect(row.textContent()).resolves.toContain('Kom retur');
    await expect(row.textContent()).resolves.toContain('User unknown');
    await looksRight(page, SHOTS, 'beskeder-adresser');
  });

  it('corrects the address, and the mark is gone', async () => {
    await page.getByRole('link', { name: 'Ret adressen for Anna Ærø' }).click();
    await page.getByLabel('E-mail').fill('anna.aeroe@kommune.test');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await page.waitForURL(/ny-invitation/);
    await page.goto(`${baseUrl}/beskeder/adresser`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      '0 medlemmer har en adresse, der ikke virker.',
    );
  });

  it('sends the invitation again to the new address, and its link opens the member’s page', async () => {
    await page.goto(`${baseUrl}/beskeder?medlem=${anna.id}`);
    await page.getByRole('link', { name: /Invitation til Kattegat/ }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('Kom retur fra modtagerens server');
    await looksRight(page, SHOTS, 'beskeder-besked');
    await page.getByRole('button', { name: 'Send igen til anna.aeroe@kommune.test' }).click();
    await page.waitForURL(/besked=sendt-igen/);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Beskeden er lagt i kø');

    const mail = await waitUntil(
      () => sink.received.find((m) => m.recipients.includes('anna.aeroe@kommune.test')),
      {
        timeoutMs: 20_000,
        what: 'the invitation at the new address',
      },
    );
    const parsed = await sink.parse(mail);
    // The app's PUBLIC_BASE_URL is the default; the test server listens on a port of its own.
    const link = PAGE_LINK.exec(parsed.text!)![0].replace(/^https?:\/\/[^/]+/, baseUrl);
    const member = await browser.newPage();
    await member.goto(link);
    await expect(member.locator('h1').textContent()).resolves.toBe('Dit Kattegat-forløb');
    await expect(member.locator('main').textContent()).resolves.toContain('Velkommen, Anna Ærø');
    await member.close();
  });

  it('previews a template for the member without sending it', async () => {
    await page.goto(`${baseUrl}/beskeder/skabeloner`);
    await page.getByRole('searchbox', { name: 'Medlem' }).fill('anna');
    await page.getByRole('button', { name: 'Vælg' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Vises for Anna Ærø');
    await looksRight(page, SHOTS, 'beskeder-skabeloner');
    await page.getByRole('link', { name: 'Bekræftelse' }).click();
    const frame = page.frameLocator('iframe.console-mail-frame');
    await expect(frame.locator('body').textContent()).resolves.toContain('Kære Anna Ærø');
    await expect(page.locator('pre.console-mail-text').textContent()).resolves.toContain('Kære Anna Ærø');
    await looksRight(page, SHOTS, 'beskeder-skabelon');
  });
});
