import { countsOfStored, REGISTER_STATUSES } from './member-register';

describe(countsOfStored.name, () => {
  it.each([
    ['PostgreSQL', true, false],
    ['SQLite', 1, 0],
  ])('counts the members behind each status and flag, the flags as %s gives them', (_, yes, no) => {
    const counts = countsOfStored(
      [
        { status: 'not_invited', invited: no, opened: no, members: 5 },
        { status: 'not_answered', invited: yes, opened: no, members: 7 },
        { status: 'not_answered', invited: yes, opened: yes, members: 2 },
        { status: 'registered', invited: yes, opened: yes, members: 3 },
        { status: 'attended', invited: yes, opened: yes, members: 1 },
        { status: 'declined', invited: no, opened: no, members: 4 },
      ],
      REGISTER_STATUSES,
    );
    expect(Object.fromEntries(counts)).toEqual({
      invited: 13,
      opened: 6,
      not_invited: 5,
      not_answered: 9,
      registered: 4,
      waitlisted: 0,
      declined: 4,
      cancelled: 0,
      attended: 1,
      no_show: 0,
    });
  });

  it('reads counts PostgreSQL gives as text', () => {
    const counts = countsOfStored(
      [{ status: 'registered', invited: true, opened: false, members: '12' }],
      ['registered', 'invited', 'opened'],
    );
    expect([...counts]).toEqual([
      ['registered', 12],
      ['invited', 12],
      ['opened', 0],
    ]);
  });
});
