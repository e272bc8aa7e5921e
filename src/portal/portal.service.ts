import { Inject, Injectable } from '@nestjs/common';
import { SafeString } from 'handlebars';
import { EntityManager, In, LessThanOrEqual } from 'typeorm';
import { formatDanishDate, formatDanishDateTime, formatDanishTime } from '../common/danish-time';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Member } from '../cycles/member.entity';
import { MembersService } from '../cycles/members.service';
import { CalendarPerson } from '../messaging/calendar';
import { seatCalendar } from '../messaging/seat-calendar';
import { organizerOf } from '../messaging/seminar-info';
import { Transactor } from '../database/transactor';
import { PersonalLinks } from '../invitations/personal-links';
import { Seminar } from '../planning/seminar.entity';
import { haversineKm } from '../reference/distance';
import { PreferencesService, Wishes } from '../registrations/preferences.service';
import { Registration } from '../registrations/registration.entity';
import { EventKind, RegistrationEvent } from '../registrations/registration-event.entity';
import { registrationWindow } from '../registrations/registration-window';
import { isActive, isStanding, WAITING_STATES } from '../registrations/seat-state';
import { DeclinesService } from '../invitations/declines.service';
import { SeatService } from '../registrations/seat.service';
import { checkInImagePath } from '../registrations/check-in-code';
import { CheckInService } from '../registrations/check-in.service';
import { DomainError } from '../common/domain-error';
import { EvaluationsService, PageSurvey } from '../evaluations/evaluations.service';
import { Dialect } from '../database/dialect';
import { escapedOnce } from '../web/view-renderer';
import { entitledToMaterials } from '../materials/materials.service';
import { bookedSeminarRow, ListedSeminar, memberRows, SeatRow, seatRows } from './portal-queries';
import { PublishedSeminar, PublishedSeminars } from './published-seminars';

export const RANKS = [1, 2, 3];

/** The events by which a seat came to hold a place. */
const SEAT_TAKEN: EventKind[] = ['registered', 'promoted', 'moved', 'swapped', 'reinstated'];

const STATE_TEXT: Record<string, string> = {
  registered: 'Du er tilmeldt',
  waitlisted: 'Du er på venteliste',
  attended: 'Du deltog',
  no_show: 'Du er registreret som udeblevet',
};

/** The member's next step, under the status. */
const NEXT_STEP: Record<string, string> = {
  registered: 'Du skal ikke gøre mere nu. Vi sender dig materialer, før seminaret begynder.',
  waitlisted:
    'Bliver der en plads ledig, får du den automatisk og en e-mail. Du kan også vælge et seminar med ledige pladser herunder.',
  attended: 'Tak for din deltagelse.',
  no_show: 'Kontakt sekretariatet, hvis det er en fejl.',
};

export type PreferenceInput = Wishes;

/** A published seminar's texts on the personal page, escaped (see PortalService.shownOf). */
interface ShownSeminar {
  title: SafeString;
  when: SafeString;
  choice: SafeString;
  venue: SafeString;
  town: SafeString;
  deadline: SafeString;
  opensAt: SafeString;
}

/** What the member's pages show and do; every query is limited to the member the link belongs to. */
@Injectable()
export class PortalService {
  private readonly organizer: CalendarPerson;
  private readonly shown = new WeakMap<ListedSeminar, ShownSeminar>();

  constructor(
    private readonly transactor: Transactor,
    private readonly seats: SeatService,
    private readonly members: MembersService,
    private readonly preferences: PreferencesService,
    private readonly links: PersonalLinks,
    private readonly declines: DeclinesService,
    private readonly evaluations: EvaluationsService,
    private readonly checkIns: CheckInService,
    private readonly published: PublishedSeminars,
    private readonly dialect: Dialect,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.organizer = organizerOf(config.mailFrom);
  }

  /** The .ics of the member's seat, with the link they came by; null without a registered seat. */
  calendar(member: Member, token: string): Promise<string | null> {
    const link = this.links.pageUrl(token);
    return this.transactor.read((m) => seatCalendar(m, member, link, this.organizer));
  }

