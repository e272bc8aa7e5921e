import { addDays, daysBetween, fromLocal, isLocalDate, normaliseTime, toLocal } from './local-time';

describe('fromLocal and toLocal', () => {
  it('reads a winter time as UTC+1 and a summer time as UTC+2', () => {
    expect(fromLocal('2026-01-15', '13.00')?.toISOString()).toBe('2026-01-15T12:00:00.000Z');
    expect(fromLocal('2026-06-15', '13:00')?.toISOString()).toBe('2026-06-15T11:00:00.000Z');
    expect(toLocal(new Date('2026-06-15T11:00:00Z'))).toEqual({ date: '2026-06-15', time: '13:00' });
  });

  it('takes the earlier instant in the hour the clocks go back', () => {
    expect(fromLocal('2026-10-25', '02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('reads a time skipped in spring as the wall clock would show it an hour later', () => {
    expect(fromLocal('2026-03-29', '02:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses days and times that do not exist', () => {
    expect(fromLocal('2026-02-30', '13:00')).toBeNull();
    expect(fromLocal('2026-01-15', '24:00')).toBeNull();
    expect(fromLocal('15.01.2026', '13:00')).toBeNull();
  });
});

describe('calendar days', () => {
  it('adds and counts days across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(daysBetween('2026-03-19', '2026-04-02')).toBe(14);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(normaliseTime('9.05')).toBe('09:05');
    expect(normaliseTime('9')).toBeNull();
  });
});
