import { attendanceOpen, attendanceOpensAt } from './attendance-window';

const start = new Date('2026-01-15T12:00:00Z');

describe('attendance window', () => {
  it('opens three hours before the seminar begins', () => {
    expect(attendanceOpensAt(start)).toEqual(new Date('2026-01-15T09:00:00Z'));
  });

  it('is closed the minute before and open from then on, after the end too', () => {
    expect(attendanceOpen(start, new Date('2026-01-15T08:59:00Z'))).toBe(false);
    expect(attendanceOpen(start, new Date('2026-01-15T09:00:00Z'))).toBe(true);
    expect(attendanceOpen(start, new Date('2026-02-15T09:00:00Z'))).toBe(true);
  });
});
