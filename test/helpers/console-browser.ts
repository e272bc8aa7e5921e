import { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { StaffRole } from '../../src/auth/roles';
import { launchChromium } from './browser';
import { STAFF_PASSWORD, staffAccount } from './console';
import { TestApp } from './test-app';

const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** The page's uncaught script errors, collected from the start. */
  errors: string[];
}

/** The app on a free local port with Chromium launched for it: one of each per test file. */
export async function serveToChromium(
  t: TestApp,
  chromiumArgs: string[] = [],
): Promise<{ baseUrl: string; browser: Browser }> {
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = await t.app.getUrl();
  return { baseUrl, browser: await launchChromium(chromiumArgs) };
}

/**
 * A page in a context of its own (a second context is a second person), laptop-sized unless told.
 * bypassCSP lets axe-core's script in; the app's CSP allows only its own files.
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: LAPTOP, bypassCSP: true, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** The same on a 390 px phone. */
export function openPhonePage(browser: Browser, options: BrowserContextOptions = {}): Promise<OpenPage> {
  return openPage(browser, { viewport: PHONE, ...options });
}

/**
 * Signs in through the sign-in page's form, the one place that knows it; then waits for `landing`
 * (a path) or, without one, for any page but the form.
 */
export async function signInThroughForm(
  page: Page,
  baseUrl: string,
  email: string,
  { landing, password = STAFF_PASSWORD }: { landing?: string; password?: string } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/log-ind`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Adgangskode').fill(password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL(landing ? `${baseUrl}${landing}` : (url) => !url.pathname.startsWith('/log-ind'));
}

export interface SignInOptions {
  municipalityCode?: number;
  landing?: string;
  context?: BrowserContextOptions;
}

/** A new staff account of `role`, signed in on a page of its own. */
export async function signedInPage(
  t: TestApp,
  browser: Browser,
  baseUrl: string,
  role: StaffRole,
  options: SignInOptions = {},
): Promise<OpenPage> {
  const email = await staffAccount(t, role, options.municipalityCode);
  const opened = await openPage(browser, options.context);
  await signInThroughForm(opened.page, baseUrl, email, { landing: options.landing });
  return opened;
}

/** The console of a browser file: the app served to Chromium and a new account of `role` signed in. */
export async function openConsoleInChromium(
  t: TestApp,
  role: StaffRole,
  options: SignInOptions & { chromiumArgs?: string[] } = {},
): Promise<OpenPage & { baseUrl: string; browser: Browser }> {
  const { baseUrl, browser } = await serveToChromium(t, options.chromiumArgs);
  try {
    return { baseUrl, browser, ...(await signedInPage(t, browser, baseUrl, role, options)) };
  } catch (error) {
    // The caller never gets the browser to close in its afterAll.
    await browser.close();
    throw error;
  }
}
