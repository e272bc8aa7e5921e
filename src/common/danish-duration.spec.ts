import { danishDuration } from './danish-duration';

/** Copenhagen is UTC+1 in winter, UTC+2 in summer. */
describe(danishDuration.name, () => {
  it.each([
    ['Thursday 13.00 to Saturday 13.00', '2026-01-15T12:00:00Z', '2026-01-17T12:00:00Z', 'to døgn'],
    ['Thursday 13.00 to Friday 13.00', '2026-01-15T12:00:00Z', '2026-01-16T12:00:00Z', 'et døgn'],
    ['Thursday 13.00 to Saturday 12.00', '2026-01-15T12:00:00Z', '2026-01-17T11:00:00Z', 'tre dage'],
    ['Thursday 10.00 to Saturday 15.00', '2026-01-15T09:00:00Z', '2026-01-17T14:00:00Z', 'tre dage'],
    ['Friday 9.00 to Saturday 16.00', '2026-01-16T08:00:00Z', '2026-01-17T15:00:00Z', 'to dage'],
    ['9.00 to 16.00 the same day', '2026-01-15T08:00:00Z', '2026-01-15T15:00:00Z', '7 timer'],
    ['9.00 to 16.30 the same day', '2026-01-15T08:00:00Z', '2026-01-15T15:30:00Z', '7½ time'],
    ['an hour', '2026-01-15T08:00:00Z', '2026-01-15T09:00:00Z', '1 time'],
    // 47 real hours over the change to summer time, yet 13.00 to 13.00 two days on.
    ['over the change to summer time', '2026-03-28T12:00:00Z', '2026-03-30T11:00:00Z', 'to døgn'],
  ])('%s: %s', (_what, start, end, expected) => {
    expect(danishDuration(new Date(start), new Date(end))).toBe(expected);
  });

  it('never says "to et halvt døgn": a seminar over two and a half days of clock time is named by its days', () => {
    // Thursday 13.00 to Sunday 01.00 is 2½ døgn of clock time; Danish names the days it spans.
    expect(danishDuration(new Date('2026-01-15T12:00:00Z'), new Date('2026-01-18T00:00:00Z'))).toBe(
      'fire dage',
    );
  });

  it('says nothing rather than something wrong', () => {
    expect(danishDuration(new Date('2026-01-15T12:00:00Z'), new Date('2026-01-15T12:00:00Z'))).toBeNull();
    expect(danishDuration(new Date('2026-01-01T12:00:00Z'), new Date('2026-01-20T11:00:00Z'))).toBeNull();
  });
});
