import { join } from 'node:path';
import { describeReport, importMembersFile } from '../src/cli/commands/member.command';
import { CLI_CALLER } from '../src/cycles/caller';
import { GdprService } from '../src/cycles/gdpr/gdpr.service';
import { createCycle, member } from './factories/cycles';
import { Transactor } from '../src/database/transactor';
import { OutboxMessage } from '../src/messaging/outbox-message.entity';
import { OutboxService } from '../src/messaging/outbox.service';
import { sampleMailRequest } from '../src/messaging/sample-messages';
import { startTestApp, TestApp } from './helpers/test-app';

const fixtures = join(__dirname, 'fixtures', 'import');

describe('Member export, GDPR and the command line', () => {
  let t: TestApp;
  let planner: string;
  let cycleId: number;

  beforeAll(async () => {
    t = await startTestApp();
    planner = await t.tokenFor('planner');
    cycleId = await createCycle(t, planner);
  });
  afterAll(() => t.close());

  const create = async (overrides: Record<string, unknown>, cycle = cycleId): Promise<number> => {
    const res = await t
      .http()
      .post(`/api/cycles/${cycle}/members`)
      .auth(planner, { type: 'bearer' })
      .send(member(overrides))
      .expect(201);
    return res.body.id as number;
  };
  const auditRows = (): Promise<Array<Record<string, unknown>>> =>
    t.dataSource.query(
      'SELECT actor_staff_id, actor, action, cycle_id, member_id, details FROM audit_log ORDER BY id',
    );

  it('exports the register as CSV for Danish Excel: BOM, `;`, CRLF, Danish words', async () => {
    await create({
      name: 'Bente Ærtebjerg',
      email: 'bente@odense.dk',
      role: 'deputy_mayor',
      diet: 'laktosefri',
    });
    const res = await t
      .http()
      .get(`/api/cycles/${cycleId}/members/export`)
      .auth(planner, { type: 'bearer' })
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="medlemmer-KV\d+\.csv"$/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Navn;E-mail;Telefon;Kommune;Region;Partibogstav;Listenavn;Nyvalgt;Rolle;Kost;Tilgængelighed;Note',
    );
    expect(lines[1]).toBe(
      'Bente Ærtebjerg;bente@odense.dk;;Odense;Region Syddanmark;A;Socialdemokratiet;ja;viceborgmester;laktosefri;;',
    );
  });

  it('gives everything held about one member as JSON, and logs that it did', async () => {
    const id = await create({ name: 'Indsigt Ø. Pedersen', email: 'indsigt@odense.dk', note: 'Kørestol' });
    const res = await t
      .http()
      .get(`/api/cycles/${cycleId}/members/${id}/personal-data`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    expect(res.body).toMatchObject({
      cycle: { id: cycleId, code: expect.any(String) },
      member: {
        id,
        name: 'Indsigt Ø. Pedersen',
        email: 'indsigt@odense.dk',
        note: 'Kørestol',
        municipalityCode: 461,
      },
      auditLog: [
        { action: 'member.create', actor: 'planner' },
        { action: 'member.personal_data_export', actor: 'planner' },
      ],
    });
    await t
      .http()
      .get(`/api/cycles/${cycleId}/members/9999/personal-data`)
      .auth(planner, { type: 'bearer' })
      .expect(404);
  });

  it('erases a member’s personal fields and keeps what the statistics count', async () => {
    const id = await create({
      name: 'Slet Mig Østergaard',
      email: 'slet@odense.dk',
      phone: '12345678',
      listLetter: 'F',
      role: 'committee_chair',
      diet: 'vegetar',
      accessibility: 'høreslynge',
      note: 'privat',
    });
    const outbox = t.dataSource.getRepository(OutboxMessage);
    await t.app.get(Transactor).run((m) =>
      t.app.get(OutboxService).enqueue(m, {
        key: `test-mail:${id}`,
        memberId: id,
        ...sampleMailRequest('invitation', 'http://localhost'),
      }),
    );
    await expect(outbox.countBy({ memberId: id })).resolves.toBe(1);
    const kl = await t.tokenFor('kl');
    await t
      .http()
      .post(`/api/cycles/${cycleId}/members/${id}/erase`)
      .auth(kl, { type: 'bearer' })
      .expect(403);
    const res = await t
      .http()
      .post(`/api/cycles/${cycleId}/members/${id}/erase`)
      .auth(planner, { type: 'bearer' })
      .expect(200);
    await expect(outbox.countBy({ memberId: id })).resolves.toBe(0);
    expect(res.body).toMatchObject({
      name: null,
      email: null,
      phone: null,
      diet: null,
      accessibility: null,
      note: null,
      municipalityCode: 461,
      listLetter: 'F',
      newlyElected: true,
      role: 'committee_chair',
      erasedAt: expect.any(String),
    });
    const [row] = await t.dataSource.query(`SELECT * FROM members WHERE id = ${id}`);
    expect(JSON.stringify(row)).not.toMatch(/Slet|slet@|12345678|vegetar|høreslynge|privat/);
    await t
      .http()
      .patch(`/api/cycles/${cycleId}/members/${id}`)
      .auth(planner, { type: 'bearer' })
      .send({ name: 'Tilbage' })
      .expect(409);
    const csv = await t.http().get(`/api/cycles/${cycleId}/members/export`).auth(planner, { type: 'bearer' });
    expect(csv.text.split('\r\n').filter((l) => l.includes(';F;'))).toEqual([]);
    // The address is free again, so the person can be registered anew.
    await create({ email: 'slet@odense.dk', name: 'Ny Registrering' });
  });

  it('keeps an audit log of who did what, without personal data', async () => {
    const log = await auditRows();
    expect(log.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'member.create',
        'members.export',
        'member.personal_data_export',
        'member.erase',
      ]),
    );
    // The test's staff accounts are audited too (staff.*, by the system); the members' entries name the planner.
    const memberEntries = log.filter((e) => !String(e.action).startsWith('staff.'));
    expect(memberEntries.every((e) => typeof e.actor_staff_id === 'number' && e.actor === 'planner')).toBe(
      true,
    );
    expect(JSON.stringify(log)).not.toMatch(/@|Ærtebjerg|Indsigt|Slet|Kørestol/);
  });

  it('erases by retention the cycles whose term ended more than N years ago', async () => {
    const old = await createCycle(t, planner, { electionDate: '2013-11-19', termStart: '2014-01-01' });
    await create({ email: 'gammel1@odense.dk', name: 'Gammel Et' }, old);
    await create({ email: 'gammel2@odense.dk', name: 'Gammel To' }, old);
    const gdpr = t.app.get(GdprService);
    // The KV13 term ran until 2017-12-31; five years later is 2022-12-31.
    await expect(gdpr.applyRetention(5, '2022-12-31', false, CLI_CALLER)).resolves.toEqual([]);
    await expect(gdpr.applyRetention(5, '2023-01-02', true, CLI_CALLER)).resolves.toEqual([
      { cycle: expect.any(String), termEnd: '2017-12-31', members: 2 },
    ]);
    const [{ n: before }] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM members WHERE cycle_id = ${old} AND erased_at IS NULL`,
    );
    expect(Number(before)).toBe(2);
    await expect(gdpr.applyRetention(5, '2023-01-02', false, CLI_CALLER)).resolves.toMatchObject([
      { members: 2 },
    ]);
    const rows = await t.dataSource.query(
      `SELECT name, email, list_letter FROM members WHERE cycle_id = ${old}`,
    );
    expect(rows).toEqual([
      { name: null, email: null, list_letter: 'A' },
      { name: null, email: null, list_letter: 'A' },
    ]);
    const [{ n: current }] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM members WHERE cycle_id = ${cycleId} AND erased_at IS NULL`,
    );
    expect(Number(current)).toBeGreaterThan(0);
    const log = await auditRows();
    expect(log.at(-1)).toMatchObject({
      actor_staff_id: null,
      actor: 'cli',
      action: 'members.retention_erase',
      cycle_id: old,
    });
  });

  it('imports from the command line with a dry run first, reporting rejected rows', async () => {
    const cycle = await createCycle(t, planner);
    const code = (await t.dataSource.query(`SELECT code FROM cycles WHERE id = ${cycle}`))[0].code as string;
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const dry = await importMembersFile(t.app, code, join(fixtures, 'kv25-windows-1252.csv'), {
        dryRun: true,
      });
      expect(describeReport(dry)).toEqual([
        '3 rows: 3 created, 0 updated, 0 unchanged, 0 rejected (nothing changed)',
      ]);
      const done = await importMembersFile(t.app, String(cycle), join(fixtures, 'kv25-windows-1252.csv'), {});
      expect(describeReport(done).at(-1)).toBe(
        '3 rows: 3 created, 0 updated, 0 unchanged, 0 rejected (applied)',
      );
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('Importing: 3/3');
      await expect(importMembersFile(t.app, code, join(fixtures, 'hostile.csv'), {})).rejects.toThrow(
        'Nothing was imported: 8 rows are rejected',
      );
      const skipped = await importMembersFile(t.app, code, join(fixtures, 'hostile.csv'), {
        skipRejected: true,
      });
      expect(describeReport(skipped)).toContain('row 3: name: missing');
      expect(skipped.summary.created).toBe(3);
    } finally {
      stderr.mockRestore();
    }
  });
});
