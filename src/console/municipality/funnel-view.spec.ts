import { funnelSteps, funnelTotals } from './funnel-view';

const base = { invited: true, opened: true, evaluated: false };
const shown = (steps: ReturnType<typeof funnelSteps>) => steps.map((s) => `${s.label}:${s.state}`);

describe(funnelSteps.name, () => {
  it('follows a member who came and evaluated all the way', () => {
    expect(shown(funnelSteps({ ...base, status: 'attended', evaluated: true }))).toEqual([
      'Inviteret:done',
      'Åbnede linket:done',
      'Tilmeldt:done',
      'Deltog:done',
      'Evaluerede:done',
    ]);
  });

  it('stops where a member stopped: not opened, waiting, cancelled, or did not come', () => {
    expect(shown(funnelSteps({ ...base, opened: false, status: 'not_answered' }))).toEqual([
      'Inviteret:done',
      'Åbnede linket:open',
      'Tilmeldt:open',
      'Deltog:open',
      'Evaluerede:open',
    ]);
    expect(shown(funnelSteps({ ...base, status: 'waitlisted' }))[2]).toBe('På venteliste:done');
    expect(shown(funnelSteps({ ...base, status: 'cancelled' }))[2]).toBe('Meldt afbud:no');
    expect(shown(funnelSteps({ ...base, status: 'no_show' })).slice(2, 4)).toEqual([
      'Tilmeldt:done',
      'Udeblev:no',
    ]);
  });
});

describe(funnelTotals.name, () => {
  it('counts the members that reached each step', () => {
    const rows = [
      funnelSteps({ ...base, status: 'attended', evaluated: true }),
      funnelSteps({ ...base, status: 'cancelled' }),
      funnelSteps({ ...base, opened: false, status: 'not_answered' }),
    ];
    expect(Object.fromEntries(funnelTotals(rows).map((t) => [t.label, t.value]))).toEqual({
      Inviteret: 3,
      'Åbnede linket': 2,
      Tilmeldt: 1,
      'På venteliste': 0,
      'Meldt afbud': 1,
      Deltog: 1,
      Evaluerede: 1,
    });
  });
});
