import { participationStatus } from './participation';

describe('participationStatus', () => {
  it('tells an uninvited member from an invited one who has not answered', () => {
    expect(participationStatus(false, [])).toBe('not_invited');
    expect(participationStatus(true, [])).toBe('not_answered');
  });

  it('shows the seat a member holds, even after an earlier move left a cancelled one', () => {
    expect(
      participationStatus(true, [
        { id: 1, state: 'cancelled' },
        { id: 2, state: 'registered' },
      ]),
    ).toBe('registered');
    expect(participationStatus(true, [{ id: 3, state: 'waitlisted' }])).toBe('waitlisted');
    expect(participationStatus(true, [{ id: 4, state: 'no_show' }])).toBe('no_show');
  });

  it('shows cancelled when every seat was given up', () => {
    expect(participationStatus(true, [{ id: 1, state: 'cancelled' }])).toBe('cancelled');
  });

  it('counts a decline as declined, not as not answered, until a seat is taken after all', () => {
    expect(participationStatus(true, [], true)).toBe('declined');
    expect(participationStatus(true, [{ id: 1, state: 'cancelled' }], true)).toBe('declined');
    expect(participationStatus(true, [{ id: 2, state: 'registered' }], true)).toBe('registered');
  });

  it('shows the held seat, not the swap wish beside it', () => {
    expect(
      participationStatus(true, [
        { id: 6, state: 'swap_waiting' },
        { id: 5, state: 'registered' },
      ]),
    ).toBe('registered');
  });
});
