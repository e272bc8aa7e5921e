import { EnqueueMessage } from '../../src/messaging/outbox.service';
import { seatEventUid } from '../../src/messaging/calendar';
import { SeminarInfo } from '../../src/messaging/message-kinds';

export const testSeminar: SeminarInfo = {
  id: 11,
  title: 'Kattegat-kursus på Hindsgavl Slot',
  start: new Date('2026-01-15T12:00:00Z'),
  end: new Date('2026-01-17T11:00:00Z'),
  venue: { name: 'Hindsgavl Slot', address: 'Hindsgavl Allé 7, 5500 Middelfart' },
  agenda: ['Torsdag: Velkomst', 'Lørdag: Frokost'],
};

/** A booking confirmation with its calendar invitation, as the seat module will enqueue it. */
export function confirmationMessage(
  registrationId: number,
  sequence = 0,
  email = `medlem${registrationId}@example.dk`,
): EnqueueMessage {
  const recipient = { name: `Søren Ærø ${registrationId}`, email };
  const personalLink = `https://kattegat.test/p/token-${registrationId}`;
  return {
    key: `confirmation:${registrationId}:${sequence}`,
    kind: 'confirmation',
    context: { recipient, seminar: testSeminar, personalLink },
    seminarId: testSeminar.id,
    calendar: {
      uid: seatEventUid(registrationId),
      sequence,
      method: 'REQUEST',
      start: testSeminar.start,
      end: testSeminar.end,
      summary: testSeminar.title,
      description: `${testSeminar.agenda.join('\n')}\n\nDin side: ${personalLink}`,
      location: `${testSeminar.venue.name}, ${testSeminar.venue.address}`,
      organizer: { name: 'Kattegat', email: 'kattegat@kl.dk' },
      attendee: recipient,
    },
  };
}

export function messageIdOf(key: string): string {
  return `<${key.replace(/[^A-Za-z0-9._-]/g, '.')}@kl.dk>`;
}
