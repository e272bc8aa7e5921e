import { seatsToTell } from './announcement-rule';

const at = (iso: string) => new Date(iso);

describe(seatsToTell.name, () => {
  const now = at('2026-02-10T12:00:00Z');

  it('leaves out members whose seminar has ended, the pilot of ten days ago among them', () => {
    const pilot = { memberId: 1, seminarId: 10, seminarEndsAt: at('2026-01-31T12:00:00Z') };
    const coming = { memberId: 2, seminarId: 11, seminarEndsAt: at('2026-03-07T12:00:00Z') };
    expect(seatsToTell([pilot, coming], now)).toEqual([coming]);
  });

  it('counts a seminar ending exactly now as ended, and one still running as not', () => {
    const endingNow = { memberId: 1, seminarId: 10, seminarEndsAt: now };
    const running = { memberId: 2, seminarId: 11, seminarEndsAt: at('2026-02-10T12:00:01Z') };
    expect(seatsToTell([endingNow, running], now)).toEqual([running]);
  });

  it('tells a member with two seats once, for the seminar still to come that ends first', () => {
    const ended = { memberId: 3, seminarId: 9, seminarEndsAt: at('2026-01-01T00:00:00Z') };
    const later = { memberId: 3, seminarId: 12, seminarEndsAt: at('2026-04-01T00:00:00Z') };
    const sooner = { memberId: 3, seminarId: 11, seminarEndsAt: at('2026-03-01T00:00:00Z') };
    expect(seatsToTell([ended, later, sooner], now)).toEqual([sooner]);
  });

  it('gives nobody when there are no seats', () => {
    expect(seatsToTell([], now)).toEqual([]);
  });
});
