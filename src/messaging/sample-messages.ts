import { personalPageUrl } from '../invitations/personal-links';
import { MailRequest, MessageKind, SeminarInfo } from './message-kinds';

/**
 * Made-up contexts for the template preview, one per kind. When planning exists the preview
 * can take a real member and seminar instead.
 */
export function sampleMailRequest(kind: MessageKind, baseUrl: string, token = 'eksempel'): MailRequest {
  const recipient = { name: 'Søren Ærøskøbing', email: 'soren@example.dk' };
  const personalLink = personalPageUrl(baseUrl, token);
  const seminar: SeminarInfo = {
    id: 1,
    title: 'Kattegat-seminar på Hindsgavl Slot',
    start: new Date('2026-01-15T12:00:00Z'),
    end: new Date('2026-01-17T11:00:00Z'),
    venue: { name: 'Hindsgavl Slot', address: 'Hindsgavl Allé 7, 5500 Middelfart' },
    agenda: [
      'Torsdag: Velkomst og kommunens økonomi',
      'Fredag: Rollen som politiker',
      'Lørdag: Frokost og farvel',
    ],
  };
  const seat = { recipient, seminar, personalLink };
  // A made-up code: its image does not load in the preview, but it takes its place.
  const held = {
    ...seat,
    checkIn: { code: '1-1-EKSEMPELAA', imageUrl: `${baseUrl}/indtjekning/1-1-EKSEMPELAA.png` },
  };
  const invitation = {
    recipient,
    cycleName: 'KV25',
    personalLink,
    deadline: new Date('2025-12-19T22:59:00Z'),
    duration: 'to døgn',
  };
  const evaluation = {
    recipient,
    seminar,
    evaluationLink: `${personalLink}/evaluering`,
    deadline: null,
  };
  switch (kind) {
    case 'invitation':
      return { kind, context: invitation };
    case 'invitation_reminder':
      return { kind, context: { ...invitation, last: true } };
    case 'confirmation':
    case 'promotion':
      return { kind, context: held };
    case 'waiting_list':
      return { kind, context: { ...seat, position: 3 } };
    case 'change':
      return {
        kind,
        context: {
          ...seat,
          previous: {
            start: new Date('2026-01-08T12:00:00Z'),
            end: new Date('2026-01-10T11:00:00Z'),
            venue: { name: 'Hotel Koldingfjord', address: 'Fjordvej 154, 6000 Kolding' },
          },
        },
      };
    case 'move':
      return {
        kind,
        context: {
          ...held,
          swapped: false,
          previous: {
            title: 'Kattegat-seminar i Kolding',
            start: new Date('2026-01-08T12:00:00Z'),
            end: new Date('2026-01-10T11:00:00Z'),
            venue: { name: 'Hotel Koldingfjord', address: 'Fjordvej 154, 6000 Kolding' },
          },
        },
      };
    case 'cancellation':
      return { kind, context: { ...seat, reason: 'planner', note: null } };
    case 'reminder':
      return { kind, context: { ...seat, daysBefore: 14 } };
    case 'materials':
      return {
        kind,
        context: { ...seat, materials: [{ title: 'Program' }, { title: 'Kommunens økonomi' }] },
      };
    case 'evaluation_request':
    case 'evaluation_reminder':
      return { kind, context: evaluation };
  }
}
