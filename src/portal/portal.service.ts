import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In, LessThanOrEqual, MoreThan } from 'typeorm';
import { formatDanishDate, formatDanishDateTime, formatDanishTime } from '../common/danish-time';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Member } from '../cycles/member.entity';
import { CalendarPerson } from '../messaging/calendar';
import { seatCalendar } from '../messaging/seat-calendar';
import { organizerOf } from '../messaging/seminar-info';
import { Transactor } from '../database/transactor';
import { Seminar } from '../planning/seminar.entity';
import { Wave } from '../planning/wave.entity';
import { haversineKm } from '../reference/distance';
import { MemberPreference } from '../registrations/member-preference.entity';
import { Registration } from '../registrations/registration.entity';
import { registrationWindow } from '../registrations/registration-window';
import { isActive } from '../registrations/seat-state';
import { SeatService } from '../registrations/seat.service';
import { DomainError } from '../common/domain-error';

export const RANKS = [1, 2, 3];

const STATE_TEXT: Record<string, string> = {
  registered: 'Du er tilmeldt',
  waitlisted: 'Du er på venteliste',
  attended: 'Du deltog',
  no_show: 'Du er registreret som udeblevet',
};

export interface PreferenceInput {
  ranked: number[];
  excluded: number[];
}

/** What the member's pages show and do; every query is limited to the member the link belongs to. */
@Injectable()
export class PortalService {
  private readonly organizer: CalendarPerson;

  constructor(
    private readonly transactor: Transactor,
    private readonly seats: SeatService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.organizer = organizerOf(config.mailFrom);
  }

  /** The .ics of the member's seat, with the link they came by; null without a registered seat. */
  calendar(member: Member, token: string): Promise<string | null> {
    const link = `${this.config.publicBaseUrl}/p/${token}`;
    return this.transactor.run((m) => seatCalendar(m, member, link, this.organizer));
  }

  overview(member: Member) {
    return this.transactor.run(async (m) => {
      const now = new Date();
      const seminars = await this.openSeminars(m, member.cycleId, now);
      const seat = await this.currentSeat(m, member);
      const preferences = await m.findBy(MemberPreference, { memberId: member.id });
      const home = member.municipality!;
      const listed = seminars
        .map((s) => {
          const window = registrationWindow(now, {
            opensAt: s.wave!.registrationOpensAt,
            closesAt: s.wave!.registrationClosesAt,
            deadline: s.registrationDeadline,
          });
          const free = Math.max(0, s.capacity - s.taken);
          const open = window === 'open';
          const mine = seat?.seminarId === s.id;
          const canChoose = open && !mine && (!seat || isActive(seat.state));
          return {
            id: s.id,
            title: s.title,
            when: period(s.startsAt, s.endsAt),
            venue: `${s.venue!.name}, ${s.venue!.address}, ${s.venue!.postalCode} ${s.venue!.town}`,
            distanceKm: Math.round(haversineKm(home, s.venue!)),
            distance: haversineKm(home, s.venue!),
            freeSeats: free,
            full: free === 0,
            deadline: formatDanishDateTime(s.registrationDeadline),
            open,
            mine,
            canRegister: canChoose && !seat && free > 0,
            canWaitlist: canChoose && !seat && free === 0,
            canMove: canChoose && !!seat && free > 0,
          };
        })
        .sort((a, b) => a.distance - b.distance || a.id - b.id);
      const booking = seat ? await this.booking(m, seat, now) : null;
      const rankOf = new Map(preferences.filter((p) => p.rank !== null).map((p) => [p.rank, p.seminarId]));
      const excluded = new Set(preferences.filter((p) => p.excluded).map((p) => p.seminarId));
      return {
        memberName: member.name ?? '',
        municipalityName: home.name,
        seminars: listed,
        hasSeminars: listed.length > 0,
        booking,
        diet: member.diet ?? '',
        accessibility: member.accessibility ?? '',
        ranks: RANKS.map((rank) => ({
          rank,
          field: `rank${rank}`,
          options: listed.map((s) => ({
            id: s.id,
            title: `${s.title} (${s.when})`,
            selected: rankOf.get(rank) === s.id,
          })),
        })),
        exclusions: listed.map((s) => ({
          id: s.id,
          title: `${s.title} (${s.when})`,
          checked: excluded.has(s.id),
        })),
      };
    });
  }

  register(member: Member, seminarId: number) {
    return this.seats.register(member.id, seminarId, { kind: 'member' });
  }

