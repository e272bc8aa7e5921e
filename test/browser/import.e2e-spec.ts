import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { StaffRole } from '../../src/auth/roles';
import { CLI_CALLER } from '../../src/cycles/caller';
import { CyclesService } from '../../src/cycles/cycles.service';
import { MemberImportService } from '../../src/cycles/import/member-import.service';
import { PROJECT_ROOT } from '../../src/paths';
import { looksRight as looksRightIn } from '../helpers/browser';
import { serveToChromium, signedInPage } from '../helpers/console-browser';
import { startTestApp, TestApp } from '../helpers/test-app';

jest.setTimeout(180_000);

const FIXTURES = join(__dirname, '..', 'fixtures', 'import');
const AEROE = join(PROJECT_ROOT, 'seeds', 'demo', 'aeroe-kommune.csv');
const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/shots/import';

/** A planner imports members using only the pages: dry run, report, Nyvalgt proposal, commit. */
describe('Importing members in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let kv25: number;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp();
    const cycles = t.app.get(CyclesService);
    const kv21 = await cycles.create({
      code: 'KV21',
      name: 'Kommunalvalget 2021',
      electionDate: '2021-11-16',
      termStart: '2022-01-01',
    });
    await t.app
      .get(MemberImportService)
      .import(kv21.id, readFileSync(AEROE), { dryRun: false, skipRejected: false }, CLI_CALLER);
    kv25 = (
      await cycles.create({
        code: 'KV25',
        name: 'Kommunalvalget 2025',
        electionDate: '2025-11-18',
        termStart: '2026-01-01',
      })
    ).id;
    ({ browser, baseUrl } = await serveToChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const memberCount = async () =>
    Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM members WHERE cycle_id = ${kv25}`))[0].n);

  const signedIn = (role: StaffRole, options: { javaScript?: boolean; municipalityCode?: number } = {}) =>
    signedInPage(t, browser, baseUrl, role, {
      municipalityCode: options.municipalityCode,
      context: { javaScriptEnabled: options.javaScript ?? true },
    });

  const looksRight = (page: Page, name: string) => looksRightIn(page, SHOTS, name);

  async function upload(page: Page, files: string[]): Promise<void> {
    await page.goto(`${baseUrl}/valgperioder/${kv25}/import`);
    await page.getByLabel('Filer med medlemmer').setInputFiles(files);
    await page.getByRole('button', { name: 'Kontrollér filerne' }).click();
  }

  /** htmx swaps the page's live part until every file is checked. */
  const checked = (page: Page) => page.getByText('Alle filerne er kontrolleret.').waitFor();

  const reportRows = (page: Page): Promise<string[][]> =>
    page.evaluate(
      `[...document.querySelectorAll('#rapport tbody tr')].map((tr) => [...tr.children].map((c) => c.innerText.trim()))`,
    ) as Promise<string[][]>;

  let planner: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    planner = await signedIn('planner');
  });

  it("imports Ærø's file: the dry run's report first, then the members on one button", async () => {
    const { page } = planner;
    await page.goto(`${baseUrl}/valgperioder/${kv25}`);
    await page.getByRole('link', { name: 'Importér medlemmer' }).click();
    expect(new URL(page.url()).pathname).toBe(`/valgperioder/${kv25}/import`);
    expect(await page.locator('h1').textContent()).toBe('Importér medlemmer til KV25');
    await looksRight(page, 'upload');

    await upload(page, [AEROE]);
    await checked(page);
    expect(page.url()).toMatch(new RegExp(`/valgperioder/${kv25}/import/[\\w-]+$`));
    const line = await page.locator('tbody tr').first().innerText();
    expect(line).toContain('aeroe-kommune.csv');
    expect(line).toContain('Kontrolleret');
    await looksRight(page, 'batch');
    expect(await memberCount()).toBe(0);

    await page.getByRole('link', { name: 'aeroe-kommune.csv' }).click();
    const rows = await reportRows(page);
    expect(rows).toHaveLength(15);
    expect(rows[0]).toEqual(['2', 'Ib Ærenstrøm', 'ib.aerenstroem@aeroe.kommune.example', 'Oprettes', '']);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['Oprettes']));
    await looksRight(page, 'report');

    await page.getByRole('button', { name: 'Indlæs filen' }).click();
    await page.getByRole('heading', { name: 'Filen er indlæst' }).waitFor();
    expect((await reportRows(page))[0][3]).toBe('Oprettet');
    expect(await page.getByRole('link', { name: 'Se medlemmerne' }).getAttribute('href')).toBe(
      `/valgperioder/${kv25}/medlemmer`,
    );
    await looksRight(page, 'committed');
    expect(await memberCount()).toBe(15);
    const stored = await t.dataSource.query(
      `SELECT name, newly_elected FROM members WHERE cycle_id = ${kv25} AND email = 'bjoern.kjaersgaard@aeroe.kommune.example'`,
    );
    expect(stored).toEqual([{ name: 'Bjørn Kjærsgaard', newly_elected: expect.anything() }]);
    expect(Boolean(stored[0].newly_elected)).toBe(true);
  });

  it('shows a hostile file’s Danish reasons and writes nothing, also when asked to commit', async () => {
    const { page } = planner;
    const before = await memberCount();
    await upload(page, [join(FIXTURES, 'fjendtlig-aeroe.csv')]);
    await checked(page);
    await page.getByRole('link', { name: 'fjendtlig-aeroe.csv' }).click();
    const rows = Object.fromEntries((await reportRows(page)).map((r) => [r[0], r]));
    // Eva's cell holds a line break, so the file's lines and its rows part after her.
    expect(Object.keys(rows).sort()).toEqual(['3', '5', '6', '7', '8']);
    expect(rows['3'][1]).toBe("=cmd|' /C calc'!A0");
    expect(rows['3'][4]).toBe('"ikke-en-mail" er ikke en e-mailadresse.');
    expect(rows['5'][4]).toBe('Kommunen "Atlantis" findes ikke.');
    expect(rows['6'][4]).toBe('Samme e-mail står flere gange i filen (række 6, 7).');
    expect(rows['7'][2]).toBe('dublet@aeroe.dk');
    expect(rows['8'][4]).toBe('Note ligner et CPR-nummer. CPR-numre må ikke indlæses.');
    await looksRight(page, 'hostile');

    await page.getByRole('link', { name: /^Alle/ }).click();
    const all = await reportRows(page);
    expect(all.find((r) => r[0] === '4')).toEqual([
      '4',
      'Eva Bcc: evil@x.dk',
      'eva@aeroe.dk',
      'Oprettes',
      '',
    ]);

    await page.getByRole('button', { name: 'Indlæs filen' }).click();
    expect(await page.locator('.console-error-summary').innerText()).toContain(
      'Intet er indlæst: nogle rækker er afvist.',
    );
    expect(await memberCount()).toBe(before);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Hent de afviste rækker/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Afviste rækker – fjendtlig-aeroe.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFNavn;E-mail;Kommune;Parti;Nyvalgt;Note;Række;Årsag\r\n')).toBe(true);
    // Excel would run the name as a formula without the apostrophe.
    expect(csv).toContain(
      `\r\n'=cmd|' /C calc'!A0;ikke-en-mail;Ærø;A;ja;;3;"""ikke-en-mail"" er ikke en e-mailadresse."\r\n`,
    );
    expect(csv).toContain('\r\nCPR Person;cpr@aeroe.dk;Ærø;C;ja;(CPR-nummer fjernet);8;');
    expect(csv).not.toContain('010203');
    expect(csv).not.toContain('\r\nGod Række');
  });

  it('checks several files at once, CSV and XLSX, and commits each from its report', async () => {
    const { page } = planner;
    const before = await memberCount();
    const files = ['odense-kommune.csv', 'aarhus-kommune.csv', 'kv25-members.xlsx'];
    await upload(
      page,
      files.map((f) => join(FIXTURES, f)),
    );
    await checked(page);
    expect(await page.locator('h1').textContent()).toBe('Kontrol af 3 filer');
    const lines = await page.locator('tbody tr').allInnerTexts();
    expect(lines.map((l) => l.split('\t')[0])).toEqual(files);
    expect(await page.locator('tfoot tr').innerText()).toMatch(/I alt\s+8\s+0\s+0\s+0/);
    for (const file of files) {
      await page.getByRole('link', { name: file }).click();
      await page.getByRole('button', { name: 'Indlæs filen' }).click();
      await page.getByRole('heading', { name: 'Filen er indlæst' }).waitFor();
      await page.getByRole('link', { name: 'Tilbage til filerne' }).click();
    }
    expect(await page.locator('tbody tr').allInnerTexts()).toEqual(
      files.map(() => expect.stringContaining('Indlæst')),
    );
    expect(await memberCount()).toBe(before + 8);
  });

  it('proposes Nyvalgt from KV21 for a file without the column; the planner corrects and confirms', async () => {
    const { page } = planner;
    await upload(page, [join(FIXTURES, 'aeroe-valgresultat-uden-nyvalgt.csv')]);
    await checked(page);
    await page.getByRole('link', { name: 'aeroe-valgresultat-uden-nyvalgt.csv' }).click();
    const proposal = (await page.evaluate(
      `[...document.querySelectorAll('#forslag tbody tr')].map((tr) => [0, 1, 3, 4].map((i) => tr.children[i].innerText.trim()).concat(tr.querySelector('input[type=checkbox]').checked))`,
    )) as Array<Array<string | boolean>>;
    expect(proposal).toEqual([
      ['2', 'IB AERENSTROEM', 'Ib Ærenstrøm', 'Genvalgt', false],
      ['3', 'Karen Soendergaard', 'Karen Søndergård', 'Genvalgt', false],
      ['4', 'Aase Bøgh', 'Åse Bøgh', 'Genvalgt', false],
      ['5', 'Inge Marstal Sørensen', 'Inge Marstal-Sørensen', 'Genvalgt', false],
      ['6', 'Rasmus Fæbøl', 'ingen match', 'Nyvalgt', true],
      ['7', 'Jens Hansen', 'ingen match', 'Nyvalgt', true],
    ]);
    await looksRight(page, 'proposal');

    await page.getByLabel('Aase Bøgh er nyvalgt').check();
    await page.getByLabel('Jens Hansen er nyvalgt').uncheck();
    await page.getByRole('button', { name: 'Gem rettelserne' }).click();
    expect(await page.locator('#nyvalgt ~ p strong').innerText()).toBe('2 af 6');
    expect(await page.locator('#forslag .console-tag').count()).toBe(2);
    await page.reload();
    expect(await page.getByLabel('Aase Bøgh er nyvalgt').isChecked()).toBe(true);
    expect(await page.getByLabel('Jens Hansen er nyvalgt').isChecked()).toBe(false);

    await page.getByRole('button', { name: 'Godkend de nyvalgte og indlæs' }).click();
    await page.getByRole('heading', { name: 'Filen er indlæst' }).waitFor();
    const flags = await t.dataSource.query(
      `SELECT email, newly_elected FROM members WHERE cycle_id = ${kv25} AND email IN
       ('aase.boegh@aeroe.dk', 'jens.hansen@aeroe.dk', 'rasmus.faeboel@aeroe.dk', 'ib.aerenstroem@aeroe.dk') ORDER BY email`,
    );
    expect(
      flags.map((r: { email: string; newly_elected: unknown }) => [r.email, Boolean(r.newly_elected)]),
    ).toEqual([
      ['aase.boegh@aeroe.dk', true],
      ['ib.aerenstroem@aeroe.dk', false],
      ['jens.hansen@aeroe.dk', false],
      ['rasmus.faeboel@aeroe.dk', true],
    ]);
  });

  it('lets a municipal contact import for its own municipality only, from Min kommune', async () => {
    const { page, context } = await signedIn('municipality', { municipalityCode: 492 });
    await page.goto(`${baseUrl}/min-kommune`);
    await page.getByRole('link', { name: 'Indlæs kommunens fil med medlemmer' }).click();
    expect(new URL(page.url()).pathname).toBe(`/valgperioder/${kv25}/import`);
    expect(await page.locator('main').innerText()).toContain(
      'Du kan kun indlæse medlemmer i din egen kommune.',
    );
    await page.getByLabel('Filer med medlemmer').setInputFiles([join(FIXTURES, 'fjendtlig-aeroe.csv')]);
    await page.getByRole('button', { name: 'Kontrollér filerne' }).click();
    await checked(page);
    await page.getByRole('link', { name: 'fjendtlig-aeroe.csv' }).click();
    const rows = Object.fromEntries((await reportRows(page)).map((r) => [r[0], r]));
    expect(rows['9']).toEqual([
      '9',
      'Odense Række',
      'odense@odense.dk',
      'Afvist',
      'Rækken hører til en anden kommune end din egen.',
    ]);
    await looksRight(page, 'contact-report');
    // The planner's batches are not the contact's to see.
    const plannerJob = await t.dataSource.query(
      `SELECT id FROM import_jobs WHERE municipality_code IS NULL LIMIT 1`,
    );
    const other = await page.goto(`${baseUrl}/valgperioder/${kv25}/import/filer/${plannerJob[0].id}`);
    expect(other?.status()).toBe(404);
    await context.close();
  });

  it('works without JavaScript: upload, reload for news, commit', async () => {
    const { page, context } = await signedIn('planner', { javaScript: false });
    const before = await memberCount();
    await upload(page, [join(FIXTURES, 'kv25-windows-1252.csv')]);
    // axe needs JavaScript; these pages are the same HTML as those checked above.
    await page.screenshot({ path: join(SHOTS, 'batch-nojs-1280.png'), fullPage: true });
    for (let reloads = 0; reloads < 100; reloads++) {
      if (await page.getByText('Alle filerne er kontrolleret.').isVisible()) break;
      await page.getByRole('link', { name: 'Opdatér siden' }).click();
    }
    await page.getByRole('link', { name: 'kv25-windows-1252.csv' }).click();
    await page.getByRole('button', { name: 'Indlæs filen' }).click();
    for (let reloads = 0; reloads < 100; reloads++) {
      if (await page.getByRole('heading', { name: 'Filen er indlæst' }).isVisible()) break;
      await page.reload();
    }
    expect(await memberCount()).toBe(before + 3);
    await context.close();
  });
});
