import { mkdirSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { toLocal } from '../../src/common/local-time';
import { Seminar } from '../../src/planning/seminar.entity';
import { SeatService } from '../../src/registrations/seat.service';
import { createCycle, createMembers } from '../factories/cycle-members.factory';
import { looksRight } from '../helpers/browser';
import { openConsoleInChromium } from '../helpers/console-browser';
import { calendarOf, deliver } from '../helpers/member-mail';
import { startSmtpSink, SmtpSink } from '../helpers/smtp-sink';
import { startTestApp, TestApp } from '../helpers/test-app';
import {
  changeStartTime,
  commitTable,
  confirmChange,
  dayFromToday,
  planWaveOfThree,
  previewTable,
} from './steps/plan';

jest.setTimeout(240_000);

const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/plan';
const danishDay = (iso: string) => iso.split('-').reverse().join('.');

/**
 * Planlægning through pages only (forms post plainly; htmx adds nothing here): a venue, a wave and a seminar with an
 * agenda, copied to two more weeks; a pasted table with a bad row (nothing written), fixed and
 * committed; a published seminar moved, with the change e-mails shown first and then at the sink.
 */
describe('Planlægning in the browser', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let cycleId: number;
  let plan: Awaited<ReturnType<typeof planWaveOfThree>>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sink = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: sink.url });
    cycleId = (await createCycle(t.dataSource)).id;
    ({ browser, baseUrl, page } = await openConsoleInChromium(t, 'planner', {
      context: { locale: 'da-DK' },
    }));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
  });

  const seminars = () =>
    t.dataSource.getRepository(Seminar).find({ relations: { agenda: true }, order: { startsAt: 'ASC' } });

  it('plans a wave of three seminars by copying one with its agenda', async () => {
    await page.goto(`${baseUrl}/steder/ny`);
    await looksRight(page, SHOTS, 'venue-form');
    plan = await planWaveOfThree(page, baseUrl, {
      venue: 'Hotel Kattegat',
      wave: 'Periode 1 (planlagt i konsollen)',
      title: 'Kattegat-seminar, Odense',
      municipality: 'Odense',
    });
    const rows = await seminars();
    expect(
      rows.map((s) => [toLocal(s.startsAt).date, toLocal(s.startsAt).time, s.status, s.agenda!.length]),
    ).toEqual([40, 47, 54].map((d) => [dayFromToday(d), '13:00', 'published', 2]));
    expect(plan.seminarIds).toEqual(rows.map((s) => s.id));

    await page.goto(`${baseUrl}/planlaegning`);
    await page.getByRole('link', { name: 'Opret bølge' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Opret bølge');
    await looksRight(page, SHOTS, 'wave-form');
    await page.goto(`${baseUrl}/planlaegning`);
    await page.getByRole('link', { name: 'Kopiér bølgen Periode 1 (planlagt i konsollen)' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('Kopien får bølgens 3 seminarer');
    await looksRight(page, SHOTS, 'wave-copy');
    await page.goto(`${baseUrl}/steder`);
    await looksRight(page, SHOTS, 'venues');
    await page.goto(`${baseUrl}/seminarer/${plan.seminarIds[0]}`);
    await expect(page.locator('.console-agenda li').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/kl\. 13\.00 Velkomst$/),
      expect.stringMatching(/kl\. 09\.00 Rollen som politiker$/),
    ]);
    await looksRight(page, SHOTS, 'seminar');
    await page.getByRole('link', { name: 'Ret programmet' }).click();
    await page.getByRole('button', { name: /^Flyt op.*Rollen som politiker/ }).click();
    await expect(page.locator('.console-agenda li p').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/kl\. 13\.00 Rollen som politiker$/),
      expect.stringMatching(/kl\. 09\.00 Velkomst$/),
    ]);
    await looksRight(page, SHOTS, 'agenda');
    await page.goto(`${baseUrl}/seminarer/${plan.seminarIds[0]}/kopier`);
    await looksRight(page, SHOTS, 'seminar-copy');
    await page.goto(`${baseUrl}/seminarer/${plan.seminarIds[0]}/rediger`);
    await looksRight(page, SHOTS, 'seminar-form');
  });

  it('shows a pasted table’s bad row and writes nothing, then commits the fixed table', async () => {
    const before = (await seminars()).length;
    const row = (days: number, venue: string) =>
      [
        danishDay(dayFromToday(days)),
        '13.00',
        `${danishDay(dayFromToday(days + 2))} 13.00`,
        venue,
        '24',
      ].join('\t');
    const table = [
      'dato\tstart\tslut\tkursussted\tpladser',
      row(61, 'Hotel Kattegat'),
      row(68, 'Hotel Ukendt'),
    ].join('\n');
    const alert = await previewTable(page, baseUrl, 'Periode 1 (planlagt i konsollen)', table);
    expect(alert).toContain('1 af 2 rækker har fejl');
    await expect(page.getByText('Kursusstedet "Hotel Ukendt" findes ikke.')).toBeTruthy();
    await expect(page.locator('tbody').innerText()).resolves.toContain(
      'Kursusstedet "Hotel Ukendt" findes ikke.',
    );
    await expect(page.getByRole('button', { name: /^Opret \d+ seminarer$/ }).count()).resolves.toBe(0);
    await looksRight(page, SHOTS, 'table-errors');
    expect((await seminars()).length).toBe(before);

    await page.getByLabel('Tabel').fill(table.replace('Hotel Ukendt', 'Hotel Kattegat'));
    await page.getByRole('button', { name: 'Vis prøvekørsel' }).click();
    await expect(page.locator('.alert').first().innerText()).resolves.toBe(
      'Alle 2 rækker kan oprettes. Intet er gemt endnu.',
    );
    await commitTable(page);
    await expect(page.locator('.alert').first().innerText()).resolves.toBe(
      '2 seminarer er oprettet som kladder.',
    );
    await looksRight(page, SHOTS, 'plan');
    expect((await seminars()).length).toBe(before + 2);
  });

  it('moves a published seminar: who gets a change e-mail first, then the e-mails at the SMTP server', async () => {
    const seminarId = plan.seminarIds[0];
    const members = await createMembers(t.dataSource, cycleId, 2);
    for (const m of members) await t.app.get(SeatService).register(m.id, seminarId, { kind: 'system' });
    await deliver(t, sink);

    const heading = await changeStartTime(page, baseUrl, seminarId, '10:00');
    expect(heading).toBe('2 deltagere får en ændringsmail');
    await expect(page.locator('main ul').last().innerText()).resolves.toContain(members[0].name!);
    await looksRight(page, SHOTS, 'change-confirm');
    expect(
      toLocal((await t.dataSource.getRepository(Seminar).findOneByOrFail({ id: seminarId })).startsAt).time,
    ).toBe('13:00');

    await confirmChange(page, baseUrl, seminarId);
    const mails = await deliver(t, sink);
    const to = mails.map((m) => (m.to as { value: Array<{ address: string }> }).value[0].address).sort();
    expect(to).toEqual(members.map((m) => m.email).sort());
    const calendar = calendarOf(mails[0])!;
    expect(calendar.method).toBe('REQUEST');
    expect(calendar.sequence).toBeGreaterThan(0);
    const moved = await t.dataSource.getRepository(Seminar).findOneByOrFail({ id: seminarId });
    expect(calendar.start).toBe(moved.startsAt.toISOString());
    expect(toLocal(moved.startsAt).time).toBe('10:00');
  });
});
