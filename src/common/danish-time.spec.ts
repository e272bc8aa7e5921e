import { formatDanishDate, formatDanishDateTime, formatDanishTime } from './danish-time';

describe('danish-time', () => {
  it('writes a winter afternoon in Copenhagen time (UTC+1)', () => {
    expect(formatDanishDateTime(new Date('2026-01-15T12:00:00Z'))).toBe(
      'torsdag den 15. januar 2026 kl. 13.00',
    );
  });

  it('writes a summer morning in Copenhagen time (UTC+2)', () => {
    expect(formatDanishDateTime(new Date('2026-04-16T07:05:00Z'))).toBe(
      'torsdag den 16. april 2026 kl. 09.05',
    );
  });

  it('follows the change to summer time on the last Sunday of March', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    expect(formatDanishTime(new Date('2026-03-29T00:59:00Z'))).toBe('01.59');
    expect(formatDanishTime(new Date('2026-03-29T01:00:00Z'))).toBe('03.00');
  });

  it('follows the change back to winter time on the last Sunday of October', () => {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
    expect(formatDanishTime(new Date('2026-10-25T00:30:00Z'))).toBe('02.30');
    expect(formatDanishTime(new Date('2026-10-25T01:30:00Z'))).toBe('02.30');
  });

  it('puts a late UTC evening on the next Danish day and writes midnight as 00.00', () => {
    expect(formatDanishDate(new Date('2025-12-31T23:00:00Z'))).toBe('torsdag den 1. januar 2026');
    expect(formatDanishTime(new Date('2025-12-31T23:00:00Z'))).toBe('00.00');
  });

  it('spells the months and weekdays with æøå', () => {
    expect(formatDanishDate(new Date('2026-05-16T10:00:00Z'))).toBe('lørdag den 16. maj 2026');
    expect(formatDanishDate(new Date('2026-02-17T10:00:00Z'))).toBe('tirsdag den 17. februar 2026');
  });
});
