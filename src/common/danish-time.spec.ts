import { formatDanishDate, formatDanishDateTime, formatDanishTime } from './danish-time';

describe('formatDanishDateTime', () => {
  it('writes a winter instant in Danish time (UTC+1)', () => {
    expect(formatDanishDateTime(new Date('2026-01-15T12:00:00Z'))).toBe(
      'torsdag den 15. januar 2026 kl. 13.00',
    );
  });

  it('writes a summer instant in Danish summer time (UTC+2)', () => {
    expect(formatDanishDateTime(new Date('2026-06-01T07:05:00Z'))).toBe('mandag den 1. juni 2026 kl. 09.05');
  });

  it('moves to the next Danish day when UTC is still on the day before', () => {
    expect(formatDanishDateTime(new Date('2025-12-31T23:30:00Z'))).toBe(
      'torsdag den 1. januar 2026 kl. 00.30',
    );
  });

  it('follows the spring change of clock (29 March 2026, 02.00 becomes 03.00)', () => {
    expect(formatDanishTime(new Date('2026-03-29T00:59:00Z'))).toBe('01.59');
    expect(formatDanishTime(new Date('2026-03-29T01:00:00Z'))).toBe('03.00');
  });

  it('follows the autumn change of clock (25 October 2026, 03.00 becomes 02.00)', () => {
    expect(formatDanishTime(new Date('2026-10-25T00:30:00Z'))).toBe('02.30');
    expect(formatDanishTime(new Date('2026-10-25T01:30:00Z'))).toBe('02.30');
    expect(formatDanishDate(new Date('2026-10-25T01:30:00Z'))).toBe('søndag den 25. oktober 2026');
  });

  it('writes months and weekdays in lower case with æøå intact', () => {
    expect(formatDanishDate(new Date('2026-02-07T12:00:00Z'))).toBe('lørdag den 7. februar 2026');
  });
});
