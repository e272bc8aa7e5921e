import { validateAnswers, DEFAULT_QUESTIONS } from '../evaluations/questionnaire';
import { seededRandom } from './demo-members';
import { demoAnswers, recentPastThursday, winterSeminarTimes } from './demo-plan';

describe(winterSeminarTimes.name, () => {
  it('runs Thursday 13.00 to Saturday 13.00 Copenhagen time with the deadline a week before', () => {
    expect(winterSeminarTimes('2027-01-14')).toEqual({
      startsAt: '2027-01-14T12:00:00.000Z',
      endsAt: '2027-01-16T12:00:00.000Z',
      deadline: '2027-01-07T12:00:00.000Z',
    });
  });
});

describe(recentPastThursday.name, () => {
  it('finds a Thursday at least 12 days back', () => {
    expect(recentPastThursday(new Date('2026-11-24T04:00:00Z'))).toBe('2026-11-12');
    expect(recentPastThursday(new Date('2026-11-25T04:00:00Z'))).toBe('2026-11-12');
  });
});

describe(demoAnswers.name, () => {
  it('answers the default questionnaire validly', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 50; i++) {
      expect(validateAnswers(DEFAULT_QUESTIONS, demoAnswers(random)).problems).toEqual([]);
    }
  });
});
