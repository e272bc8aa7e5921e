import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { prepareDatabase } from '../src/app.setup';
import { EvaluationRequest } from '../src/evaluations/evaluation-request.entity';
import { EvaluationResponse, EvaluationSubmission } from '../src/evaluations/evaluation-response.entity';
import {
  answerSurvey,
  defaultAnswers,
  recordAttendance,
  RecordingEvaluationDelivery,
  seminarWithParticipants,
  startEvaluatingApp,
} from './factories/evaluations.factory';
import { TestApp } from './helpers/test-app';

jest.setTimeout(120_000);

/** The order the members answer in: neither the order of their ids nor of their requests. */
const ANSWER_ORDER = [3, 7, 0, 9, 1, 5, 2, 8, 4, 6];

/** A free text that says whose answer it is, so the test can follow it on disk. */
const marker = (i: number) => `svar-nummer-${String.fromCharCode(65 + i)}-slut`;

/**
 * Someone with full access to the database tries to tell whose an answer is. The members of one
 * seminar answer one after the other in a known order; nothing the database keeps may pair an
 * answer with its member (the xmin of PostgreSQL, a shared transaction, the physical order of
 * rows, a rowid) or tell the order they came in.
 */
describe('Evaluation anonymity against someone with database access', () => {
  let t: TestApp;
  let planner: string;
  let delivery: RecordingEvaluationDelivery;
  let seminarId: number;
  let memberIds: number[];

  beforeAll(async () => {
    ({ t, delivery, planner } = await startEvaluatingApp());
    const { seminar, members, seats } = await seminarWithParticipants(t, planner, ANSWER_ORDER.length);
    seminarId = seminar.id;
    memberIds = members.map((m) => m.id);
    await recordAttendance(
      t,
      planner,
      seminar.id,
      seats.map((registrationId) => ({ registrationId, attended: true })),
    );
    for (const i of ANSWER_ORDER) {
      const res = await answerSurvey(
        t,
        delivery.tokenOf(memberIds[i], seminarId),
        defaultAnswers(4, 8, marker(i)),
      );
      expect(res.status).toBe(303);
    }
  });
  afterAll(() => t.close());

  /** Which member's marker each answer holds, in the order the rows come. */
  const whose = (rows: Array<{ answers: string | object }>) =>
    rows.map((r) => {
      const best = (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers).best as string;
      return ANSWER_ORDER.find((i) => best === marker(i));
    });
  const answeringOrder = ANSWER_ORDER;
  const reversed = [...ANSWER_ORDER].reverse();

  it('keeps every answer, once, and every request answered', async () => {
    const rows = await t.dataSource.query(
      `SELECT answers FROM evaluation_responses WHERE seminar_id = ${seminarId} ORDER BY id`,
    );
    expect(
      whose(rows)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([...ANSWER_ORDER].sort((a, b) => a - b));
    const requests = await t.dataSource.getRepository(EvaluationRequest).findBy({ seminarId });
    expect(requests.map((r) => r.answered)).toEqual(ANSWER_ORDER.map(() => true));
  });

  it('files an answer a crash left held when the app starts again', async () => {
    const { seminar } = await seminarWithParticipants(t, planner, 0);
    const [version] = await t.dataSource.query(
      `SELECT questionnaire_version_id AS id FROM evaluation_responses WHERE seminar_id = ${seminarId} LIMIT 1`,
    );
    // What the submitter's transaction leaves when the process dies before the release.
    await t.dataSource.getRepository(EvaluationSubmission).insert({
      id: randomUUID(),
      seminarId: seminar.id,
      questionnaireVersionId: Number(version.id),
      answeredOn: '2026-03-02',
      answers: { overall: 5, best: 'holdt tilbage' },
    });
    await prepareDatabase(t.app);
    await expect(t.dataSource.getRepository(EvaluationSubmission).count()).resolves.toBe(0);
    const [filed] = await t.dataSource.getRepository(EvaluationResponse).findBy({ seminarId: seminar.id });
    expect(filed.answers).toEqual({ overall: 5, best: 'holdt tilbage' });
  });

  describe('on PostgreSQL', () => {
    const onPostgres = () => t.database.engine === 'postgres';

    it("finds no pair with the issue's query: no answer shares a transaction with a request", async () => {
      if (!onPostgres()) return;
      const pairs = await t.dataSource.query(
        'select q.member_id, r.answers from evaluation_responses r join evaluation_requests q on q.xmin::text = r.xmin::text',
      );
      expect(pairs).toEqual([]);
    });

    it("the seminar's answers share one xmin, and so do its requests: no transaction id singles anyone out", async () => {
      if (!onPostgres()) return;
      const distinct = (table: string) =>
        t.dataSource
          .query(`SELECT COUNT(DISTINCT xmin::text) AS n FROM ${table} WHERE seminar_id = ${seminarId}`)
          .then(([{ n }]: Array<{ n: string }>) => Number(n));
      await expect(distinct('evaluation_responses')).resolves.toBe(1);
      await expect(distinct('evaluation_requests')).resolves.toBe(1);
    });

    it('stores neither the answers nor the requests in the order the members answered (ctid)', async () => {
      if (!onPostgres()) return;
      const answers = whose(
        await t.dataSource.query(
          `SELECT answers FROM evaluation_responses WHERE seminar_id = ${seminarId} ORDER BY ctid`,
        ),
      );
      expect(answers).not.toEqual(answeringOrder);
      expect(answers).not.toEqual(reversed);
      const requests: Array<{ member_id: number }> = await t.dataSource.query(
        `SELECT member_id FROM evaluation_requests WHERE seminar_id = ${seminarId} ORDER BY ctid`,
      );
      const requestOrder = requests.map((r) => memberIds.indexOf(Number(r.member_id)));
      expect(requestOrder).not.toEqual(answeringOrder);
      expect(requestOrder).not.toEqual(reversed);
    });

    it('leaves no tuple, live or dead, of a request that shares its xmin with an answer (pageinspect)', async () => {
      if (!onPostgres()) return;
      // pageinspect comes with PostgreSQL's contrib and needs a superuser, as the attacker here is.
      const installed = await t.dataSource.query('CREATE EXTENSION IF NOT EXISTS pageinspect').then(
        () => true,
        (error: Error) => {
          console.warn(`pageinspect cannot be used here (${error.message}): the dead-tuple check is skipped`);
          return false;
        },
      );
      if (!installed) return;
      const xminsOf = async (table: string): Promise<Set<string>> => {
        const rows: Array<{ xmin: string }> = await t.dataSource.query(
          `SELECT p.t_xmin::text AS xmin
           FROM generate_series(0, pg_relation_size('${table}') / current_setting('block_size')::int - 1) AS b,
                LATERAL heap_page_items(get_raw_page('${table}', b::int)) AS p
           WHERE p.t_xmin IS NOT NULL`,
        );
        return new Set(rows.map((r) => r.xmin));
      };
      const requests = await xminsOf('evaluation_requests');
      const answers = new Set([
        ...(await xminsOf('evaluation_responses')),
        ...(await xminsOf('evaluation_submissions').catch(() => new Set<string>())),
      ]);
      expect([...answers].filter((x) => requests.has(x))).toEqual([]);
    });
  });

  describe('on SQLite', () => {
    const onSqlite = () => t.database.engine === 'sqlite';

    it('has no rowid to number the answers by', async () => {
      if (!onSqlite()) return;
      await expect(t.dataSource.query('SELECT rowid FROM evaluation_responses')).rejects.toThrow(
        /no such column: rowid/,
      );
    });

    it('returns the answers in neither the order they came nor its reverse when asked without an order', async () => {
      if (!onSqlite()) return;
      const answers = whose(
        await t.dataSource.query(`SELECT answers FROM evaluation_responses WHERE seminar_id = ${seminarId}`),
      );
      expect(answers).not.toEqual(answeringOrder);
      expect(answers).not.toEqual(reversed);
    });

    it('keeps each answer once in the database file, not laid out in the order they came', async () => {
      if (!onSqlite()) return;
      // Everything into the main file, so the file is the whole database.
      await t.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
      const path = (t.dataSource.options as { database: string }).database;
      const file = readFileSync(path).toString('latin1');
      const positions = ANSWER_ORDER.map((i) => {
        const at = file.indexOf(marker(i));
        expect([marker(i), at >= 0, file.indexOf(marker(i), at + 1)]).toEqual([marker(i), true, -1]);
        return { i, at };
      });
      const onDisk = positions.sort((a, b) => a.at - b.at).map((p) => p.i);
      expect(onDisk).not.toEqual(answeringOrder);
      expect(onDisk).not.toEqual(reversed);
    });
  });
});
