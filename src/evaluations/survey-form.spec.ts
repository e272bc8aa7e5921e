import { DEFAULT_QUESTIONS, Question } from './questionnaire';
import { surveyForm } from './survey-form';

describe(surveyForm.name, () => {
  it('shows a scale as radio buttons with the meaning of both ends', () => {
    const [overall] = surveyForm(DEFAULT_QUESTIONS).questions;
    expect(overall).toMatchObject({ grouped: true, inputType: 'radio', error: null });
    expect(overall.choices.map((c) => c.label)).toEqual([
      '1 – Meget utilfreds',
      '2',
      '3',
      '4',
      '5 – Meget tilfreds',
    ]);
    expect(overall.choices[0]).toEqual({
      id: 'svar-overall-1',
      value: '1',
      label: '1 – Meget utilfreds',
      checked: false,
    });
  });

  it('keeps what was given and words each problem as a sentence', () => {
    const questions: Question[] = [
      DEFAULT_QUESTIONS[4],
      { id: 'food', type: 'multiple', text: 'Mad', required: true, options: ['Fisk', 'Kød', 'Grønt'] },
      DEFAULT_QUESTIONS[6],
    ];
    const { questions: views, errors } = surveyForm(
      questions,
      { recommend: '7', food: ['Fisk', 'Grønt'], improve: 'Mere tid' },
      [{ field: 'food', reason: 'er ikke blandt valgmulighederne' }],
    );
    expect(views[0].choices).toHaveLength(11);
    expect(views[0].choices.filter((c) => c.checked).map((c) => c.value)).toEqual(['7']);
    expect(views[1]).toMatchObject({ inputType: 'checkbox', error: 'Er ikke blandt valgmulighederne.' });
    expect(views[1].choices.filter((c) => c.checked).map((c) => c.value)).toEqual(['Fisk', 'Grønt']);
    expect(views[2]).toMatchObject({ grouped: false, value: 'Mere tid', error: null });
    expect(errors).toEqual([{ id: 'food', text: 'Mad', message: 'Er ikke blandt valgmulighederne.' }]);
  });
});