  /**
   * The personal page's model. Its queries are few, each read once and answered as plain rows (see
   * portal-queries.ts): at an invitation wave's rush every query a page view makes is paid
   * hundreds of times a minute.
   */
  async overview(member: Member) {
    const model = await this.transactor.read(async (m) => {
      const now = new Date();
      const { open: seminars, later: laterSeminars } = await this.publishedSeminars(m, member, now);
      const { seats, preferences, declined: hasDeclined } = await memberRows(m, this.dialect, member);
      const seat = standingSeat(seats);
      const swapWish = await this.swapWishOf(
        m,
        seats.find((s) => s.state === 'swap_waiting'),
      );
      const home = member.municipality!;
      const listed = seminars
        .map(({ seminar: s, capacity, taken }) => {
          const window = registrationWindow(now, {
            opensAt: s.opensAt,
            closesAt: s.closesAt,
            deadline: s.registrationDeadline,
          });
          const free = Math.max(0, capacity - taken);
          const open = window === 'open';
          const mine = seat?.seminarId === s.id;
          const canChoose = open && !mine && (!seat || isActive(seat.state));
          const wished = swapWish?.seminarId === s.id;
          const distance = haversineKm(home, s.venue);
          const shown = this.shownOf(s);
          return {
            id: s.id,
            title: shown.title,
            when: shown.when,
            choice: shown.choice,
            venue: shown.venue,
            distanceKm: Math.round(distance),
            distance,
            seats: free === 0 ? 'Fuldt' : `${free} ledige pladser`,
            full: free === 0,
            deadline: shown.deadline,
            open,
            mine,
            button: canChoose
              ? cardButton(s.title, !!seat, seat?.state === 'registered' && !wished, free)
              : null,
            wished,
          };
        })
        .sort((a, b) => a.distance - b.distance || a.id - b.id);
      const booking = seat ? await this.booking(m, seat, now) : null;
      const takeBack = seat ? null : await this.takeBackOfferOf(m, member, seats, now);
      const declined = !seat && hasDeclined;
      const rankOf = new Map(preferences.filter((p) => p.rank !== null).map((p) => [p.rank, p.seminarId]));
      const excluded = new Set(preferences.filter((p) => p.excluded).map((p) => p.seminarId));
      // After the seminar the page is about the seminar held, not about choosing one.
      const choosing = !seat || isActive(seat.state);
      const bookable = listed.filter((s) => s.mine || (s.open && !s.full));
      const full = listed.filter((s) => !s.mine && !(s.open && !s.full));
      const later = choosing ? laterSeminars : [];
      return {
        memberName: member.name ?? '',
        municipalityName: home.name,
        choosing,
        bookable: choosing ? bookable : [],
        full: choosing ? full : [],
        later,
        hasSeminars: choosing && listed.length > 0,
        showWishes: !seat && full.length > 0,
        booking,
        swapWish,
        takeBack,
        declined,
        canDecline: !seat && !declined,
        diet: member.diet ?? '',
        accessibility: member.accessibility ?? '',
        ranks: RANKS.map((rank) => ({
          rank,
          field: `rank${rank}`,
          options: listed.map((s) => ({ id: s.id, title: s.choice, selected: rankOf.get(rank) === s.id })),
        })),
        exclusions: listed.map((s) => ({ id: s.id, title: s.choice, checked: excluded.has(s.id) })),
        attendedSeminarId: seat?.state === 'attended' ? seat.seminarId : null,
        entitledToMaterials: entitledToMaterials(seats.map((s) => s.state)),
      };
    });
    const { attendedSeminarId, ...shown } = model;
    const survey =
      attendedSeminarId === null
        ? null
        : await this.evaluations.pageSurvey(member.id, attendedSeminarId, false);
    return { ...shown, survey };
  }

  /**
   * The evaluation of the seminar the member attended (null before they attended): `open` also
   * gives a fresh survey link for the member to be sent to.
   */
  async survey(member: Member, open: boolean): Promise<PageSurvey | null> {
    const seat = await this.transactor.read((m) => this.currentSeat(m, member));
    if (seat?.state !== 'attended') return null;
    return this.evaluations.pageSurvey(member.id, seat.seminarId, open);
  }

  register(member: Member, seminarId: number) {
    return this.seats.register(member.id, seminarId, { kind: 'member' });
  }

  async cancel(member: Member): Promise<void> {
    const seat = await this.activeSeat(member, 'seat.none_to_cancel');
    await this.seats.cancel(seat.id, { kind: 'member' }, member.id);
  }

  /** What "Er du sikker?" tells before a cancellation: the seat, who gets it, the swap wish that goes with it. */
  cancelPreview(member: Member) {
    return this.transactor.read(async (m) => {
      const seat = await this.currentSeat(m, member);
      if (!seat || !isActive(seat.state)) return null;
      const seminar = await m.findOneByOrFail(Seminar, { id: seat.seminarId });
      const waiting = await m.countBy(Registration, { seminarId: seat.seminarId, state: In(WAITING_STATES) });
      const wish = await this.swapWish(m, member);
      return {
        title: seminar.title,
        when: period(seminar.startsAt, seminar.endsAt),
        waitlisted: seat.state === 'waitlisted',
        passesOn: seat.state === 'registered' && waiting > 0,
        swapWish: wish?.title ?? null,
      };
    });
  }