  async cancel(member: Member): Promise<void> {
    const seat = await this.transactor.run((m) => this.currentSeat(m, member));
    if (!seat || !isActive(seat.state))
      throw new DomainError('conflict', 'seat.none_to_cancel', 'The member has no seat to cancel');
    await this.seats.cancel(seat.id, { kind: 'member' }, member.id);
  }

  async move(member: Member, seminarId: number) {
    const seat = await this.transactor.run((m) => this.currentSeat(m, member));
    if (!seat || !isActive(seat.state))
      throw new DomainError('conflict', 'seat.none_to_move', 'The member has no seat to move');
    return this.seats.move(seat.id, seminarId, { kind: 'member' }, member.id);
  }

  saveNeeds(member: Member, diet: string, accessibility: string): Promise<void> {
    return this.transactor.run(async (m) => {
      await m.update(Member, member.id, { diet: diet || null, accessibility: accessibility || null });
    });
  }

  /** Replaces the member's ranked wishes and "cannot attend" marks for the cycle's open seminars. */
  savePreferences(member: Member, input: PreferenceInput): Promise<void> {
    return this.transactor.run(async (m) => {
      const mentioned = [...new Set([...input.ranked, ...input.excluded])];
      const known = await m.findBy(Seminar, { id: In(mentioned), cycleId: member.cycleId });
      if (known.length !== mentioned.length)
        throw new DomainError('validation_failed', 'preferences.unknown_seminar', 'Unknown seminar');
      if (new Set(input.ranked).size !== input.ranked.length) {
        throw new DomainError(
          'validation_failed',
          'preferences.same_seminar_twice',
          'A seminar is wished for twice',
        );
      }
      if (input.ranked.some((id) => input.excluded.includes(id))) {
        throw new DomainError(
          'validation_failed',
          'preferences.wished_and_excluded',
          'A seminar is both wished for and excluded',
        );
      }
      await m.delete(MemberPreference, { memberId: member.id });
      const rows = [
        ...input.ranked.map((seminarId, i) => ({ seminarId, rank: i + 1, excluded: false })),
        ...input.excluded.map((seminarId) => ({ seminarId, rank: null, excluded: true })),
      ];
      if (rows.length > 0) {
        await m.insert(
          MemberPreference,
          rows.map((r) => ({ ...r, cycleId: member.cycleId, memberId: member.id })),
        );
      }
    });
  }

  private async openSeminars(m: EntityManager, cycleId: number, now: Date): Promise<Seminar[]> {
    const waves = await m.findBy(Wave, {
      cycleId,
      registrationOpensAt: LessThanOrEqual(now),
      registrationClosesAt: MoreThan(now),
    });
    if (waves.length === 0) return [];
    return m.find(Seminar, {
      where: { waveId: In(waves.map((w) => w.id)), status: 'published' },
      relations: { venue: true, wave: true },
    });
  }

  /** The seat the member holds or held in the cycle; a cancelled one only if nothing followed. */
  private async currentSeat(m: EntityManager, member: Member): Promise<Registration | null> {
    const seats = await m.find(Registration, {
      where: { cycleId: member.cycleId, memberId: member.id },
      order: { id: 'DESC' },
    });
    return seats.find((s) => s.state !== 'cancelled') ?? null;
  }

  private async booking(m: EntityManager, seat: Registration, now: Date) {
    const seminar = await m.findOneOrFail(Seminar, {
      where: { id: seat.seminarId },
      relations: { venue: true, agenda: true },
      order: { agenda: { startsAt: 'ASC', id: 'ASC' } },
    });
    const position =
      seat.state === 'waitlisted'
        ? await m.countBy(Registration, {
            seminarId: seat.seminarId,
            state: 'waitlisted',
            waitlistNumber: LessThanOrEqual(seat.waitlistNumber ?? 0),
          })
        : null;
    return {
      stateText: STATE_TEXT[seat.state],
      hasCalendar: seat.state === 'registered',
      waitlisted: seat.state === 'waitlisted',
      position,
      title: seminar.title,
      when: period(seminar.startsAt, seminar.endsAt),
      venue: `${seminar.venue!.name}, ${seminar.venue!.address}, ${seminar.venue!.postalCode} ${seminar.venue!.town}`,
      canCancel: isActive(seat.state) && now < seminar.startsAt,
      agenda: (seminar.agenda ?? []).map((item) => ({
        time: `${formatDanishDate(item.startsAt)} kl. ${formatDanishTime(item.startsAt)}`,
        title: item.title,
        speaker: item.speaker ?? '',
      })),
      hasAgenda: (seminar.agenda ?? []).length > 0,
    };
  }
}

function period(start: Date, end: Date): string {
  return `${formatDanishDateTime(start)} til ${formatDanishDateTime(end)}`;
}
