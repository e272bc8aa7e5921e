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

/** When the reminder goes and when the survey closes, in days after the request. */
export interface SurveySettings {
  reminderAfterDays: number;
  closesAfterDays: number;
}

export const DEFAULT_SETTINGS: SurveySettings = { reminderAfterDays: 7, closesAfterDays: 21 };
export const MAX_SURVEY_DAYS = 90;

const QUESTION_ID = /^[a-z][a-z0-9_]{0,39}$/;
// Form fields of the survey page that a question may not shadow (nor may it be `constructor`,
// which every parsed form object inherits).
const RESERVED_IDS = new Set(['nonce', 'mac']);
const KEYS: Record<Question['type'], string[]> = {
  scale: ['id', 'type', 'text', 'required', 'min', 'max', 'labels'],
  nps: ['id', 'type', 'text', 'required'],
  single: ['id', 'type', 'text', 'required', 'options'],
  multiple: ['id', 'type', 'text', 'required', 'options'],
  text: ['id', 'type', 'text', 'required'],
};

const shortText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max;

/**
 * Checks question definitions sent by a planner and returns them cleaned, or every problem
 * found with the path of the field (`questions[2].options`).
 */
export function parseQuestions(raw: unknown[]): { questions: Question[]; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const questions: Question[] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const at = `questions[${i}]`;
    const before = problems.length;
    const problem = (field: string, reason: string) => problems.push({ field: `${at}.${field}`, reason });
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ field: at, reason: 'must be an object' });
      return;
    }
    const q = item as Record<string, unknown>;
    const type = q.type as Question['type'];
    if (!(typeof type === 'string' && type in KEYS)) {
      problem('type', `must be one of ${Object.keys(KEYS).join(', ')}`);
      return;
    }
    for (const key of Object.keys(q))
      if (!KEYS[type].includes(key)) problem(key, 'is not a field of this type');
    const id = q.id;
    if (typeof id !== 'string' || !QUESTION_ID.test(id) || RESERVED_IDS.has(id) || id in Object.prototype) {
      problem('id', 'must be a lower-case name of letters, digits and _ (not nonce or mac)');
    } else if (seen.has(id)) {
      problem('id', `"${id}" is used twice`);
    } else {
      seen.add(id);
    }
    if (!shortText(q.text, 300)) problem('text', 'must be a non-empty text of at most 300 characters');
    if (typeof q.required !== 'boolean') problem('required', 'must be true or false');
    if (type === 'scale') {
      if (q.min !== undefined && q.min !== 1) problem('min', 'must be 1');
      if (q.max !== undefined && q.max !== 5) problem('max', 'must be 5');
      const labels = q.labels as Record<string, unknown> | undefined;
      if (
        typeof labels !== 'object' ||
        labels === null ||
        Object.keys(labels).some((k) => k !== 'min' && k !== 'max') ||
        !shortText(labels.min, 100) ||
        !shortText(labels.max, 100)
      ) {
        problem('labels', 'must be { min, max } with a text of at most 100 characters for each end');
      }
    }
    if (type === 'single' || type === 'multiple') {
      const options = q.options;
      if (
        !Array.isArray(options) ||
        options.length < 2 ||
        options.length > 20 ||
        !options.every((o) => shortText(o, 200)) ||
        new Set(options.map((o: string) => o.trim())).size !== options.length
      ) {
        problem('options', 'must be 2 to 20 different, non-empty texts of at most 200 characters');
      }
    }
    if (problems.length > before) return;
    const base = { id: id as string, text: (q.text as string).trim(), required: q.required as boolean };
    if (type === 'scale') {
      const labels = q.labels as { min: string; max: string };
      questions.push({
        ...base,
        type,
        min: 1,
        max: 5,
        labels: { min: labels.min.trim(), max: labels.max.trim() },
      });
    } else if (type === 'single' || type === 'multiple') {
      questions.push({ ...base, type, options: (q.options as string[]).map((o) => o.trim()) });
    } else {
      questions.push({ ...base, type });
    }
  });
  return { questions, problems };
}
