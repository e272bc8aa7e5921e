import { AnswerProblem, Question } from './questionnaire';

const NPS_LABELS = { min: 'Slet ikke sandsynligt', max: 'Meget sandsynligt' };

interface Choice {
  id: string;
  value: string;
  label: string;
  checked: boolean;
}

export interface QuestionView {
  id: string;
  text: string;
  required: boolean;
  /** Radio buttons or checkboxes in a fieldset; otherwise a textarea. */
  grouped: boolean;
  inputType: 'radio' | 'checkbox' | null;
  /** For scales: the meaning of the two ends, shown above the buttons. */
  ends: { min: string; max: string } | null;
  choices: Choice[];
  value: string;
  error: string | null;
}

const sentence = (reason: string) => `${reason[0].toUpperCase()}${reason.slice(1)}.`;

const asList = (raw: unknown): string[] =>
  (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map(String);

/**
 * What the survey page shows for each question, with the member's earlier input kept and the
 * problem with it, if any, worded in Danish.
 */
export function surveyForm(
  questions: Question[],
  raw: Record<string, unknown> = {},
  problems: AnswerProblem[] = [],
): { questions: QuestionView[]; errors: Array<{ id: string; text: string; message: string }> } {
  const problemOf = new Map(problems.map((p) => [p.field, p.reason]));
  const views = questions.map((q): QuestionView => {
    const given = asList(raw[q.id]);
    const reason = problemOf.get(q.id);
    const choice = (value: string, label: string, i: number): Choice => ({
      id: `svar-${q.id}-${i}`,
      value,
      label,
      checked: given.includes(value),
    });
    const base = {
      id: q.id,
      text: q.text,
      required: q.required,
      value: '',
      error: reason ? sentence(reason) : null,
    };
    switch (q.type) {
      case 'scale':
      case 'nps': {
        const [min, max] = q.type === 'scale' ? [q.min, q.max] : [0, 10];
        const ends = q.type === 'scale' ? q.labels : NPS_LABELS;
        const choices = [];
        for (let v = min; v <= max; v++) {
          const label = v === min ? `${v} – ${ends.min}` : v === max ? `${v} – ${ends.max}` : String(v);
          choices.push(choice(String(v), label, v));
        }
        return { ...base, grouped: true, inputType: 'radio', ends, choices };
      }
      case 'single':
      case 'multiple':
        return {
          ...base,
          grouped: true,
          inputType: q.type === 'single' ? 'radio' : 'checkbox',
          ends: null,
          choices: q.options.map((o, i) => choice(o, o, i)),
        };
      case 'text':
        return { ...base, grouped: false, inputType: null, ends: null, choices: [], value: given[0] ?? '' };
    }
  });
  const errors = problems.map((p) => {
    const q = questions.find((x) => x.id === p.field);
    return { id: q ? q.id : '', text: q ? q.text : 'Formularen', message: sentence(p.reason) };
  });
  return { questions: views, errors };
}
