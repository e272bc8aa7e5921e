import { SeminarInfo } from '../../src/messaging/message-kinds';
import { EnqueueMessage } from '../../src/messaging/outbox.service';
import { seatMessage } from '../../src/messaging/seat-messages';

export const testSeminar: SeminarInfo = {
  id: 11,
  title: 'Kattegat-kursus på Hindsgavl Slot',
  start: new Date('2026-01-15T12:00:00Z'),
  end: new Date('2026-01-17T11:00:00Z'),
  venue: { name: 'Hindsgavl Slot', address: 'Hindsgavl Allé 7, 5500 Middelfart' },
  agenda: ['Torsdag: Velkomst', 'Lørdag: Frokost'],
};

/** A booking confirmation with its calendar invitation, as the seat module will enqueue it. */
export function confirmationMessage(registrationId: number, sequence = 0): EnqueueMessage {
  const message = seatMessage(
    {
      registrationId,
      calendarSeatId: registrationId,
      sequence,
      memberId: 0,
      recipient: { name: `Søren Ærø ${registrationId}`, email: `medlem${registrationId}@example.dk` },
      seminar: testSeminar,
      personalLink: `https://kattegat.test/p/token-${registrationId}`,
      organizer: { name: 'Kattegat', email: 'kattegat@kl.dk' },
    },
    { kind: 'confirmation' },
  );
  // No member or seminar rows exist in most of these tests (both columns are foreign keys).
  return { ...message, memberId: null, seminarId: null };
}

/** The Message-ID the app gives the message with this key (MAIL_FROM at kl.dk). */
export function messageIdOf(key: string): string {
  return `<${key.replace(/[^A-Za-z0-9._-]/g, '.')}@kl.dk>`;
}
