import {
  answerSurvey,
  defaultAnswers,
  recordAttendance,
  RecordingEvaluationDelivery,
  seminarWithParticipants,
  startEvaluatingApp,
} from './factories/evaluations.factory';
import { TestApp } from './helpers/test-app';

jest.setTimeout(90_000);

interface QuestionFigures {
  id: string;
  answered: number;
  mean?: number;
  nps?: number;
  distribution?: Record<string, number>;
  texts?: string[];
}
interface Group {
  questions: QuestionFigures[];
}

const question = (group: Group, id: string) => group.questions.find((q) => q.id === id)!;

/**
 * The fixture, by hand:
 *   wave 1  A: 6 asked, 5 answers (shown)   B: 3 asked, 2 answers (too few, and too few to pool)
 *   wave 2  C: 4 asked, 3 answers           D: 2 asked, 2 answers (too few alone, 5 together)
 */
describe('Evaluation results', () => {
  let t: TestApp;
  let planner: string;
  let kl: string;
  let delivery: RecordingEvaluationDelivery;
  let cycleId: number;
  let wave1: number;
  let wave2: number;
  const ids: Record<'a' | 'b' | 'c' | 'd', number> = { a: 0, b: 0, c: 0, d: 0 };

  const answers = {
    a: [
      defaultAnswers(5, 10, 'Netværket'),
      defaultAnswers(4, 9),
      defaultAnswers(4, 8),
      defaultAnswers(3, 6, '=HYPERLINK("http://x")'),
      defaultAnswers(5, 10),
    ],
    b: [defaultAnswers(1, 0, 'Kun for B'), defaultAnswers(2, 9)],
    c: [defaultAnswers(2, 7, 'Fra C'), defaultAnswers(3, 8), defaultAnswers(4, 9)],
    d: [defaultAnswers(5, 10), defaultAnswers(5, 3)],
  };

  async function seminar(key: keyof typeof ids, asked: number, options: object) {
    const made = await seminarWithParticipants(t, planner, asked, {
      title: `Kattegat ${key.toUpperCase()}`,
      ...options,
    });
    await recordAttendance(
      t,
      planner,
      made.seminar.id,
      made.seats.map((registrationId) => ({ registrationId, attended: true })),
    );
    for (let i = 0; i < answers[key].length; i++) {
      const res = await answerSurvey(
        t,
        delivery.tokenOf(made.members[i].id, made.seminar.id),
        answers[key][i],
      );
      expect(res.status).toBe(303);
    }
    ids[key] = made.seminar.id;
    return made;
  }

  beforeAll(async () => {
    ({ t, delivery, planner } = await startEvaluatingApp());
    kl = await t.tokenFor('kl');
    ({ cycleId, waveId: wave1 } = await seminar('a', 6, {}));
    await seminar('b', 3, { cycleId, waveId: wave1 });
    ({ waveId: wave2 } = await seminar('c', 4, { cycleId, waveName: 'Periode 2' }));
    await seminar('d', 2, { cycleId, waveId: wave2 });
  });
  afterAll(() => t.close());

  const get = (path: string, token = planner) => t.http().get(path).auth(token, { type: 'bearer' });
  const url = (rest = '') => `/api/cycles/${cycleId}/evaluations/results${rest}`;

  it('matches hand-computed figures per seminar, wave and cycle, and hides small groups', async () => {
    const { body } = await get(url()).expect(200);
    const seminar = (key: keyof typeof ids) =>
      body.seminars.find((s: { seminarId: number }) => s.seminarId === ids[key]);

    // A: overall 5,4,4,3,5 → 4.2; recommend 10,9,8,6,10 → mean 8.6, NPS (3 − 1) / 5 = 40
    const a = seminar('a');
    expect(a).toMatchObject({
      title: 'Kattegat A',
      invited: 6,
      responses: 5,
      responseRate: 0.8333,
      basedOn: 5,
    });
    expect(a.suppressed).toBe(false);
    expect(question(a, 'overall')).toMatchObject({
      answered: 5,
      mean: 4.2,
      distribution: { 1: 0, 2: 0, 3: 1, 4: 2, 5: 2 },
    });
    expect(question(a, 'recommend')).toMatchObject({ answered: 5, mean: 8.6, nps: 40 });
    expect([...question(a, 'best').texts!].sort()).toEqual(['=HYPERLINK("http://x")', 'Netværket']);

    for (const [key, invited, responses] of [
      ['b', 3, 2],
      ['c', 4, 3],
      ['d', 2, 2],
    ] as const) {
      const small = seminar(key);
      expect(small).toMatchObject({ invited, responses, suppressed: true });
      for (const q of small.questions)
        expect(Object.keys(q).sort()).toEqual(['answered', 'id', 'text', 'type']);
    }

    const [w1, w2] = body.waves;
    // Wave 1: B's two answers are left out of the figures (alone they are < 5), not of the counts.
    expect(w1).toMatchObject({ waveId: wave1, invited: 9, responses: 7, responseRate: 0.7778, basedOn: 5 });
    expect(question(w1, 'overall')).toMatchObject({ mean: 4.2, answered: 5 });
    expect(question(w1, 'recommend')).toMatchObject({ nps: 40 });
    // Wave 2: C and D together are 5: overall 2,3,4,5,5 → 3.8; recommend 7,8,9,10,3 → 7.4, NPS (2 − 1) / 5 = 20
    expect(w2).toMatchObject({ waveId: wave2, name: 'Periode 2', invited: 6, responses: 5, basedOn: 5 });
    expect(w2.suppressed).toBe(false);
    expect(question(w2, 'overall')).toMatchObject({ mean: 3.8 });
    expect(question(w2, 'recommend')).toMatchObject({ mean: 7.4, nps: 20 });
    expect(question(w2, 'best').texts).toEqual(['Fra C']);
    // Cycle = what the waves pool: A + C + D. overall 40 / 10; recommend 80 / 10, NPS (5 − 2) / 10
    expect(body.cycle).toMatchObject({ invited: 15, responses: 12, responseRate: 0.8, basedOn: 10 });
    expect(question(body.cycle, 'overall')).toMatchObject({
      mean: 4,
      distribution: { 1: 0, 2: 1, 3: 2, 4: 3, 5: 4 },
    });
    expect(question(body.cycle, 'recommend')).toMatchObject({ mean: 8, nps: 30 });
    expect(JSON.stringify(body)).not.toContain('Kun for B');
  });

  it('gives KL the same figures in the cycle statistics, small seminars counted only', async () => {
    const kl = await t.tokenFor('kl');
    const { body } = await get(`/api/cycles/${cycleId}/statistics/summary`, kl).expect(200);
    expect(body.evaluation.overall).toMatchObject({
      invited: 15,
      responses: 12,
      basedOn: 10,
      suppressed: false,
    });
    expect(question(body.evaluation.overall, 'overall')).toMatchObject({ mean: 4 });
    const shown = (key: keyof typeof ids) =>
      body.evaluation.seminars.find((s: { seminarId: number }) => s.seminarId === ids[key]);
    expect(shown('a')).toMatchObject({ title: 'Kattegat A', result: { responses: 5, suppressed: false } });
    expect(question(shown('a').result, 'recommend')).toMatchObject({ nps: 40 });
    expect(shown('b').result).toMatchObject({ responses: 2, suppressed: true });
    expect(question(shown('b').result, 'overall')).not.toHaveProperty('mean');
  });

  it('narrows to one wave or one seminar, and answers 404 for an unknown one', async () => {
    const wave = await get(url(`?waveId=${wave2}`)).expect(200);
    expect(wave.body.cycle).toBeNull();
    expect(wave.body.waves.map((w: { waveId: number }) => w.waveId)).toEqual([wave2]);
    expect(wave.body.waves[0]).toMatchObject({ responses: 5, basedOn: 5 });
    expect(wave.body.seminars.map((s: { seminarId: number }) => s.seminarId)).toEqual([ids.c, ids.d]);
    const one = await get(url(`?seminarId=${ids.b}`)).expect(200);
    expect(one.body).toMatchObject({
      cycle: null,
      waves: [],
      seminars: [{ seminarId: ids.b, suppressed: true }],
    });
    await get(url('?seminarId=999999')).expect(404);
    await get(url('?waveId=999999')).expect(404);
    const bad = await get(url('?seminarId=abc')).expect(400);
    expect(bad.body.details[0].field).toBe('seminarId');
    await get('/api/cycles/999999/evaluations/results').expect(404);
  });

  it('lets planners, admins and KL read results, and nobody else', async () => {
    await get(url(), kl).expect(200);
    await get(url('.csv'), kl).expect(200);
    const admin = await t.tokenFor('admin');
    await get(url(), admin).expect(200);
    await t.http().get(url()).expect(401);
    await t
      .http()
      .post('/api/staff')
      .auth(admin, { type: 'bearer' })
      .send({
        email: 'kontakt-eval@kommune.test',
        name: 'Sekretariatet',
        password: 'kommunens-lange-kodeord',
        role: 'municipality',
        municipalityCode: 461,
      })
      .expect(201);
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'kontakt-eval@kommune.test', password: 'kommunens-lange-kodeord' })
      .expect(200);
    await get(url(), login.body.accessToken).expect(403);
    await get(`/api/cycles/${cycleId}/evaluations/questionnaire`, kl).expect(403);
  });

  it('exports the same figures as CSV for Danish Excel, formula-safe', async () => {
    const res = await get(url('.csv')).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="evaluering-.+\.csv"$/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const lines = res.text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Niveau;Navn;Inviterede;Svar;Svarprocent;Tallene bygger på;Spørgsmål;Besvaret;Gennemsnit;NPS;Fordeling;Fritekst;Bemærkning',
    );
    const overall = 'Hvor tilfreds er du samlet set med forløbet?';
    const recommend = 'Hvor sandsynligt er det, at du vil anbefale forløbet til en kollega? (0–10)';
    expect(lines).toContain(
      `Seminar;Kattegat A;6;5;83,3;5;${overall};5;4,2;;1: 0 | 2: 0 | 3: 1 | 4: 2 | 5: 2;;`,
    );
    expect(lines).toContain(
      `Bølge;Periode 2;6;5;83,3;5;${recommend};5;7,4;20;` +
        '0: 0 | 1: 0 | 2: 0 | 3: 1 | 4: 0 | 5: 0 | 6: 0 | 7: 1 | 8: 1 | 9: 1 | 10: 1;;',
    );
    expect(lines).toContain(
      `Bølge;Periode 1;9;7;77,8;5;${overall};5;4,2;;1: 0 | 2: 0 | 3: 1 | 4: 2 | 5: 2;;Seminarer med under 5 svar er udeladt af tallene`,
    );
    expect(lines).toContain(`Seminar;Kattegat B;3;2;66,7;2;${overall};2;;;;;Under 5 svar: kun antal vises`);
    expect(lines).toContain(
      `Seminar;Kattegat A;6;5;83,3;5;Hvad var det bedste ved forløbet?;;;;;"'=HYPERLINK(""http://x"")";`,
    );
    expect(res.text).not.toContain('Kun for B');
  });
});
