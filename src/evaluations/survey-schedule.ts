import { SurveySettings } from './questionnaire';

const DAY_MS = 24 * 3600 * 1000;

export const addDays = (instant: Date, days: number) => new Date(instant.getTime() + days * DAY_MS);

/**
 * Whether a seminar's participants are asked now: once it has ended, and only while a survey
 * asked now could still be answered within the survey period after the end, so an old seminar
 * whose attendance is recorded late does not send surveys months afterwards.
 */
export function asksForEvaluation(seminarEndsAt: Date, now: Date, settings: SurveySettings): boolean {
  return seminarEndsAt <= now && now < addDays(seminarEndsAt, settings.closesAfterDays);
}

export interface RequestTimes {
  createdAt: Date;
  closesAt: Date;
  remindedAt: Date | null;
  answered: boolean;
}

/** One reminder, to those who have not answered, N days after the request while the survey is open. */
export function isReminderDue(request: RequestTimes, now: Date, settings: SurveySettings): boolean {
  return (
    !request.answered &&
    request.remindedAt === null &&
    now < request.closesAt &&
    now >= addDays(request.createdAt, settings.reminderAfterDays)
  );
}

/** The day an answer is stored under: the calendar date in Denmark, nothing finer. */
export function danishDay(instant: Date): string {
  // sv-SE writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(instant);
}
