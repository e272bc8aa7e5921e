import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Dialect } from '../database/dialect';
import { MemberGroup, SeminarCounts, SeminarSeats, TIMELINE_KINDS, TimelineKind, WaveRef } from './figures';

const HELD = `'registered', 'attended', 'no_show'`;

/** A seminar's seats counted by state, over its registrations `r`. */
const SEAT_SUMS = `SUM(CASE WHEN r.state IN (${HELD}) THEN 1 ELSE 0 END) AS "registered",
         SUM(CASE WHEN r.state IN ('waitlisted', 'swap_waiting') THEN 1 ELSE 0 END) AS "waitlisted",
         SUM(CASE WHEN r.state = 'attended' THEN 1 ELSE 0 END) AS "attended",
         SUM(CASE WHEN r.state = 'no_show' THEN 1 ELSE 0 END) AS "noShows"`;

/** A seminar's status, capacity and the sums of SEAT_SUMS, as numbers. */
const seatsOf = (r: Record<string, unknown>) => ({
  status: String(r.status),
  capacity: Number(r.capacity),
  registered: Number(r.registered),
  waitlisted: Number(r.waitlisted),
  attended: Number(r.attended),
  noShows: Number(r.noShows),
});

/**
 * The grouped queries behind the statistics: one statement per figure set, the same SQL on SQLite
 * and PostgreSQL, answering counts that the pure functions in figures.ts roll up.
 */
@Injectable()
export class StatisticsQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {}

  private async rows(sql: string, parameters: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters);
    return this.dataSource.query(query, values);
  }

  /** The cycle's newly elected members (erased ones too) counted per municipality and list letter. */
  async memberGroups(cycleId: number): Promise<MemberGroup[]> {
    return (await this.memberGroupsOfCycles([cycleId])).get(cycleId) ?? [];
  }

  /** The same for several cycles in one statement, by cycle id (a cycle without members has none). */
  async memberGroupsOfCycles(cycleIds: number[]): Promise<Map<number, MemberGroup[]>> {
    const byCycle = new Map<number, MemberGroup[]>(cycleIds.map((id) => [id, []]));
    if (cycleIds.length === 0) return byCycle;
    const rows = await this.rows(
      `SELECT "cycleId", "municipalityCode", "listLetter", COUNT(*) AS "newlyElected", SUM(invited) AS "invited",
         SUM(CASE WHEN declined = 1 AND held = 0 AND waitlisted = 0 THEN 1 ELSE 0 END) AS "declined",
         SUM(held) AS "registered", SUM(waitlisted) AS "waitlisted", SUM(attended) AS "attended",
         SUM(no_show) AS "noShows"
       FROM (
         SELECT m.id, m.cycle_id AS "cycleId", m.municipality_code AS "municipalityCode",
           m.list_letter AS "listLetter",
           MAX(CASE WHEN i.id IS NULL THEN 0 ELSE 1 END) AS invited,
           MAX(CASE WHEN d.id IS NULL THEN 0 ELSE 1 END) AS declined,
           MAX(CASE WHEN r.state IN (${HELD}) THEN 1 ELSE 0 END) AS held,
           MAX(CASE WHEN r.state = 'waitlisted' THEN 1 ELSE 0 END) AS waitlisted,
           MAX(CASE WHEN r.state = 'attended' THEN 1 ELSE 0 END) AS attended,
           MAX(CASE WHEN r.state = 'no_show' THEN 1 ELSE 0 END) AS no_show
         FROM members m
         LEFT JOIN invitations i ON i.cycle_id = m.cycle_id AND i.member_id = m.id AND i.purpose = 'invitation'
         LEFT JOIN registrations r ON r.cycle_id = m.cycle_id AND r.member_id = m.id
         LEFT JOIN invitation_declines d ON d.cycle_id = m.cycle_id AND d.member_id = m.id
         WHERE m.cycle_id IN (:...cycleIds) AND m.newly_elected
         GROUP BY m.id, m.cycle_id, m.municipality_code, m.list_letter
       ) per_member
       GROUP BY "cycleId", "municipalityCode", "listLetter"`,
      { cycleIds },
    );
    for (const r of rows) {
      byCycle.get(Number(r.cycleId))?.push({
        municipalityCode: Number(r.municipalityCode),
        listLetter: String(r.listLetter),
        newlyElected: Number(r.newlyElected),
        invited: Number(r.invited),
        declined: Number(r.declined),
        registered: Number(r.registered),
        waitlisted: Number(r.waitlisted),
        attended: Number(r.attended),
        noShows: Number(r.noShows),
      });
    }
    return byCycle;
  }

  /** Every seminar of the cycle with its seats counted by state (all members, not only the newly elected). */
  async seminarCounts(cycleId: number): Promise<SeminarCounts[]> {
    const rows = await this.rows(
      `SELECT s.id AS "seminarId", s.title AS "title", s.wave_id AS "waveId", v.name AS "venueName",
         v.town AS "town", s.starts_at AS "startsAt", s.status AS "status", s.capacity AS "capacity",
         ${SEAT_SUMS}
       FROM seminars s
       JOIN venues v ON v.id = s.venue_id
       LEFT JOIN registrations r ON r.seminar_id = s.id
       WHERE s.cycle_id = :cycleId
       GROUP BY s.id, s.title, s.wave_id, v.name, v.town, s.starts_at, s.status, s.capacity`,
      { cycleId },
    );
    return rows.map((r) => ({
      seminarId: Number(r.seminarId),
      title: String(r.title),
      waveId: Number(r.waveId),
      venue: `${String(r.venueName)}, ${String(r.town)}`,
      startsAt: this.dialect.instant(r.startsAt),
      ...seatsOf(r),
    }));
  }

  /**
   * As seminarCounts, only what a wave's figures need: no venue, title or start to read and
   * convert (Overblik shows the waves on every view).
   */
  async seminarSeats(cycleId: number): Promise<SeminarSeats[]> {
    const rows = await this.rows(
      `SELECT s.wave_id AS "waveId", s.status AS "status", s.capacity AS "capacity", ${SEAT_SUMS}
       FROM seminars s LEFT JOIN registrations r ON r.seminar_id = s.id
       WHERE s.cycle_id = :cycleId
       GROUP BY s.id, s.wave_id, s.status, s.capacity`,
      { cycleId },
    );
    return rows.map((r) => ({
      waveId: Number(r.waveId),
      ...seatsOf(r),
    }));
  }

  async waves(cycleId: number): Promise<WaveRef[]> {
    const rows = await this.rows(
      `SELECT id AS "id", name AS "name", registration_opens_at AS "opensAt" FROM waves WHERE cycle_id = :cycleId`,
      { cycleId },
    );
    return rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      registrationOpensAt: this.dialect.instant(r.opensAt),
    }));
  }

  /**
   * Seat events counted per kind and instant. The grouping by Copenhagen day happens in
   * figures.ts: day boundaries move with summer time and the engines share no date function.
   */
  async seatEvents(cycleId: number): Promise<Array<{ kind: TimelineKind; at: Date; count: number }>> {
    const rows = await this.rows(
      `SELECT kind AS "kind", created_at AS "at", COUNT(*) AS "count"
       FROM registration_events
       WHERE cycle_id = :cycleId AND kind IN (:...kinds)
       GROUP BY kind, created_at`,
      { cycleId, kinds: [...TIMELINE_KINDS] },
    );
    return rows.map((r) => ({
      kind: r.kind as TimelineKind,
      at: this.dialect.instant(r.at),
      count: Number(r.count),
    }));
  }
}
