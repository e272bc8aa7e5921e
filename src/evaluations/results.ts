import { Answers, Question } from './questionnaire';

/** Below this many answers a group shows counts only, so nobody can be singled out. */
export const MIN_GROUP_SIZE = 5;

export interface QuestionResult {
  id: string;
  type: Question['type'];
  text: string;
  answered: number;
  mean?: number;
  distribution?: Record<string, number>;
  nps?: number;
  texts?: string[];
}

export interface GroupResult {
  invited: number;
  responses: number;
  /** Answers ÷ invited, 0–1; null when nobody was invited. */
  responseRate: number | null;
  /** True when the group is too small to show more than counts. */
  suppressed: boolean;
  questions: QuestionResult[];
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Response rate, means, distributions, NPS and free text for one group of anonymous answers. */
export function summarise(questions: Question[], responses: Answers[], invited: number): GroupResult {
  const suppressed = responses.length < MIN_GROUP_SIZE;
  return {
    invited,
    responses: responses.length,
    responseRate: invited === 0 ? null : round(responses.length / invited, 4),
    suppressed,
    questions: questions.map((q) => {
      const given = responses.map((r) => r[q.id]).filter((a) => a !== undefined);
      const result: QuestionResult = { id: q.id, type: q.type, text: q.text, answered: given.length };
      return suppressed ? result : { ...result, ...details(q, given) };
    }),
  };
}

function details(q: Question, given: Answers[string][]): Partial<QuestionResult> {
  switch (q.type) {
    case 'scale':
    case 'nps': {
      const values = given as number[];
      const [min, max] = q.type === 'scale' ? [q.min, q.max] : [0, 10];
      const distribution: Record<string, number> = {};
      for (let v = min; v <= max; v++) distribution[v] = values.filter((x) => x === v).length;
      const mean = values.length ? round(values.reduce((s, v) => s + v, 0) / values.length, 2) : undefined;
      return q.type === 'nps'
        ? { mean, distribution, nps: netPromoterScore(values) }
        : { mean, distribution };
    }
    case 'single':
    case 'multiple': {
      const chosen = given.flatMap((a) => (Array.isArray(a) ? a : [a as string]));
      return {
        distribution: Object.fromEntries(q.options.map((o) => [o, chosen.filter((c) => c === o).length])),
      };
    }
    case 'text':
      return { texts: (given as string[]).filter((t) => t.length > 0) };
  }
}

/** Share of promoters (9–10) minus share of detractors (0–6), in points from −100 to 100. */
export function netPromoterScore(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const promoters = values.filter((v) => v >= 9).length;
  const detractors = values.filter((v) => v <= 6).length;
  return round(((promoters - detractors) / values.length) * 100, 1);
}

/**
 * An answer given to an older version, kept only for the questions the current version still asks
 * in the same way (same id and type), so that figures never mix different questions.
 */
export function comparableAnswers(
  current: Question[],
  answeredVersion: Question[],
  answers: Answers,
): Answers {
  const typeThen = new Map(answeredVersion.map((q) => [q.id, q.type]));
  return Object.fromEntries(
    current.filter((q) => typeThen.get(q.id) === q.type && q.id in answers).map((q) => [q.id, answers[q.id]]),
  );
}

/**
 * The answers a wave's figures are built from. A seminar too small to show on its own is pooled
 * only when the wave's small seminars together reach MIN_GROUP_SIZE; otherwise subtracting the
 * shown seminars from the wave would give away the small seminar's answers.
 */
export function poolForWave(seminars: Answers[][]): Answers[] {
  const small = seminars.filter((answers) => answers.length < MIN_GROUP_SIZE).flat();
  const large = seminars.filter((answers) => answers.length >= MIN_GROUP_SIZE).flat();
  return small.length >= MIN_GROUP_SIZE ? [...large, ...small] : large;
}
