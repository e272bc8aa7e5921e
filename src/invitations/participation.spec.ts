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
});
