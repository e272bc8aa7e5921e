import { asksForEvaluation, danishDay, isReminderDue } from './survey-schedule';

const settings = { reminderAfterDays: 7, closesAfterDays: 21 };

describe(asksForEvaluation.name, () => {
  const endsAt = new Date('2026-01-17T12:00:00Z');

  it.each([
    ['2026-01-17T11:59:59Z', false],
    ['2026-01-17T12:00:00Z', true],
    ['2026-02-07T11:59:59Z', true],
    ['2026-02-07T12:00:00Z', false],
  ])('at %s: %s', (now, expected) => {
    expect(asksForEvaluation(endsAt, new Date(now), settings)).toBe(expected);
  });
});

describe(isReminderDue.name, () => {
  const request = {
    createdAt: new Date('2026-01-17T12:00:00Z'),
    closesAt: new Date('2026-02-07T12:00:00Z'),
    remindedAt: null,
    answered: false,
  };

  it.each([
    ['2026-01-24T11:59:59Z', false],
    ['2026-01-24T12:00:00Z', true],
    ['2026-02-07T11:59:59Z', true],
    ['2026-02-07T12:00:00Z', false],
  ])('for a member who has not answered, at %s: %s', (now, expected) => {
    expect(isReminderDue(request, new Date(now), settings)).toBe(expected);
  });

  it('never for one who has answered or was reminded', () => {
    const now = new Date('2026-01-30T00:00:00Z');
    expect(isReminderDue({ ...request, answered: true }, now, settings)).toBe(false);
    expect(isReminderDue({ ...request, remindedAt: new Date('2026-01-25T00:00:00Z') }, now, settings)).toBe(
      false,
    );
  });
});

describe(danishDay.name, () => {
  it('is the date in Denmark, not in UTC', () => {
    expect(danishDay(new Date('2026-01-17T23:30:00Z'))).toBe('2026-01-18');
    expect(danishDay(new Date('2026-07-17T21:59:00Z'))).toBe('2026-07-17');
  });
});
