import { DEFAULT_QUESTIONS, parseQuestions, Question } from '../../evaluations/questionnaire';
import { inputOf, moved, newQuestionId, questionFrom } from './questionnaire-edit';

describe(newQuestionId.name, () => {
  it('makes a lower-case id of the text, æøå spelled out', () => {
    expect(newQuestionId('Hvad fik du ud af øvelsen på 2. dagen?', new Set())).toBe(
      'hvad_fik_du_ud_af_oevelsen_paa',
    );
    expect(newQuestionId('2 ting du tager med', new Set())).toBe('q_2_ting_du_tager_med');
    expect(newQuestionId('???', new Set())).toBe('spoergsmaal');
  });

  it('never reuses a taken id, so answers to an old question never count for a new one', () => {
    expect(newQuestionId('Mad', new Set(['mad', 'mad_2']))).toBe('mad_3');
  });

  it('gives ids the questionnaire rule accepts', () => {
    const id = newQuestionId('Æøå '.repeat(20), new Set());
    const { problems } = parseQuestions([{ id, type: 'text', text: 'x', required: false }]);
    expect(problems).toEqual([]);
  });
});

describe(questionFrom.name, () => {
  it('builds a scale with its two ends and refuses one without them', () => {
    expect(
      questionFrom('mad', {
        text: ' Maden ',
        type: 'scale',
        required: true,
        lowest: 'Dårlig',
        highest: 'God',
      }),
    ).toEqual({
      id: 'mad',
      type: 'scale',
      text: 'Maden',
      required: true,
      min: 1,
      max: 5,
      labels: { min: 'Dårlig', max: 'God' },
    });
    expect(
      questionFrom('mad', { text: 'Maden', type: 'scale', required: true, lowest: 'Dårlig', highest: ' ' }),
    ).toEqual({
      field: 'hoejest',
      code: 'labels',
    });
  });

  it('takes one option a line for choices, and wants 2 to 20 different ones', () => {
    expect(
      questionFrom('dag', {
        text: 'Dag',
        type: 'single',
        required: false,
        options: 'Torsdag\r\n\r\n Fredag ',
      }),
    ).toMatchObject({
      options: ['Torsdag', 'Fredag'],
    });
    expect(
      questionFrom('dag', { text: 'Dag', type: 'multiple', required: false, options: 'Torsdag\nTorsdag' }),
    ).toEqual({
      field: 'valgmuligheder',
      code: 'options',
    });
  });

  it('round-trips every default question through the edit form', () => {
    for (const q of DEFAULT_QUESTIONS) {
      const f = inputOf(q);
      const again = questionFrom(q.id, {
        text: f.tekst,
        type: f.type as Question['type'],
        required: f.paakraevet === 'ja',
        lowest: f.lavest,
        highest: f.hoejest,
        options: f.valgmuligheder,
      });
      expect(again).toEqual(q);
    }
  });
});

describe(moved.name, () => {
  const ids = (qs: Question[]) => qs.map((q) => q.id);
  it('swaps a question with its neighbour and leaves the ends alone', () => {
    expect(ids(moved(DEFAULT_QUESTIONS, 'relevance', -1)).slice(0, 3)).toEqual([
      'relevance',
      'overall',
      'speakers',
    ]);
    expect(ids(moved(DEFAULT_QUESTIONS, 'overall', -1))).toEqual(ids(DEFAULT_QUESTIONS));
    expect(ids(moved(DEFAULT_QUESTIONS, 'improve', 1))).toEqual(ids(DEFAULT_QUESTIONS));
    expect(ids(moved(DEFAULT_QUESTIONS, 'nope', 1))).toEqual(ids(DEFAULT_QUESTIONS));
  });
});
