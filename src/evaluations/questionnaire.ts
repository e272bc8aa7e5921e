/** The kinds of question a Kattegat questionnaire can hold. */
export type Question =
  | {
      id: string;
      type: 'scale';
      text: string;
      required: boolean;
      min: 1;
      max: 5;
      labels: { min: string; max: string };
    }
  | { id: string; type: 'nps'; text: string; required: boolean }
  | { id: string; type: 'single' | 'multiple'; text: string; required: boolean; options: string[] }
  | { id: string; type: 'text'; text: string; required: boolean };

export type Answer = number | string | string[];
export type Answers = Record<string, Answer>;

const AGREE = { min: 'Meget utilfreds', max: 'Meget tilfreds' };

/** The default questionnaire, in Danish, that every new cycle starts with. */
export const DEFAULT_QUESTIONS: Question[] = [
  {
    id: 'overall',
    type: 'scale',
    text: 'Hvor tilfreds er du samlet set med forløbet?',
    required: true,
    min: 1,
    max: 5,
    labels: AGREE,
  },
  {
    id: 'relevance',
    type: 'scale',
    text: 'Hvor relevant var forløbet for dit arbejde som politiker?',
    required: true,
    min: 1,
    max: 5,
    labels: { min: 'Slet ikke relevant', max: 'Meget relevant' },
  },
  {
    id: 'speakers',
    type: 'scale',
    text: 'Hvordan vurderer du oplægsholderne?',
    required: true,
    min: 1,
    max: 5,
    labels: { min: 'Meget dårligt', max: 'Meget godt' },
  },
  {
    id: 'network',
    type: 'scale',
    text: 'Hvor stor værdi havde det at møde politikere fra andre kommuner?',
    required: true,
    min: 1,
    max: 5,
    labels: { min: 'Ingen værdi', max: 'Meget stor værdi' },
  },
  {
    id: 'recommend',
    type: 'nps',
    text: 'Hvor sandsynligt er det, at du vil anbefale forløbet til en kollega? (0–10)',
    required: true,
  },
  { id: 'best', type: 'text', text: 'Hvad var det bedste ved forløbet?', required: false },
  { id: 'improve', type: 'text', text: 'Hvad skulle vi gøre anderledes?', required: false },
];

export interface AnswerProblem {
  field: string;
  reason: string;
}

/**
 * Checks a submitted set of answers against the questions and returns them cleaned
 * (numbers as numbers, empty optional answers left out), or the problems found.
 */
export function validateAnswers(
  questions: Question[],
  raw: Record<string, unknown>,
): { answers: Answers; problems: AnswerProblem[] } {
  const answers: Answers = {};
  const problems: AnswerProblem[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) problems.push({ field: key, reason: 'er ikke et spørgsmål i skemaet' });
  }
  for (const q of questions) {
    const value = raw[q.id];
    const empty =
      value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (q.required) problems.push({ field: q.id, reason: 'skal besvares' });
      continue;
    }
    const problem = checkValue(q, value);
    if (problem) problems.push({ field: q.id, reason: problem });
    else answers[q.id] = normalise(q, value);
  }
  return { answers, problems };
}

function checkValue(q: Question, value: unknown): string | undefined {
  switch (q.type) {
    case 'scale':
    case 'nps': {
      const [min, max] = q.type === 'scale' ? [q.min, q.max] : [0, 10];
      const n = Number(value);
      return Number.isInteger(n) && n >= min && n <= max
        ? undefined
        : `skal være et helt tal fra ${min} til ${max}`;
    }
    case 'single':
      return typeof value === 'string' && q.options.includes(value)
        ? undefined
        : 'er ikke en af valgmulighederne';
    case 'multiple': {
      const values = Array.isArray(value) ? value : [value];
      return values.every((v) => typeof v === 'string' && q.options.includes(v))
        ? undefined
        : 'er ikke blandt valgmulighederne';
    }
    case 'text':
      return typeof value === 'string' && value.length <= 4000 ? undefined : 'må højst være 4000 tegn';
  }
}

function normalise(q: Question, value: unknown): Answer {
  if (q.type === 'scale' || q.type === 'nps') return Number(value);
  if (q.type === 'multiple')
    return [...new Set(Array.isArray(value) ? (value as string[]) : [value as string])];
  return typeof value === 'string' ? value.trim() : String(value);
}