  /** Takes back the seat the member cancelled last, if its seminar still has the place free. */
  async takeBack(member: Member) {
    const offer = await this.transactor.read(async (m) =>
      this.takeBackOfferOf(m, member, await seatRows(m, this.dialect, member), new Date()),
    );
    if (!offer)
      throw new DomainError('conflict', 'seat.nothing_to_take_back', 'No cancelled seat to take back');
    return this.seats.takeBack(offer.registrationId, { kind: 'member' }, member.id);
  }

  async wishSwap(member: Member, seminarId: number) {
    const seat = await this.activeSeat(member, 'seat.swap_needs_seat');
    return this.seats.wishSwap(seat.id, seminarId, { kind: 'member' }, member.id);
  }

  async withdrawSwap(member: Member): Promise<void> {
    const wish = await this.transactor.read((m) => this.swapWish(m, member));
    if (wish) await this.seats.cancel(wish.id, { kind: 'member' }, member.id);
  }

  decline(member: Member, reason: string): Promise<void> {
    return this.declines.decline(member, reason);
  }

  private async activeSeat(
    member: Member,
    code: 'seat.none_to_cancel' | 'seat.none_to_move' | 'seat.swap_needs_seat',
  ) {
    const seat = await this.transactor.read((m) => this.currentSeat(m, member));
    if (!seat || !isActive(seat.state))
      throw new DomainError('conflict', code, 'The member has no seat for that');
    return seat;
  }

  async move(member: Member, seminarId: number) {
    const seat = await this.activeSeat(member, 'seat.none_to_move');
    return this.seats.move(seat.id, seminarId, { kind: 'member' }, member.id);
  }

