/** Pure rules for the demo's calendar and answers. */
import type { Answers } from '../evaluations/questionnaire';

const DAY_MS = 86_400_000;

/** Thursday 13:00 to Saturday 13:00 in Copenhagen for a Thursday in winter time (UTC+1). */
export function winterSeminarTimes(thursday: string): { startsAt: string; endsAt: string; deadline: string } {
  const start = new Date(`${thursday}T13:00:00+01:00`);
  return {
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * DAY_MS).toISOString(),
    deadline: new Date(start.getTime() - 7 * DAY_MS).toISOString(),
  };
}

/** The Thursday 12 days or more before `now`, so that its seminar ended recently and is open for evaluation. */
export function recentPastThursday(now: Date): string {
  const day = new Date(now.getTime() - 12 * DAY_MS);
  while (day.getUTCDay() !== 4) day.setTime(day.getTime() - DAY_MS);
  return day.toISOString().slice(0, 10);
}

const BEST = [
  'Mødet med politikere fra andre kommuner.',
  'Oplægget om kommunens økonomi var skarpt.',
  'God blanding af teori og øvelser.',
  'Stemningen og de åbne drøftelser.',
];
const IMPROVE = [
  'Mere tid til spørgsmål.',
  'Færre oplæg lørdag formiddag.',
  'Materialet kunne være sendt ud før.',
];

/** A plausible answer to the default questionnaire, mostly satisfied. */
export function demoAnswers(random: () => number): Answers {
  const scale = () => Math.min(5, 3 + Math.floor(random() * 3) + (random() < 0.1 ? -1 : 0));
  const answers: Answers = {
    overall: scale(),
    relevance: scale(),
    speakers: scale(),
    network: scale(),
    recommend: Math.min(10, 6 + Math.floor(random() * 5)),
  };
  if (random() < 0.6) answers.best = BEST[Math.floor(random() * BEST.length)];
  if (random() < 0.4) answers.improve = IMPROVE[Math.floor(random() * IMPROVE.length)];
  return answers;
}
