import { fromLocal, toLocal } from '../common/local-time';
import { daysToStart, shiftSeminarTimes } from './seminar-copies';

const at = (date: string, time: string) => fromLocal(date, time)!;
const local = (d: Date) => `${toLocal(d).date} ${toLocal(d).time}`;

describe('shiftSeminarTimes', () => {
  const winter = {
    startsAt: at('2026-03-19', '13:00'),
    endsAt: at('2026-03-21', '13:00'),
    registrationDeadline: at('2026-03-05', '12:00'),
    agenda: [{ startsAt: at('2026-03-20', '09:00'), title: 'Rollen som politiker', speaker: null }],
  };

  it('keeps the local times when the copy lands after the change to summer time', () => {
    const copy = shiftSeminarTimes(winter, 14);
    expect(local(copy.startsAt)).toBe('2026-04-02 13:00');
    expect(local(copy.endsAt)).toBe('2026-04-04 13:00');
    expect(local(copy.registrationDeadline)).toBe('2026-03-19 12:00');
    expect(local(copy.agenda[0].startsAt)).toBe('2026-04-03 09:00');
    expect(copy.agenda[0].title).toBe('Rollen som politiker');
    // 14 days less the hour the clocks skipped.
    expect(copy.startsAt.getTime() - winter.startsAt.getTime()).toBe((14 * 24 - 1) * 3_600_000);
  });

  it('keeps them backwards across the change to winter time as well', () => {
    const autumn = { ...winter, startsAt: at('2026-10-29', '13:00'), endsAt: at('2026-10-31', '12:00') };
    const copy = shiftSeminarTimes(autumn, -7);
    expect(local(copy.startsAt)).toBe('2026-10-22 13:00');
    expect(local(copy.endsAt)).toBe('2026-10-24 12:00');
  });

  it('leaves a seminar where it is for zero days', () => {
    expect(shiftSeminarTimes(winter, 0).startsAt).toEqual(winter.startsAt);
  });
});

describe('daysToStart', () => {
  it('counts calendar days from the first day, whatever the time of day', () => {
    expect(daysToStart(at('2026-03-19', '23:30'), '2026-04-02')).toBe(14);
    expect(daysToStart(at('2026-03-19', '00:30'), '2026-03-18')).toBe(-1);
  });
});