  saveNeeds(member: Member, diet: string, accessibility: string): Promise<void> {
    return this.members.saveNeeds(member.id, { diet, accessibility });
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
      await this.preferences.replace(m, member, input);
    });
  }

  /**
   * The cycle's published seminars of waves open for registration now (with their window and
   * venue) and of waves that open later (with the opening date), from one statement.
   */
  private async publishedSeminars(m: EntityManager, member: Member, now: Date) {
    const rows = await this.published.of(m, member.cycleId);
    // As numbers, as in registrationWindow.
    const at = now.getTime();
    const isOpen = ({ seminar: s }: PublishedSeminar) =>
      s.opensAt.getTime() <= at && s.closesAt.getTime() > at;
    return {
      open: rows.filter(isOpen),
      later: rows
        .filter(({ seminar: s }) => s.opensAt.getTime() > at)
        .map(({ seminar: s }) => {
          const shown = this.shownOf(s);
          return {
            id: s.id,
            title: shown.title,
            when: shown.when,
            venue: shown.town,
            opensAt: shown.opensAt,
          };
        }),
    };
  }

  /**
   * What the page shows of a published seminar, every member alike, made and escaped once per
   * row held (PublishedSeminars): thirty seminars' dates, venues and "title (when)" for the wish
   * lists were formatted and escaped again on every view.
   */
  private shownOf(s: ListedSeminar): ShownSeminar {
    let shown = this.shown.get(s);
    if (!shown) {
      const when = period(s.startsAt, s.endsAt);
      const { name, address, postalCode, town } = s.venue;
      shown = {
        title: escapedOnce(s.title),
        when: escapedOnce(when),
        choice: escapedOnce(`${s.title} (${when})`),
        venue: escapedOnce(`${name}, ${address}, ${postalCode} ${town}`),
        town: escapedOnce(`${name}, ${town}`),
        deadline: escapedOnce(formatDanishDateTime(s.registrationDeadline)),
        opensAt: escapedOnce(formatDanishDateTime(s.opensAt)),
      };
      this.shown.set(s, shown);
    }
    return shown;
  }

  /** The seat the member holds or held in the cycle (not a swap wish, not a cancelled one). */
  private async currentSeat(m: EntityManager, member: Member): Promise<SeatRow | null> {
    return standingSeat(await seatRows(m, this.dialect, member));
  }

  /** The member's swap wish, with its seminar's title and its number on the waiting list now. */
  private async swapWish(m: EntityManager, member: Member) {
    return this.swapWishOf(
      m,
      (await seatRows(m, this.dialect, member)).find((s) => s.state === 'swap_waiting'),
    );
  }

  /** As swapWish, for the wish among seats already read. */
  private async swapWishOf(m: EntityManager, wish: SeatRow | undefined) {
    if (!wish) return null;
    const seminar = await m.findOneByOrFail(Seminar, { id: wish.seminarId });
    return {
      id: wish.id,
      seminarId: wish.seminarId,
      title: seminar.title,
      position: await this.position(m, wish),
    };
  }

  private position(m: EntityManager, seat: SeatRow): Promise<number> {
    return m.countBy(Registration, {
      seminarId: seat.seminarId,
      state: In(WAITING_STATES),
      waitlistNumber: LessThanOrEqual(seat.waitlistNumber ?? 0),
    });
  }

  /**
   * The seat a member can take back: the last one they held, cancelled, with nothing standing
   * since, at a seminar still open for registration with a free place.
   */
  private async takeBackOfferOf(m: EntityManager, member: Member, seats: SeatRow[], now: Date) {
    // Without a cancelled seat there is none to take back, and no need to ask which was held last.
    if (standingSeat(seats) || !seats.some((s) => s.state === 'cancelled')) return null;
    // The last seat held: a cancelled waiting place or swap wish never held one.
    const held = await m.findOne(RegistrationEvent, {
      where: { cycleId: member.cycleId, memberId: member.id, kind: In(SEAT_TAKEN) },
      order: { id: 'DESC' },
    });
    const last = seats.find((s) => s.id === held?.registrationId && s.state === 'cancelled');
    if (!last) return null;
    const seminar = await m.findOne(Seminar, { where: { id: last.seminarId }, relations: { wave: true } });
    if (!seminar || seminar.status !== 'published' || seminar.taken >= seminar.capacity) return null;
    const window = registrationWindow(now, {
      opensAt: seminar.wave!.registrationOpensAt,
      closesAt: seminar.wave!.registrationClosesAt,
      deadline: seminar.registrationDeadline,
    });
    if (window !== 'open') return null;
    return { registrationId: last.id, title: seminar.title };
  }

  /** The seat's code for the door and its QR image. */
  private checkInOf(seat: SeatRow) {
    const code = this.checkIns.codeFor({ seminarId: seat.seminarId, registrationId: seat.id });
    return { code, image: checkInImagePath(code) };
  }

  private async booking(m: EntityManager, seat: SeatRow, now: Date) {
    const seminar = await bookedSeminarRow(m, this.dialect, seat.seminarId);
    const position = seat.state === 'waitlisted' ? await this.position(m, seat) : null;
    const { venue } = seminar;
    return {
      stateText: STATE_TEXT[seat.state],
      nextStep: NEXT_STEP[seat.state],
      hasCalendar: seat.state === 'registered',
      checkIn: seat.state === 'registered' ? this.checkInOf(seat) : null,
      waitlisted: seat.state === 'waitlisted',
      position,
      title: seminar.title,
      when: period(seminar.startsAt, seminar.endsAt),
      venue: `${venue.name}, ${venue.address}, ${venue.postalCode} ${venue.town}`,
      canCancel: isActive(seat.state) && now < seminar.startsAt,
      agenda: seminar.agenda.map((item) => ({
        time: `${formatDanishDate(item.startsAt)} kl. ${formatDanishTime(item.startsAt)}`,
        title: item.title,
        speaker: item.speaker ?? '',
      })),
      hasAgenda: seminar.agenda.length > 0,
    };
  }
}

/**
 * The one button of a seminar card the member can choose, or null: its text, its look, the action
 * it posts to instead of the form's (tilmeld) and what a screen reader adds. One model field, not a
 * flag per kind of button, as the template's every `{{#if}}` is paid per card.
 */
function cardButton(title: string, seated: boolean, canSwap: boolean, free: number) {
  if (!seated && free > 0) return { label: 'Tilmeld mig', look: 'primary', to: null, hidden: ` ${title}` };
  if (!seated)
    return { label: 'Skriv mig på ventelisten', look: 'secondary', to: null, hidden: ` til ${title}` };
  if (free > 0)
    return { label: 'Flyt min plads hertil', look: 'secondary', to: 'skift', hidden: ` (${title})` };
  if (!canSwap) return null;
  return {
    label: 'Skriv mig på ventelisten og behold min plads',
    look: 'secondary',
    to: 'venteliste-skift',
    hidden: ` (${title})`,
  };
}

/** The seat the member holds or held (not a swap wish, not a cancelled one), of their seats newest first. */
function standingSeat(seats: SeatRow[]): SeatRow | null {
  return seats.find((s) => isStanding(s.state)) ?? null;
}

function period(start: Date, end: Date): string {
  return `${formatDanishDateTime(start)} til ${formatDanishDateTime(end)}`;
}
