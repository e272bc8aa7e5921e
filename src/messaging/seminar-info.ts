import { EntityManager, In } from 'typeorm';
import { danishDuration } from '../common/danish-duration';
import { formatDanishDate, formatDanishTime } from '../common/danish-time';
import { Member } from '../cycles/member.entity';
import { AgendaItem } from '../planning/agenda-item.entity';
import { Seminar } from '../planning/seminar.entity';
import { Venue } from '../planning/venue.entity';
import { CalendarPerson } from './calendar';
import { Recipient, SeminarInfo, VenueInfo } from './message-kinds';

export function venueInfo(venue: Venue): VenueInfo {
  return { name: venue.name, address: `${venue.address}, ${venue.postalCode} ${venue.town}` };
}

/** An agenda line as the mail and the calendar show it: `torsdag den 15. januar 2026 13.00: Titel (Taler)`. */
export function agendaLine(item: Pick<AgendaItem, 'startsAt' | 'title' | 'speaker'>): string {
  const speaker = item.speaker ? ` (${item.speaker})` : '';
  return `${formatDanishDate(item.startsAt)} kl. ${formatDanishTime(item.startsAt)}: ${item.title}${speaker}`;
}

/** The seminars with venue and agenda, in two queries however many there are. */
export async function loadSeminarInfos(
  manager: EntityManager,
  seminarIds: number[],
): Promise<Map<number, SeminarInfo>> {
  const ids = [...new Set(seminarIds)];
  if (ids.length === 0) return new Map();
  const seminars = await manager.find(Seminar, { where: { id: In(ids) }, relations: { venue: true } });
  const agenda = await manager.find(AgendaItem, {
    where: { seminarId: In(ids) },
    order: { startsAt: 'ASC', id: 'ASC' },
  });
  return new Map(
    seminars.map((seminar) => [
      seminar.id,
      {
        id: seminar.id,
        title: seminar.title,
        start: seminar.startsAt,
        end: seminar.endsAt,
        venue: venueInfo(seminar.venue!),
        agenda: agenda.filter((item) => item.seminarId === seminar.id).map(agendaLine),
      },
    ]),
  );
}

export async function loadVenues(
  manager: EntityManager,
  venueIds: number[],
): Promise<Map<number, VenueInfo>> {
  const ids = [...new Set(venueIds)];
  if (ids.length === 0) return new Map();
  const venues = await manager.find(Venue, { where: { id: In(ids) } });
  return new Map(venues.map((venue) => [venue.id, venueInfo(venue)]));
}

/** Those of the members who can be written to: not erased and with an address. */
export async function loadRecipients(
  manager: EntityManager,
  memberIds: number[],
): Promise<Map<number, Recipient>> {
  const ids = [...new Set(memberIds)];
  const recipients = new Map<number, Recipient>();
  for (let i = 0; i < ids.length; i += 500) {
    const members = await manager.find(Member, {
      where: { id: In(ids.slice(i, i + 500)) },
      select: { id: true, name: true, email: true, erasedAt: true },
    });
    for (const m of members) {
      if (!m.erasedAt && m.email) recipients.set(m.id, { name: m.name ?? '', email: m.email });
    }
  }
  return recipients;
}

/** The organiser of every calendar event: the sender, `Name <address>` or a bare address. */
export function organizerOf(mailFrom: string): CalendarPerson {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom);
  if (match) return { name: match[1] || match[2], email: match[2] };
  return { name: mailFrom.trim(), email: mailFrom.trim() };
}

/** Per cycle, how long its seminars last in words, when all its published seminars last the same. */
export async function cycleDurations(
  manager: EntityManager,
  cycleIds: number[],
): Promise<Map<number, string | null>> {
  const ids = [...new Set(cycleIds)];
  const result = new Map<number, string | null>();
  if (ids.length === 0) return result;
  const seminars = await manager.find(Seminar, {
    where: { cycleId: In(ids), status: 'published' },
    select: { id: true, cycleId: true, startsAt: true, endsAt: true },
  });
  for (const id of ids) {
    const words = new Set(
      seminars.filter((s) => s.cycleId === id).map((s) => danishDuration(s.startsAt, s.endsAt)),
    );
    result.set(id, words.size === 1 ? [...words][0] : null);
  }
  return result;
}
