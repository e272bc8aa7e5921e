import { registrationWindow } from './registration-window';

describe('registrationWindow', () => {
  const times = {
    opensAt: new Date('2026-01-05T08:00:00Z'),
    closesAt: new Date('2026-01-20T23:00:00Z'),
    deadline: new Date('2026-01-15T11:00:00Z'),
  };

  it.each([
    ['2026-01-05T07:59:59Z', 'not_open'],
    ['2026-01-05T08:00:00Z', 'open'],
    ['2026-01-15T10:59:59Z', 'open'],
    ['2026-01-15T11:00:00Z', 'closed'],
    ['2026-01-21T00:00:00Z', 'closed'],
  ])('at %s it is %s', (now, expected) => {
    expect(registrationWindow(new Date(now), times)).toBe(expected);
  });

  it('is open until the very millisecond the wave closes, when the deadline is later', () => {
    const late = { ...times, deadline: new Date('2026-01-25T00:00:00Z') };
    expect(registrationWindow(new Date('2026-01-20T22:59:59.999Z'), late)).toBe('open');
    expect(registrationWindow(new Date('2026-01-20T23:00:00Z'), late)).toBe('closed');
    expect(registrationWindow(new Date('2026-01-05T07:59:59.999Z'), late)).toBe('not_open');
  });

  it('closes with the wave when the wave closes before the seminar deadline', () => {
    const early = { ...times, closesAt: new Date('2026-01-10T00:00:00Z') };
    expect(registrationWindow(new Date('2026-01-12T00:00:00Z'), early)).toBe('closed');
  });
});
