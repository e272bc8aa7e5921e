import { mkdirSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { AppConfig } from '../../src/config/app-config';
import { MailRenderer } from '../../src/messaging/mail-renderer';
import { MESSAGE_KINDS } from '../../src/messaging/message-kinds';
import { sampleMailRequest } from '../../src/messaging/sample-messages';
import { launchChromium } from '../helpers/browser';

jest.setTimeout(120_000);

/** Where the screenshots go for a person to look at (outside the repository); unset, none are taken. */
const SHOTS = process.env.SHOTS_DIR;
/** A real token's length and a long public address: what made the invitation 516 px wide. */
const TOKEN = 'Qx7Vb2mKp9LrT4wZs8NcY1dHf6JgA3eUo5iRkWq0XvB';
const BASE = 'https://kattegat.kommunernes-kompetencecenter.dk';

describe('Every e-mail kind fits a 360 px phone', () => {
  let browser: Browser;
  const renderer = new MailRenderer({
    mail: { repliesReachSomeone: true },
    secretariat: { email: 'kattegat@kl.dk', phone: null },
  } as AppConfig);

  beforeAll(async () => {
    browser = await launchChromium();
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(() => browser?.close());

  it.each(MESSAGE_KINDS)('%s: no horizontal scroll at 360 px', async (kind) => {
    const mail = renderer.render(sampleMailRequest(kind, BASE, TOKEN));
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.setContent(mail.html);
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/mail-${kind}-360.png`, fullPage: true });
    await context.close();
    expect(width).toBeLessThanOrEqual(360);
  });

  it('the check can fail: an unbreakable link in a body is wider than the phone', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.setContent(`<p>${BASE}/p/${TOKEN}${TOKEN}</p>`);
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeGreaterThan(360);
    await context.close();
  });
});
