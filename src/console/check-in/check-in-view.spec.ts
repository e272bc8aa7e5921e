import { DoorList } from '../../registrations/check-in.service';
import { doorOrder, doorView, noticeText } from './check-in-view';

const at = (iso: string) => new Date(iso);
const now = at('2026-01-15T12:00:00Z');

const list: DoorList = {
  seminar: { id: 7, cycleId: 1, title: 'Kattegat Nyborg', startsAt: now, endsAt: at('2026-01-17T11:00:00Z') },
  opensAt: at('2026-01-15T09:00:00Z'),
  open: true,
  seats: [
    { registrationId: 1, name: 'Åse Øster', municipalityCode: 461, state: 'attended' },
    { registrationId: 2, name: 'Bo Hansen', municipalityCode: 101, state: 'registered' },
    { registrationId: 3, name: 'Ida Bøgh', municipalityCode: 461, state: 'no_show' },
  ],
};
const municipalities = new Map([
  [461, 'Odense'],
  [101, 'København'],
]);

describe('the door view', () => {
  it('puts running and coming seminars first by start, then those held, the latest first', () => {
    const s = (id: number, start: string, end: string) => ({ id, startsAt: at(start), endsAt: at(end) });
    const order = doorOrder(
      [
        s(1, '2026-01-01T12:00:00Z', '2026-01-03T12:00:00Z'),
        s(2, '2026-02-01T12:00:00Z', '2026-02-03T12:00:00Z'),
        s(3, '2026-01-14T12:00:00Z', '2026-01-16T12:00:00Z'),
        s(4, '2026-01-08T12:00:00Z', '2026-01-10T12:00:00Z'),
      ],
      now,
    );
    expect(order.map((x) => x.id)).toEqual([3, 2, 4, 1]);
  });

  it('counts everyone and shows those matching the search, in any case', () => {
    const view = doorView(list, municipalities, '  øSTER ');
    expect(view.counts).toEqual({ attended: '1', expected: '1', noShows: '1' });
    expect(view.rows.map((r) => [r.name, r.municipality, r.stateText])).toEqual([
      ['Åse Øster', 'Odense', 'Mødt'],
    ]);
    expect(view.shownText).toBe('1 deltager passer på "øSTER".');
    expect(view.rest).toBe('1 deltager');
  });

  it('offers no "the rest" when nobody is expected or the door is closed', () => {
    expect(doorView({ ...list, open: false }, municipalities, '').rest).toBeNull();
    const done = { ...list, seats: list.seats.filter((s) => s.state !== 'registered') };
    expect(doorView(done, municipalities, '').rest).toBeNull();
  });

  it('names the member of a notice by seat and says how many were marked', () => {
    expect(noticeText({ kind: 'checked_in', registrationId: 2 }, list)).toBe('Bo Hansen er tjekket ind.');
    expect(noticeText({ kind: 'already', registrationId: 1 }, list)).toBe(
      'Åse Øster er allerede registreret.',
    );
    expect(noticeText({ kind: 'undone', registrationId: 3 }, list)).toBe(
      'Fremmødet for Ida Bøgh er fortrudt.',
    );
    expect(noticeText({ kind: 'no_shows', count: 1 }, list)).toBe('1 deltager er markeret som udeblevet.');
    expect(noticeText({ kind: 'no_shows', count: 12 }, list)).toBe('12 deltagere er markeret som udeblevne.');
    expect(noticeText({ kind: 'checked_in', registrationId: 99 }, list)).toBeNull();
  });
});
