import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { StaffService } from '../src/auth/staff.service';
import { ImportJobsService } from '../src/cycles/import/import-jobs.service';
import { createCycle } from './factories/cycles';
import { csrfOf } from './helpers/portal';
import { startTestApp, TestApp } from './helpers/test-app';

const PASSWORD = 'et-rigtig-langt-kodeord';
const HOSTILE = readFileSync(join(__dirname, 'fixtures', 'import', 'fjendtlig-aeroe.csv'));

/** The import pages over HTTP: what a browser's form gets when the upload cannot be used. */
describe('Import pages', () => {
  let t: TestApp;
  let agent: ReturnType<typeof request.agent>;
  let cycleId: number;

  beforeAll(async () => {
    t = await startTestApp();
    cycleId = await createCycle(t, await t.tokenFor('planner'));
    await t.app
      .get(StaffService)
      .create({ email: 'p@import.test', name: 'P', password: PASSWORD, role: 'planner' });
    agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/log-ind').expect(200);
    await agent
      .post('/log-ind')
      .type('form')
      .send({ ...csrfOf(form.text), email: 'p@import.test', password: PASSWORD })
      .expect(303);
  });
  afterAll(() => t.close());

  const jobCount = async () =>
    Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM import_jobs`))[0].n);
  const uploadForm = async () =>
    csrfOf((await agent.get(`/valgperioder/${cycleId}/import`).expect(200)).text);

  it('shows the form again with a Danish reason when no file or too large a file is sent', async () => {
    const first = await uploadForm();
    const none = await agent
      .post(`/valgperioder/${cycleId}/import`)
      .field('nonce', first.nonce)
      .field('mac', first.mac)
      .expect(400);
    expect(none.text).toContain('Vælg en fil at indlæse.');
    expect(none.text).toContain('aria-invalid="true"');

    const csrf = await uploadForm();
    const big = await agent
      .post(`/valgperioder/${cycleId}/import`)
      .field('nonce', csrf.nonce)
      .field('mac', csrf.mac)
      .attach('filer', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), 'stor.csv')
      .expect(413);
    expect(big.text).toContain('En af filerne fylder mere end 10 MB.');
    expect(await jobCount()).toBe(0);
  });

  it('refuses an upload without the form’s CSRF fields', async () => {
    await agent.post(`/valgperioder/${cycleId}/import`).attach('filer', HOSTILE, 'x.csv').expect(403);
    expect(await jobCount()).toBe(0);
  });

  it('names the rejected rows’ file in Danish with æøå kept in Content-Disposition', async () => {
    const csrf = await uploadForm();
    await agent
      .post(`/valgperioder/${cycleId}/import`)
      .field('nonce', csrf.nonce)
      .field('mac', csrf.mac)
      .attach('filer', HOSTILE, 'ærø-valgte.csv')
      .expect(303);
    await t.app.get(ImportJobsService).onApplicationShutdown();
    const [{ id, file_name }] = await t.dataSource.query(`SELECT id, file_name FROM import_jobs`);
    expect(file_name).toBe('ærø-valgte.csv');
    const csv = await agent.get(`/valgperioder/${cycleId}/import/filer/${id}/afviste.csv`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="Afviste raekker _ aeroe-valgte.csv"; filename*=UTF-8''Afviste%20r%C3%A6kker%20%E2%80%93%20%C3%A6r%C3%B8-valgte.csv`,
    );
    await agent.get(`/valgperioder/${cycleId}/import/filer/${id + 1}`).expect(404);
  });
});
