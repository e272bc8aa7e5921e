import { Question } from '../../evaluations/questionnaire';

export const QUESTION_TYPES: Record<Question['type'], string> = {
  scale: 'Skala fra 1 til 5',
  nps: 'Anbefaling fra 0 til 10 (NPS)',
  single: 'Ét valg blandt flere',
  multiple: 'Flere valg blandt flere',
  text: 'Fritekst',
};

/** A question as the page's form gives it, before it is checked. */
export interface QuestionInput {
  text: string;
  type: Question['type'];
  required: boolean;
  /** For a scale: what 1 and 5 mean. */
  lowest?: string;
  highest?: string;
  /** For single and multiple choice: one option a line. */
  options?: string;
}

export type QuestionProblem = { field: 'lavest' | 'hoejest' | 'valgmuligheder'; code: 'labels' | 'options' };

const DANISH: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa' };

/**
 * A new question's id from its text (`Hvad var bedst?` → `hvad_var_bedst`), not one the
 * questionnaire has, not one an earlier version used, so old answers never join a new question.
 */
export function newQuestionId(text: string, taken: ReadonlySet<string>): string {
  const slug =
    text
      .toLowerCase()
      .replace(/[æøå]/g, (c) => DANISH[c])
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 30)
      .replace(/_+$/, '') || 'spoergsmaal';
  const base = /^[a-z]/.test(slug) ? slug : `q_${slug}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

/** The question the form describes, under `id`, or what is missing for its type. */
export function questionFrom(id: string, input: QuestionInput): Question | QuestionProblem {
  const base = { id, text: input.text.trim(), required: input.required };
  switch (input.type) {
    case 'scale': {
      const [min, max] = [input.lowest?.trim() ?? '', input.highest?.trim() ?? ''];
      if (!min) return { field: 'lavest', code: 'labels' };
      if (!max) return { field: 'hoejest', code: 'labels' };
      return { ...base, type: 'scale', min: 1, max: 5, labels: { min, max } };
    }
    case 'single':
    case 'multiple': {
      const options = (input.options ?? '')
        .split(/\r?\n/)
        .map((o) => o.trim())
        .filter((o) => o.length > 0);
      if (options.length < 2 || options.length > 20 || new Set(options).size !== options.length)
        return { field: 'valgmuligheder', code: 'options' };
      return { ...base, type: input.type, options };
    }
    default:
      return { ...base, type: input.type };
  }
}

/** The questions with one moved a place up (-1) or down (+1); unchanged at either end. */
export function moved(questions: Question[], id: string, step: -1 | 1): Question[] {
  const from = questions.findIndex((q) => q.id === id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= questions.length) return questions;
  const out = [...questions];
  [out[from], out[to]] = [out[to], out[from]];
  return out;
}

/** The form's fields for a stored question, to edit it. */
export function inputOf(q: Question): Record<string, string> {
  return {
    tekst: q.text,
    type: q.type,
    paakraevet: q.required ? 'ja' : '',
    lavest: q.type === 'scale' ? q.labels.min : '',
    hoejest: q.type === 'scale' ? q.labels.max : '',
    valgmuligheder: q.type === 'single' || q.type === 'multiple' ? q.options.join('\n') : '',
  };
}
