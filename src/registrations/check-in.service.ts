import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { resolveAuthSecret } from '../auth/auth-secret';
import { danishCompare } from '../common/danish-order';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactor } from '../database/transactor';
import { Seminar } from '../planning/seminar.entity';
import { attendanceOpen, attendanceOpensAt } from './attendance-window';
import { checkInCode, CheckInSeat, readCheckInCode } from './check-in-code';
import { Registration } from './registration.entity';
import { holdsPlace, SeatState } from './seat-state';
import { SeatService } from './seat.service';

/** A seat on the door's list: held, come, or absent. */
export interface DoorSeat {
  registrationId: number;
  name: string;
  municipalityCode: number;
  state: Extract<SeatState, 'registered' | 'attended' | 'no_show'>;
}

export interface DoorList {
  seminar: Pick<Seminar, 'id' | 'cycleId' | 'title' | 'startsAt' | 'endsAt'>;
  opensAt: Date;
  open: boolean;
  seats: DoorSeat[];
}

/** What a check-in did: `already` when the member was registered as come before. */
export interface CheckedIn {
  registrationId: number;
  name: string;
  already: boolean;
}

/** A seminar of the cycle with its door's figures. */
export interface DoorSeminar {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  attended: number;
  expected: number;
  noShows: number;
}

/**
 * Attendance at the door: the list to tick people off, the signed codes on the members' pages and
 * confirmations (a code is checked against its own seat and seminar), no-shows at the end. Every
 * change goes through SeatService's attendance, so evaluation requests follow as they always have.
 */
@Injectable()
export class CheckInService {
  private readonly secret: string;

  constructor(
    private readonly transactor: Transactor,
    private readonly seats: SeatService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secret = resolveAuthSecret(config);
  }

  /** The code a held seat shows at the door. */
  codeFor(seat: CheckInSeat): string {
    return checkInCode(this.secret, seat);
  }

  /** Whether a code is one this app signed (for serving its image); says nothing of the seat's state. */
  isCode(code: string): boolean {
    return readCheckInCode(this.secret, code) !== null;
  }

  /** The cycle's seminars with how many have come, are expected and stayed away. */
  seminars(cycleId: number): Promise<DoorSeminar[]> {
    return this.transactor.run(async (m) => {
      const seminars = await m.find(Seminar, { where: { cycleId }, order: { startsAt: 'ASC', id: 'ASC' } });
      const counts = seminars.length
        ? await m
            .createQueryBuilder(Registration, 'r')
            .select('r.seminar_id', 'seminarId')
            .addSelect('r.state', 'state')
            .addSelect('COUNT(*)', 'n')
            .where({ seminarId: In(seminars.map((s) => s.id)) })
            .groupBy('r.seminar_id')
            .addGroupBy('r.state')
            .getRawMany<{ seminarId: number; state: SeatState; n: number | string }>()
        : [];
      const count = (id: number, state: SeatState) =>
        Number(counts.find((c) => Number(c.seminarId) === id && c.state === state)?.n ?? 0);
      return seminars.map((s) => ({
        id: s.id,
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        attended: count(s.id, 'attended'),
        expected: count(s.id, 'registered'),
        noShows: count(s.id, 'no_show'),
      }));
    });
  }

  /** The seats held at a seminar, by name. */
  door(seminarId: number, now = new Date()): Promise<DoorList> {
    return this.transactor.run(async (m) => {
      const seminar = await m.findOneBy(Seminar, { id: seminarId });
      if (!seminar) throw DomainError.notFound('Seminar', seminarId);
      const seats = await m.find(Registration, { where: { seminarId }, relations: { member: true } });
      return {
        seminar,
        opensAt: attendanceOpensAt(seminar.startsAt),
        open: attendanceOpen(seminar.startsAt, now),
        seats: seats
          .filter((s) => holdsPlace(s.state))
          .map((s) => ({
            registrationId: s.id,
            name: s.member?.name ?? '',
            municipalityCode: s.member?.municipalityCode ?? 0,
            state: s.state as DoorSeat['state'],
          }))
          .sort((a, b) => danishCompare(a.name, b.name) || a.registrationId - b.registrationId),
      };
    });
  }

  /** Ticks a member off; a second tick changes nothing and says so. */
  async checkIn(seminarId: number, registrationId: number, staffId: number): Promise<CheckedIn> {
    const seat = await this.heldSeat(seminarId, registrationId);
    if (seat.state === 'attended') return { registrationId, name: seat.name, already: true };
    await this.seats.recordAttendance(seminarId, [{ registrationId, attended: true }], staffId);
    return { registrationId, name: seat.name, already: false };
  }

  /** A scanned or typed code: refused when forged, for another seminar, or for a seat no longer held. */
  async checkInByCode(seminarId: number, code: string, staffId: number): Promise<CheckedIn> {
    const seat = readCheckInCode(this.secret, code);
    if (!seat) {
      throw new DomainError('validation_failed', 'check_in.unknown_code', 'Not a check-in code', [
        { field: 'kode', reason: 'unknown' },
      ]);
    }
    if (seat.seminarId !== seminarId) {
      throw new DomainError(
        'conflict',
        'check_in.other_seminar',
        `The code is for seminar ${seat.seminarId}`,
        [{ field: 'kode', reason: 'other_seminar' }],
      );
    }
    return this.checkIn(seminarId, seat.registrationId, staffId);
  }

  /** Takes a check-in or a no-show back. */
  async undo(seminarId: number, registrationId: number, staffId: number): Promise<CheckedIn> {
    const seat = await this.heldSeat(seminarId, registrationId);
    await this.seats.undoAttendance(seminarId, registrationId, staffId);
    return { registrationId, name: seat.name, already: false };
  }

  /** Those still expected: whom "the rest are no-shows" would mark. */
  async expected(seminarId: number): Promise<DoorSeat[]> {
    return (await this.door(seminarId)).seats.filter((s) => s.state === 'registered');
  }

  /** Marks everyone still expected as a no-show, in one change; returns how many. */
  async markRestNoShow(seminarId: number, staffId: number): Promise<number> {
    const rest = await this.expected(seminarId);
    if (rest.length === 0) return 0;
    const records = rest.map((s) => ({ registrationId: s.registrationId, attended: false }));
    await this.seats.recordAttendance(seminarId, records, staffId);
    return rest.length;
  }

  private async heldSeat(seminarId: number, registrationId: number): Promise<DoorSeat> {
    const seat = (await this.door(seminarId)).seats.find((s) => s.registrationId === registrationId);
    if (!seat) {
      throw new DomainError(
        'conflict',
        'check_in.no_seat',
        `Registration ${registrationId} holds no seat here`,
        [{ field: 'kode', reason: 'no_seat' }],
      );
    }
    return seat;
  }
}
