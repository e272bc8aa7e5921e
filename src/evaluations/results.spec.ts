import { Answers, DEFAULT_QUESTIONS, Question } from './questionnaire';
import { comparableAnswers, netPromoterScore, poolForWave, summarise } from './results';

describe(summarise.name, () => {
  const questions: Question[] = [
    DEFAULT_QUESTIONS[0],
    DEFAULT_QUESTIONS[4],
    {
      id: 'topics',
      type: 'multiple',
      text: 'Emner',
      required: false,
      options: ['Økonomi', 'Jura', 'Rollen'],
    },
    DEFAULT_QUESTIONS[5],
  ];

  it('computes means, distributions, NPS and free text for a group of five or more', () => {
    const responses: Answers[] = [
      { overall: 5, recommend: 10, topics: ['Økonomi'], best: 'Netværket' },
      { overall: 4, recommend: 9, topics: ['Økonomi', 'Jura'] },
      { overall: 4, recommend: 8 },
      { overall: 3, recommend: 6, best: 'Maden' },
      { overall: 5, recommend: 10, topics: ['Rollen'] },
    ];
    const result = summarise(questions, responses, 8);
    expect(result).toMatchObject({ invited: 8, responses: 5, responseRate: 0.625, suppressed: false });
    // overall: (5+4+4+3+5)/5 = 4.2; NPS: 3 promoters, 1 detractor of 5 → 40
    expect(result.questions[0]).toMatchObject({
      answered: 5,
      mean: 4.2,
      distribution: { 1: 0, 2: 0, 3: 1, 4: 2, 5: 2 },
    });
    expect(result.questions[1]).toMatchObject({ answered: 5, mean: 8.6, nps: 40 });
    expect(result.questions[2]).toMatchObject({
      answered: 3,
      distribution: { Økonomi: 2, Jura: 1, Rollen: 1 },
    });
    expect(result.questions[3]).toMatchObject({ answered: 2, texts: ['Netværket', 'Maden'] });
  });

  it('shows counts only for a group of fewer than five answers', () => {
    const responses: Answers[] = [
      { overall: 1, recommend: 0, best: 'Intet' },
      { overall: 2, recommend: 3 },
      { overall: 5, recommend: 10 },
      { overall: 4, recommend: 7 },
    ];
    const result = summarise(questions, responses, 4);
    expect(result.suppressed).toBe(true);
    expect(result.questions[0]).toEqual({
      id: 'overall',
      type: 'scale',
      text: questions[0].text,
      answered: 4,
    });
    expect(result.questions[3]).toEqual({ id: 'best', type: 'text', text: questions[3].text, answered: 1 });
  });

  it('has no response rate when nobody was invited', () => {
    expect(summarise(questions, [], 0)).toMatchObject({ responses: 0, responseRate: null, suppressed: true });
  });
});

describe(netPromoterScore.name, () => {
  it('is promoters minus detractors in points', () => {
    expect(netPromoterScore([10, 10, 7, 8])).toBe(50);
    expect(netPromoterScore([0, 6, 9])).toBe(-33.3);
    expect(netPromoterScore([])).toBeUndefined();
  });
});

describe(poolForWave.name, () => {
  const answers = (n: number, overall: number): Answers[] => Array.from({ length: n }, () => ({ overall }));

  it('leaves out small seminars when together they are still fewer than five', () => {
    expect(poolForWave([answers(5, 5), answers(2, 1), answers(2, 2)])).toEqual(answers(5, 5));
  });

  it('pools small seminars that together reach five', () => {
    const pooled = poolForWave([answers(6, 5), answers(3, 1), answers(2, 2)]);
    expect(pooled).toHaveLength(11);
    expect(poolForWave([answers(4, 1), answers(1, 2)])).toHaveLength(5);
  });
});

describe(comparableAnswers.name, () => {
  it('keeps answers to questions the current version asks the same way', () => {
    const then: Question[] = [
      DEFAULT_QUESTIONS[0],
      { id: 'recommend', type: 'text', text: 'Anbefaling', required: false },
      DEFAULT_QUESTIONS[5],
    ];
    expect(
      comparableAnswers(DEFAULT_QUESTIONS, then, { overall: 4, recommend: 'Ja', best: 'Maden', gone: 1 }),
    ).toEqual({ overall: 4, best: 'Maden' });
  });
});
