import { mayChangeStatus, seminarTimeProblems } from './seminar-rules';

describe('mayChangeStatus', () => {
  it.each([
    ['draft', 'published', true],
    ['draft', 'cancelled', true],
    ['draft', 'completed', false],
    ['published', 'draft', false],
    ['published', 'cancelled', true],
    ['published', 'completed', true],
    ['cancelled', 'published', false],
    ['completed', 'published', false],
    ['published', 'published', true],
  ] as const)('%s -> %s: %s', (from, to, allowed) => {
    expect(mayChangeStatus(from, to)).toBe(allowed);
  });
});

describe('seminarTimeProblems', () => {
  const good = {
    startsAt: new Date('2026-01-15T12:00:00Z'),
    endsAt: new Date('2026-01-17T12:00:00Z'),
    registrationDeadline: new Date('2026-01-08T12:00:00Z'),
    agenda: [{ startsAt: new Date('2026-01-15T12:00:00Z') }],
  };

  it('finds nothing wrong with a Thursday-to-Saturday seminar', () => {
    expect(seminarTimeProblems(good)).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(
      seminarTimeProblems({
        startsAt: good.startsAt,
        endsAt: good.startsAt,
        registrationDeadline: good.endsAt,
        agenda: [good.agenda[0], { startsAt: new Date('2026-01-18T08:00:00Z') }],
      }),
    ).toEqual([
      { field: 'endsAt', reason: 'must be after startsAt' },
      { field: 'registrationDeadline', reason: 'must not be after startsAt' },
      { field: 'agenda.1.startsAt', reason: 'must lie within the seminar' },
    ]);
  });
});
