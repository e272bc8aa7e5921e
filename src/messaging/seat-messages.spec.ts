import { SeatMessageInput, seatMessage } from './seat-messages';

describe('seatMessage', () => {
  const event: SeatMessageInput = {
    registrationId: 42,
    calendarSeatId: 42,
    sequence: 2,
    memberId: 7,
    recipient: { name: 'Åse Ødegaard', email: 'aase@example.dk' },
    personalLink: 'https://kattegat.test/p/abc',
    organizer: { name: 'Kattegat', email: 'kattegat@kl.dk' },
    seminar: {
      id: 3,
      title: 'Kattegat-kursus i Vejle',
      start: new Date('2026-02-05T12:00:00Z'),
      end: new Date('2026-02-07T11:00:00Z'),
      venue: { name: 'Munkebjerg Hotel', address: 'Munkebjergvej 125, 7100 Vejle' },
      agenda: ['Torsdag: Velkomst'],
    },
  };

  it('keys a confirmation by registration and sequence and attaches a REQUEST for the seat', () => {
    const message = seatMessage(event, { kind: 'confirmation' });
    expect(message).toMatchObject({
      key: 'confirmation:42:2',
      kind: 'confirmation',
      memberId: 7,
      seminarId: 3,
      calendar: {
        uid: 'seat-42@kattegat',
        sequence: 2,
        method: 'REQUEST',
        location: 'Munkebjerg Hotel, Munkebjergvej 125, 7100 Vejle',
      },
    });
    expect(message.calendar!.description).toContain('https://kattegat.test/p/abc');
  });

  it('cancels the same UID and carries the reason', () => {
    const message = seatMessage(event, { kind: 'cancellation', reason: 'seminar_cancelled', note: null });
    expect(message).toMatchObject({
      key: 'cancellation:42:2',
      calendar: { uid: 'seat-42@kattegat', method: 'CANCEL' },
      context: { reason: 'seminar_cancelled' },
    });
  });

  it('keeps the earlier time and venue for a change', () => {
    const previous = {
      start: new Date('2026-01-29T12:00:00Z'),
      end: new Date('2026-01-31T11:00:00Z'),
      venue: event.seminar.venue,
    };
    expect(seatMessage(event, { kind: 'change', previous })).toMatchObject({
      key: 'change:42:2',
      context: { previous },
    });
  });

  it('updates the calendar entry a moved seat continues: its UID, the new seat’s sequence, REQUEST', () => {
    const { start, end, venue } = event.seminar;
    const previous = { title: 'Kattegat-seminar i Kolding', start, end, venue };
    const moved = { ...event, registrationId: 50, calendarSeatId: 42, sequence: 4 };
    expect(seatMessage(moved, { kind: 'move', previous, swapped: false })).toMatchObject({
      key: 'move:50:4',
      kind: 'move',
      calendar: { uid: 'seat-42@kattegat', sequence: 4, method: 'REQUEST' },
      context: { previous: { title: 'Kattegat-seminar i Kolding' }, swapped: false },
    });
  });
});
