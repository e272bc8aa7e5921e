import { EvaluationQuestionnaire } from '../src/evaluations/evaluation-questionnaire.entity';
import {
  answerSurvey,
  defaultAnswers,
  recordAttendance,
  RecordingEvaluationDelivery,
  seminarWithParticipants,
  startEvaluatingApp,
} from './factories/evaluations.factory';
import { postForm, signedIn, textOf } from './helpers/console';
import { csvCells, tableCells } from './helpers/tables';
import { TestApp } from './helpers/test-app';

jest.setTimeout(90_000);

/**
 * Wave 1 of one cycle: A with 6 asked and 5 answers (shown), B with 3 asked and 2 answers (too few
 * to show, and too few to pool into the wave's figures).
 */
describe('Evaluations in the console', () => {
  let t: TestApp;
  let planner: Awaited<ReturnType<typeof signedIn>>;
  let delivery: RecordingEvaluationDelivery;
  let cycleId: number;
  const seminars: Record<'a' | 'b', number> = { a: 0, b: 0 };
  let base: string;

  const answers = {
    a: [
      defaultAnswers(5, 10, 'Netværket'),
      defaultAnswers(4, 9),
      defaultAnswers(4, 8),
      defaultAnswers(3, 6, '=HYPERLINK("http://x")'),
      defaultAnswers(5, 10),
    ],
    b: [defaultAnswers(1, 0, 'Kun for B'), defaultAnswers(2, 9)],
  };

  beforeAll(async () => {
    let apiPlanner: string;
    ({ t, delivery, planner: apiPlanner } = await startEvaluatingApp());
    let waveId: number | undefined;
    for (const [key, asked] of [
      ['a', 6],
      ['b', 3],
    ] as const) {
      const made = await seminarWithParticipants(t, apiPlanner, asked, {
        title: `Kattegat ${key.toUpperCase()}`,
        ...(waveId ? { cycleId, waveId } : {}),
      });
      ({ cycleId, waveId } = made);
      seminars[key] = made.seminar.id;
      await recordAttendance(
        t,
        apiPlanner,
        made.seminar.id,
        made.seats.map((registrationId) => ({ registrationId, attended: true })),
      );
      for (const [i, fields] of answers[key].entries())
        expect(
          (await answerSurvey(t, delivery.tokenOf(made.members[i].id, made.seminar.id), fields)).status,
        ).toBe(303);
    }
    planner = await signedIn(t, 'planner');
    base = `/valgperioder/${cycleId}/evaluering`;
  });
  afterAll(() => t.close());

  it('shows the response rate of the cycle, the wave and each seminar, and its CSV holds the same cells', async () => {
    await planner.get('/evaluering').expect(303);
    const page = await planner.get(base).expect(200);
    const table = tableCells(page.text, 'table-responses');
    expect(table[0]).toEqual(['Niveau', 'Navn', 'Inviterede', 'Svar', 'Svarprocent', 'Bemærkning']);
    const rows = table.slice(1).map((r) => [r[0], ...r.slice(2)]);
    expect(rows).toEqual([
      ['Forløb', '9', '7', '77,8 %', 'Seminarer med under 5 svar er udeladt af tallene'],
      ['Bølge', '9', '7', '77,8 %', 'Seminarer med under 5 svar er udeladt af tallene'],
      ['Seminar', '6', '5', '83,3 %', ''],
      ['Seminar', '3', '2', '66,7 %', 'Under 5 svar: kun antal vises'],
    ]);
    const csv = await planner.get(`${base}/svarprocent.csv`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csvCells(csv.text)).toEqual(table);
  });

  it("shows a seminar's distributions, means, NPS on its own scale and free text, with its table as CSV", async () => {
    const page = await planner.get(`${base}?seminar=${seminars.a}`).expect(200);
    const table = tableCells(page.text, 'table-questions');
    const row = (text: string) => table.find((r) => r[0].startsWith(text))!;
    // overall 5,4,4,3,5 → 4.2; recommend 10,9,8,6,10 → mean 8.6, NPS (3 − 1) / 5 = 40
    expect(row('Hvor tilfreds')).toEqual([
      'Hvor tilfreds er du samlet set med forløbet?',
      '5',
      '4,20',
      '',
      '1: 0 | 2: 0 | 3: 1 | 4: 2 | 5: 2',
    ]);
    expect(row('Hvor sandsynligt').slice(1, 4)).toEqual(['5', '8,60', '40,0']);
    const text = textOf(page.text);
    expect(text).toContain('Resultater – Seminar: Kattegat A');
    expect(text).toContain('NPS 40,0');
    expect(text).toContain('Netværket');
    expect(text).toContain('HYPERLINK("http://x")');
    expect(page.text).toContain('role="img"');
    expect(page.text).toContain('NPS 40,0 på en skala fra −100 til 100');
    expect(page.text).not.toMatch(/style=/);

    const csv = await planner.get(`${base}/resultater.csv?seminar=${seminars.a}`).expect(200);
    expect(csvCells(csv.text)).toEqual(table);
    expect(csv.headers['content-disposition']).toContain('Kattegat%20A');
  });

  it('gives a seminar with fewer than five answers counts only, as the API does', async () => {
    const page = await planner.get(`${base}?seminar=${seminars.b}`).expect(200);
    const table = tableCells(page.text, 'table-questions');
    for (const r of table.slice(1)) expect(r.slice(2)).toEqual(['', '', '']);
    const text = textOf(page.text);
    expect(text).toContain('Under 5 svar: kun antal vises');
    expect(text).not.toContain('Kun for B');
    expect(page.text).not.toContain('role="img"');
    const api = await t
      .http()
      .get(`/api/cycles/${cycleId}/evaluations/results?seminarId=${seminars.b}`)
      .auth(await t.tokenFor('planner'), { type: 'bearer' })
      .expect(200);
    expect(api.body.seminars[0].suppressed).toBe(true);
    expect(table.slice(1).map((r) => r[1])).toEqual(
      api.body.seminars[0].questions.map((q: { answered: number }) => String(q.answered)),
    );
    await planner.get(`${base}?seminar=999999`).expect(404);
  });

  it('keeps a version with answers as it is: a change becomes the next version, and the page says so', async () => {
    const path = `${base}/spoergeskema`;
    const before = textOf((await planner.get(path).expect(200)).text);
    expect(before).toContain('Version 1 har 7 svar. Ændrer du noget, gemmes det som version 2');

    const refused = await postForm(
      planner,
      `${path}/nyt`,
      `${path}/nyt`,
      { tekst: 'Maden', type: 'scale', lavest: '', hoejest: 'God' },
      400,
    );
    expect(textOf(refused.text)).toContain('Skriv, hvad det laveste og det højeste svar betyder.');
    expect(refused.text).toContain('value="Maden"');

    const added = await postForm(
      planner,
      `${path}/nyt`,
      `${path}/nyt`,
      {
        tekst: 'Hvordan var maden?',
        type: 'scale',
        paakraevet: 'ja',
        lavest: 'Meget dårlig',
        hoejest: 'Meget god',
      },
      303,
    );
    expect(added.headers.location).toBe(`${path}?gemt=ny`);
    const after = textOf((await planner.get(added.headers.location).expect(200)).text);
    expect(after).toContain('Ændringen er gemt som version 2. Version 1 havde svar og er ikke ændret');
    expect(after).toContain('Ingen har svaret på version 2 endnu, så ændringer gemmes i den.');

    const versions = () =>
      t.dataSource
        .getRepository(EvaluationQuestionnaire)
        .find({ where: { cycleId }, order: { version: 'ASC' } });
    const [v1, v2] = await versions();
    expect(v1.questions.map((q) => q.id)).not.toContain('hvordan_var_maden');
    expect(v2.questions.at(-1)).toMatchObject({
      id: 'hvordan_var_maden',
      type: 'scale',
      labels: { min: 'Meget dårlig', max: 'Meget god' },
    });

    // Version 2 has no answers: moving and changing a question now changes it in place.
    const moved = await postForm(
      planner,
      path,
      `${path}/spoergsmaal/hvordan_var_maden/flyt`,
      { retning: 'op' },
      303,
    );
    expect(moved.headers.location).toBe(`${path}?gemt=samme`);
    await postForm(
      planner,
      `${path}/spoergsmaal/best`,
      `${path}/spoergsmaal/best`,
      { tekst: 'Hvad var det allerbedste?', type: 'text' },
      303,
    );
    await postForm(planner, path, `${path}/spoergsmaal/improve/fjern`, {}, 303);
    const all = await versions();
    expect(all).toHaveLength(2);
    expect(all[1].questions.map((q) => q.id)).toEqual([
      'overall',
      'relevance',
      'speakers',
      'network',
      'recommend',
      'best',
      'hvordan_var_maden',
    ]);
    expect(all[1].questions.find((q) => q.id === 'best')).toMatchObject({
      text: 'Hvad var det allerbedste?',
      required: false,
    });
    expect(all[0].questions).toEqual(v1.questions);
    expect(textOf((await planner.get(path).expect(200)).text)).toContain(
      '6. Hvad var det allerbedste? Fritekst · Frivilligt',
    );

    // The results still count version 1's answers for the questions asked the same way.
    const results = tableCells(
      (await planner.get(`${base}?seminar=${seminars.a}`).expect(200)).text,
      'table-questions',
    );
    expect(results.find((r) => r[0].startsWith('Hvor tilfreds'))![2]).toBe('4,20');
    expect(results.find((r) => r[0] === 'Hvordan var maden?')!.slice(1, 3)).toEqual(['0', '']);
  });

  it('is for planners and admins only', async () => {
    const kl = await signedIn(t, 'kl');
    await kl.get(base).expect(403);
    await kl.get(`${base}/spoergeskema`).expect(403);
    await kl.get(`${base}/svarprocent.csv`).expect(403);
  });
});
