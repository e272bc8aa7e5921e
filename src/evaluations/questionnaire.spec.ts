import { DEFAULT_QUESTIONS, parseQuestions, validateAnswers } from './questionnaire';

describe(validateAnswers.name, () => {
  const complete = {
    overall: '5',
    relevance: 4,
    speakers: 3,
    network: 5,
    recommend: '9',
    best: '  Netværket ',
    improve: '',
  };

  it('accepts a complete form and normalises numbers and text', () => {
    const { answers, problems } = validateAnswers(DEFAULT_QUESTIONS, complete);
    expect(problems).toEqual([]);
    expect(answers).toEqual({
      overall: 5,
      relevance: 4,
      speakers: 3,
      network: 5,
      recommend: 9,
      best: 'Netværket',
    });
  });

  it('names each missing, out-of-range or unknown answer in Danish', () => {
    const { problems } = validateAnswers(DEFAULT_QUESTIONS, {
      ...complete,
      overall: '',
      speakers: 6,
      recommend: 'x',
      cpr: '010101-1234',
    });
    expect(problems).toEqual([
      { field: 'cpr', reason: 'er ikke et spørgsmål i skemaet' },
      { field: 'overall', reason: 'skal besvares' },
      { field: 'speakers', reason: 'skal være et helt tal fra 1 til 5' },
      { field: 'recommend', reason: 'skal være et helt tal fra 0 til 10' },
    ]);
  });

  it('checks choices against the options', () => {
    const questions = [
      { id: 'day', type: 'single' as const, text: 'Dag', required: true, options: ['Torsdag', 'Fredag'] },
      { id: 'food', type: 'multiple' as const, text: 'Mad', required: false, options: ['Fisk', 'Kød'] },
    ];
    expect(validateAnswers(questions, { day: 'Fredag', food: ['Fisk', 'Fisk'] })).toEqual({
      answers: { day: 'Fredag', food: ['Fisk'] },
      problems: [],
    });
    expect(validateAnswers(questions, { day: 'Lørdag', food: 'Tofu' }).problems).toEqual([
      { field: 'day', reason: 'er ikke en af valgmulighederne' },
      { field: 'food', reason: 'er ikke blandt valgmulighederne' },
    ]);
  });
});

describe(parseQuestions.name, () => {
  it('accepts the default questionnaire as it is', () => {
    expect(parseQuestions(DEFAULT_QUESTIONS)).toEqual({ questions: DEFAULT_QUESTIONS, problems: [] });
  });

  it('fills in the scale range and trims texts', () => {
    const { questions, problems } = parseQuestions([
      { id: 'food', type: 'scale', text: ' Maden ', required: false, labels: { min: 'Dårlig', max: 'God ' } },
      { id: 'days', type: 'single', text: 'Dage', required: true, options: [' To', 'Tre'] },
    ]);
    expect(problems).toEqual([]);
    expect(questions).toEqual([
      {
        id: 'food',
        type: 'scale',
        text: 'Maden',
        required: false,
        min: 1,
        max: 5,
        labels: { min: 'Dårlig', max: 'God' },
      },
      { id: 'days', type: 'single', text: 'Dage', required: true, options: ['To', 'Tre'] },
    ]);
  });

  it('refuses fields of another type, a scale of another range, repeated options and odd ids', () => {
    const { problems } = parseQuestions([
      { id: 'Ø', type: 'text', text: 'Fritekst', required: false, options: ['a', 'b'] },
      {
        id: 'scale',
        type: 'scale',
        text: 'Skala',
        required: true,
        min: 0,
        max: 10,
        labels: { min: 'a', max: 'b' },
      },
      { id: 'pick', type: 'multiple', text: 'Vælg', required: true, options: ['a', 'a '] },
      'spørgsmål',
      { id: 'constructor', type: 'text', text: 'Fritekst', required: false },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      'questions[0].options',
      'questions[0].id',
      'questions[1].min',
      'questions[1].max',
      'questions[2].options',
      'questions[3]',
      'questions[4].id',
    ]);
  });
});
