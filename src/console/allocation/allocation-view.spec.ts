import type { ProposalView } from '../../allocation/allocation.service';
import type { ProposalSummary } from '../../allocation/proposal-summary';
import {
  applyText,
  municipalityCsv,
  progressText,
  reviewModel,
  rulesText,
  seminarRows,
} from './allocation-view';

const seat = (fromRegistrationId: number | null) => ({ fromRegistrationId });

describe(applyText.name, () => {
  it('says how many seats, moves and confirmations, in Danish with thousands separators', () => {
    expect(applyText(Array.from({ length: 2500 }, () => seat(null)))).toBe(
      'Giver 2.500 pladser og sender 2.500 bekræftelser',
    );
    expect(applyText([seat(7), seat(8)])).toBe('Flytter 2 medlemmer og sender 2 bekræftelser');
    expect(applyText([seat(null), seat(8)])).toBe('Giver 1 plads, flytter 1 medlem og sender 2 bekræftelser');
    expect(applyText([])).toBe('Ændrer ingen pladser og sender ingen e-mails');
  });
});

describe(rulesText.name, () => {
  it('names K and P, or that a rule is off', () => {
    expect(rulesText({ kUsed: 3, pUsed: 8 })).toBe('K = 3, P = 8');
    expect(rulesText({ kUsed: null, pUsed: null })).toBe('ingen kommuneregel, ingen partiregel');
  });
});

describe(progressText.name, () => {
  const solving = { status: 'solving', heartbeatAt: null } as unknown as ProposalView;
  it('tells the phase, the seconds and the gap so far', () => {
    expect(progressText({ ...solving, progress: { phase: 'most_placed', gap: null, seconds: 3.4 } })).toBe(
      'Finder, hvor mange der kan få plads (3 s).',
    );
    expect(progressText({ ...solving, progress: { phase: 'least_travel', gap: 0.015, seconds: 40 } })).toBe(
      'Finder de korteste rejser for dem (40 s, afstand til bevist optimum 1,5 %).',
    );
  });
});

describe(seminarRows.name, () => {
  const fill = {
    seminarId: 1,
    title: 'Kattegat Nyborg',
    town: 'Nyborg',
    date: '14. januar 2027',
    capacity: 24,
    seated: 2,
    proposed: 20,
    fillRate: 22 / 24,
    municipalities: [
      { code: 461, name: 'Odense', seated: 1, proposed: 2 },
      { code: 101, name: 'København', seated: 0, proposed: 3 },
      { code: 851, name: 'Aalborg', seated: 0, proposed: 1 },
    ],
  };
  it('shows the most of one municipality and who is at K, and the full list behind it', () => {
    const [row] = seminarRows({ kUsed: 3, seminars: [fill] } as never);
    expect(row).toMatchObject({
      label: 'Kattegat Nyborg (Nyborg, 14. januar 2027)',
      fill: '91,7 %',
      most: '3',
      names: 'Odense, København',
      atCap: true,
    });
    expect(row.all).toBe('Odense 3, København 3, Aalborg 1');
    expect(municipalityCsv([fill])).toBe(
      '\uFEFFSeminar;By;Dato;Kommune;Har plads;Foreslået;I alt\r\n' +
        'Kattegat Nyborg;Nyborg;14. januar 2027;Odense;1;2;3\r\n' +
        'Kattegat Nyborg;Nyborg;14. januar 2027;København;0;3;3\r\n' +
        'Kattegat Nyborg;Nyborg;14. januar 2027;Aalborg;0;1;1\r\n',
    );
  });
});

describe(reviewModel.name, () => {
  it('counts the unplaced per reason, the largest group first, a tie in Danish order (Å after Z)', () => {
    const unplaced = ['Zone', 'Ønske', 'Aaben', 'Aaben', 'Bro', 'Zone', 'Bro'].map((reason, i) => ({
      memberId: i + 1,
      name: null,
      municipality: 'Odense',
      reason,
    }));
    const summary = {
      rulePrices: [],
      bindingRules: [],
      placedAtPreference: [],
      longestTrips: [],
      seminars: [],
      moves: [],
      optimality: { gapPercent: null, placedProven: false, timeLimitHit: false },
      unplaced,
      placed: 0,
      members: 0,
      unplacedCount: 7,
      totalKm: 0,
      averageKm: 0,
      solveMs: 0,
    } as unknown as ProposalSummary;
    expect(reviewModel(summary).unplacedByReason).toEqual([
      { reason: 'Bro', count: '2' },
      { reason: 'Zone', count: '2' },
      { reason: 'Aaben', count: '2' },
      { reason: 'Ønske', count: '1' },
    ]);
  });
});
