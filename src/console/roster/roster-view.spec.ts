import { RosterSeat } from '../../registrations/seat-views.service';
import {
  badgeSheets,
  freeSeats,
  moveChoices,
  nextUp,
  plannerRefusal,
  rosterCsv,
  rosterLines,
  searchLines,
} from './roster-view';

const seat = (over: Partial<RosterSeat>): RosterSeat => ({
  registrationId: 1,
  memberId: 1,
  name: 'Søren Ærø',
  email: 'soeren@kommune.dk',
  municipalityCode: 461,
  listLetter: 'A',
  listName: 'Socialdemokratiet',
  diet: null,
  accessibility: null,
  state: 'registered',
  ...over,
});
const names = (code: number) => ({ 461: 'Odense', 492: 'Ærø' })[code] ?? String(code);

describe(rosterLines.name, () => {
  it('names the municipality and list, and offers only what each seat allows', () => {
    const [held, waiting, wish] = rosterLines(
      [seat({}), seat({ state: 'waitlisted', municipalityCode: 492 }), seat({ state: 'swap_waiting' })],
      names,
    );
    expect(held).toMatchObject({ municipality: 'Odense', list: 'A – Socialdemokratiet', state: 'Tilmeldt' });
    expect([held.movable, held.promotable]).toEqual([true, false]);
    expect([waiting.municipality, waiting.state, waiting.promotable]).toEqual(['Ærø', 'På venteliste', true]);
    expect([wish.movable, wish.promotable]).toEqual([false, false]);
  });
});

describe(searchLines.name, () => {
  it('finds every word of the search in the name, whatever the case', () => {
    const lines = rosterLines([seat({ name: 'Åse Østergård' }), seat({ name: 'Bent Hansen' })], names);
    expect(searchLines(lines, 'østergård åse').map((l) => l.name)).toEqual(['Åse Østergård']);
    expect(searchLines(lines, '  ')).toHaveLength(2);
  });
});

describe(nextUp.name, () => {
  it('says who takes a freed place and which e-mail they get', () => {
    expect(nextUp([], 'Kolding')).toBe('Ventelisten er tom, så pladsen bliver ledig.');
    expect(nextUp([seat({ name: 'Karen', state: 'waitlisted' })], 'Kolding')).toBe(
      'Karen er først på ventelisten og rykker op. Karen får e-mailen »Du har fået en plads på Kolding« med en kalenderinvitation.',
    );
    expect(nextUp([seat({ name: 'Bent', state: 'swap_waiting' })], 'Kolding')).toContain(
      'flyttes hertil fra sit andet seminar; Bent får én e-mail, »Din plads er flyttet til Kolding«',
    );
  });
});

describe(moveChoices.name, () => {
  it('lists the other seminars with free seats; full ones cannot be chosen', () => {
    const at = new Date('2026-01-15T12:00:00Z');
    const choices = moveChoices(
      [
        { id: 1, title: 'Kolding', startsAt: at, free: 3 },
        { id: 2, title: 'Vejle', startsAt: at, free: 0 },
        { id: 3, title: 'Aarhus', startsAt: at, free: 1 },
      ],
      1,
      3,
    );
    expect(choices).toEqual([
      { value: 2, label: 'Vejle, torsdag den 15. januar 2026 – fuldt', disabled: true, selected: false },
      {
        value: 3,
        label: 'Aarhus, torsdag den 15. januar 2026 – 1 ledig plads',
        disabled: false,
        selected: true,
      },
    ]);
    expect(freeSeats(1200)).toBe('1.200 ledige pladser');
  });
});

describe(rosterCsv.name, () => {
  it('numbers the seats, then the waiting list, formula-safe for Excel', () => {
    const csv = rosterCsv(
      rosterLines([seat({ diet: '=HYPERLINK("x")' })], names),
      rosterLines([seat({ name: 'Karen', state: 'waitlisted' })], names),
    );
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[1]).toBe(
      `1;Søren Ærø;soeren@kommune.dk;Odense;A – Socialdemokratiet;"'=HYPERLINK(""x"")";;Tilmeldt`,
    );
    expect(lines[2]).toMatch(/^Venteliste 1;Karen;.*;På venteliste$/);
  });
});

describe(badgeSheets.name, () => {
  it('puts eight badges on a sheet', () => {
    expect(badgeSheets(Array.from({ length: 17 }, (_, i) => i)).map((s) => s.length)).toEqual([8, 8, 1]);
  });
});

describe(plannerRefusal.name, () => {
  it('speaks to the planner, falling back to the catalogue', () => {
    expect(plannerRefusal('seat.already_in_cycle', 'Du har …')).toContain('Medlemmet har allerede en plads');
    expect(plannerRefusal('seat.no_free_seat', 'Der er ingen ledig plads')).toBe('Der er ingen ledig plads');
  });
});
