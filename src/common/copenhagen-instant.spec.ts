import { copenhagenFields, copenhagenInstant } from './copenhagen-instant';

describe(copenhagenInstant.name, () => {
  it('reads winter time as UTC+1 and summer time as UTC+2', () => {
    expect(copenhagenInstant('2026-01-13', '08:00')?.toISOString()).toBe('2026-01-13T07:00:00.000Z');
    expect(copenhagenInstant('2026-06-13', '08.00')?.toISOString()).toBe('2026-06-13T06:00:00.000Z');
  });

  it('gets the nights the clock changes right', () => {
    expect(copenhagenInstant('2026-03-29', '01:30')?.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(copenhagenInstant('2026-03-29', '03:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(copenhagenInstant('2026-10-25', '04:00')?.toISOString()).toBe('2026-10-25T03:00:00.000Z');
  });

  it('refuses dates and times that do not exist', () => {
    expect(copenhagenInstant('2026-02-30', '08:00')).toBeNull();
    expect(copenhagenInstant('2026-01-13', '24:00')).toBeNull();
    expect(copenhagenInstant('13-01-2026', '08:00')).toBeNull();
    expect(copenhagenInstant('2026-01-13', '')).toBeNull();
  });

  it('gives back the fields it was given', () => {
    for (const [date, time] of [
      ['2026-01-13', '08:00'],
      ['2026-07-01', '23:45'],
      ['2026-12-31', '00:00'],
    ]) {
      expect(copenhagenFields(copenhagenInstant(date, time)!)).toEqual({ date, time });
    }
  });
});
