import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { StaffRole } from '../../src/auth/roles';
import { StaffService } from '../../src/auth/staff.service';
import { seriousViolations } from '../helpers/browser';
import { serveToChromium } from '../helpers/console-browser';
import { startTestApp, TestApp } from '../helpers/test-app';

jest.setTimeout(180_000);

const PASSWORD = 'et-rigtig-langt-kodeord';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const codeAt = (secret: string, steps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

describe('Signing in to the console in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const shots = process.env.SCREENSHOT_DIR ?? '/work/shots/auth';

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    t = await startTestApp({ REQUIRE_2FA: 'true' });
    ({ browser, baseUrl } = await serveToChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function account(role: StaffRole, email: string) {
    await t.app.get(StaffService).create({ email, name: 'Test', password: PASSWORD, role });
    return email;
  }

  /** axe at both widths, and a screenshot of each. */
  async function check(page: Page, name: string) {
    for (const [size, viewport] of [
      ['laptop', LAPTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await expect(seriousViolations(page)).resolves.toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await page.screenshot({ path: join(shots, `${name}-${size}.png`), fullPage: true });
    }
    await page.setViewportSize(LAPTOP);
  }

  async function open(options: BrowserContextOptions = {}) {
    // axe is added as a script tag, which the CSP would block; the test without JavaScript keeps it.
    const context = await browser.newContext({ viewport: LAPTOP, bypassCSP: true, ...options });
    const page = await context.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    return { context, page, scriptErrors };
  }

  async function fillSignIn(page: Page, email: string, password: string) {
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Adgangskode').fill(password);
    await page.getByRole('button', { name: 'Log ind' }).click();
  }

  it('a KL analyst: a wrong password is told beside the field, the right one opens the statistics, sign-out ends it', async () => {
    const email = await account('kl', 'analytiker@kl.test');
    const { context, page, scriptErrors } = await open();
    await page.goto(`${baseUrl}/`);
    expect(page.url()).toBe(`${baseUrl}/log-ind`);
    expect(await page.locator('h1').textContent()).toBe('Log ind');
    await check(page, 'sign-in');

    await fillSignIn(page, email, 'forkert-kodeord');
    await page.waitForLoadState();
    expect(await page.locator('.console-error-summary').textContent()).toContain(
      'Forkert e-mail eller adgangskode.',
    );
    expect(await page.locator('#password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('E-mail').inputValue()).toBe(email);
    expect(await page.getByLabel('Adgangskode').inputValue()).toBe('');
    await check(page, 'sign-in-wrong-password');

    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${baseUrl}/statistik`);
    await page.getByRole('button', { name: 'Log af' }).click();
    await page.waitForURL(`${baseUrl}/log-ind`);
    await page.goto(`${baseUrl}/statistik`);
    expect(page.url()).toBe(`${baseUrl}/log-ind`);
    expect(scriptErrors).toEqual([]);
    await context.close();
  });

  it('a planner sets the app up at the first sign-in, keeps the recovery codes, and gives the code the next time', async () => {
    const email = await account('planner', 'planlaegger@kl.test');
    const { context, page, scriptErrors } = await open();
    await page.goto(`${baseUrl}/log-ind`);
    await fillSignIn(page, email, PASSWORD);
    await page.waitForURL(`${baseUrl}/log-ind/totrinsbekraeftelse`);
    const secret = (await page.locator('code.console-secret').textContent())!.trim();
    await check(page, 'second-factor-setup');

    await page.getByLabel('Kode fra appen').fill('000000' === (await codeAt(secret)) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Slå totrinsbekræftelse til' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#code-error').textContent()).toContain('Koden er forkert eller for gammel.');
    await check(page, 'second-factor-setup-wrong-code');

    await page.getByLabel('Kode fra appen').fill(await codeAt(secret));
    await page.getByRole('button', { name: 'Slå totrinsbekræftelse til' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Totrinsbekræftelse er slået til');
    expect(await page.locator('.console-recovery-codes li').count()).toBe(10);
    await check(page, 'second-factor-codes');
    await page.getByRole('link', { name: 'Fortsæt' }).click();
    await page.waitForURL(`${baseUrl}/oversigt`);
    await page.getByRole('button', { name: 'Log af' }).click();
    await page.waitForURL(`${baseUrl}/log-ind`);

    await fillSignIn(page, email, PASSWORD);
    await page.waitForURL(`${baseUrl}/log-ind/kode`);
    await check(page, 'sign-in-code');
    await page.getByLabel('Kode').fill(await codeAt(secret, 1));
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${baseUrl}/oversigt`);
    expect(scriptErrors).toEqual([]);
    await context.close();
  });

  it('works without JavaScript and under the CSP: set the app up, sign in and out', async () => {
    const email = await account('planner', 'uden-js@kl.test');
    const { context, page } = await open({ javaScriptEnabled: false, bypassCSP: false });
    await page.goto(`${baseUrl}/log-ind`);
    await fillSignIn(page, email, PASSWORD);
    await page.waitForURL(`${baseUrl}/log-ind/totrinsbekraeftelse`);
    // The QR code is a data: image, which the CSP allows.
    const qrWidth = await page
      .locator('img.console-qr')
      .evaluate((img: unknown) => (img as { naturalWidth: number }).naturalWidth);
    expect(qrWidth).toBeGreaterThan(100);
    const secret = (await page.locator('code.console-secret').textContent())!.trim();
    await page.getByLabel('Kode fra appen').fill(await codeAt(secret));
    await page.getByRole('button', { name: 'Slå totrinsbekræftelse til' }).click();
    await page.getByRole('link', { name: 'Fortsæt' }).click();
    await page.waitForURL(`${baseUrl}/oversigt`);
    await page.getByRole('button', { name: 'Log af' }).click();
    await page.waitForURL(`${baseUrl}/log-ind`);
    await page.goto(`${baseUrl}/oversigt`);
    expect(page.url()).toBe(`${baseUrl}/log-ind`);
    await context.close();
  });
});
