import { EntityManager, In } from 'typeorm';
import { danishDuration } from '../common/danish-duration';
import { formatDanishDate, formatDanishTime } from '../common/danish-time';
import { dialectOf } from '../database/dialect';
import { AgendaItem } from '../planning/agenda-item.entity';
import { Seminar } from '../planning/seminar.entity';
import { Venue } from '../planning/venue.entity';
import { CalendarPerson } from './calendar';
import { Recipient, SeminarInfo, VenueInfo } from './message-kinds';

export function venueInfo(venue: Pick<Venue, 'name' | 'address' | 'postalCode' | 'town'>): VenueInfo {
  return { name: venue.name, address: `${venue.address}, ${venue.postalCode} ${venue.town}` };
}

/** An agenda line as the mail and the calendar show it: `torsdag den 15. januar 2026 13.00: Titel (Taler)`. */
export function agendaLine(item: Pick<AgendaItem, 'startsAt' | 'title' | 'speaker'>): string {
  const speaker = item.speaker ? ` (${item.speaker})` : '';
  return `${formatDanishDate(item.startsAt)} kl. ${formatDanishTime(item.startsAt)}: ${item.title}${speaker}`;
}

/**
 * The seminars with venue and agenda, in one statement however many there are: a row per agenda
 * item (one row with no item for a seminar without agenda). Raw (Dialect.raw): every booking's
 * e-mail draft reads its seminar inside the seat transaction, and TypeORM's building and hydrating
 * of the joined entities cost more than the rows.
 */
export async function loadSeminarInfos(
  manager: EntityManager,
  seminarIds: number[],
): Promise<Map<number, SeminarInfo>> {
  const ids = [...new Set(seminarIds)];
  if (ids.length === 0) return new Map();
  const dialect = dialectOf(manager.connection);
  const { rows } = await dialect.raw<{
    id: number;
    title: string;
    starts_at: unknown;
    ends_at: unknown;
    name: string;
    address: string;
    postal_code: string;
    town: string;
    item_starts_at: unknown;
    item_title: string | null;
    item_speaker: string | null;
  }>(
    manager,
    `SELECT s.id, s.title, s.starts_at, s.ends_at, v.name, v.address, v.postal_code, v.town,
       a.starts_at AS item_starts_at, a.title AS item_title, a.speaker AS item_speaker
     FROM seminars s JOIN venues v ON v.id = s.venue_id LEFT JOIN agenda_items a ON a.seminar_id = s.id
     WHERE s.id IN (:...ids) ORDER BY s.id, a.starts_at, a.id`,
    { ids },
  );
  const infos = new Map<number, SeminarInfo>();
  for (const row of rows) {
    const id = Number(row.id);
    let info = infos.get(id);
    if (!info) {
      info = {
        id,
        title: row.title,
        start: dialect.instant(row.starts_at),
        end: dialect.instant(row.ends_at),
        venue: venueInfo({ ...row, postalCode: row.postal_code }),
        agenda: [],
      };
      infos.set(id, info);
    }
    if (row.item_title !== null) {
      info.agenda.push(
        agendaLine({
          startsAt: dialect.instant(row.item_starts_at),
          title: row.item_title,
          speaker: row.item_speaker,
        }),
      );
    }
  }
  return infos;
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

/** Those of the members who can be written to: not erased and with an address. A raw statement, as above. */
export async function loadRecipients(
  manager: EntityManager,
  memberIds: number[],
): Promise<Map<number, Recipient>> {
  const ids = [...new Set(memberIds)];
  const recipients = new Map<number, Recipient>();
  const dialect = dialectOf(manager.connection);
  for (let i = 0; i < ids.length; i += 500) {
    const { rows } = await dialect.raw<{ id: number; name: string | null; email: string | null }>(
      manager,
      'SELECT id, name, email FROM members WHERE id IN (:...ids) AND erased_at IS NULL',
      { ids: ids.slice(i, i + 500) },
    );
    for (const m of rows) {
      if (m.email) recipients.set(Number(m.id), { name: m.name ?? '', email: m.email });
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
