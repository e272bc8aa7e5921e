import { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager, In } from 'typeorm';
import { StaffRole } from '../auth/roles';
import { StaffService } from '../auth/staff.service';
import { StaffUser } from '../auth/staff-user.entity';
import { toCsv } from '../common/csv';
import { Caller } from '../cycles/caller';
import { Cycle } from '../cycles/cycle.entity';
import { CyclesService } from '../cycles/cycles.service';
import { MemberImportService } from '../cycles/import/member-import.service';
import { Member } from '../cycles/member.entity';
import { Transactor } from '../database/transactor';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { SurveyService } from '../evaluations/survey.service';
import { InviteJobs } from '../invitations/invite-jobs';
import { OutboxMessage } from '../messaging/outbox-message.entity';
import { SEEDS_DIR } from '../paths';
import { Seminar } from '../planning/seminar.entity';
import { SeminarsService } from '../planning/seminars.service';
import { Venue } from '../planning/venue.entity';
import { VenuesService } from '../planning/venues.service';
import { WavesService } from '../planning/waves.service';
import { ReferenceService } from '../reference/reference.service';
import { RegistrationEvent } from '../registrations/registration-event.entity';
import { Registration } from '../registrations/registration.entity';
import { SeatEventRecorder } from '../registrations/seat-event-recorder';
import { SeatService } from '../registrations/seat.service';
import { DemoMember, generateMembers, seededRandom, shuffled } from './demo-members';
import { demoAnswers, recentPastThursday, winterSeminarTimes } from './demo-plan';

export interface DemoAccount {
  role: StaffRole;
  email: string;
  password: string;
}

export interface DemoReport {
  accounts: DemoAccount[];
  counts: Record<string, number>;
}

type Step = (message: string) => void;

const DEMO_STAFF: Array<{ role: StaffRole; email: string; name: string; municipalityCode?: number }> = [
  { role: 'admin', email: 'admin@kl.example', name: 'Demo Administrator' },
  { role: 'planner', email: 'planlaegger@kl.example', name: 'Pia Planlægger' },
  { role: 'kl', email: 'kl@kl.example', name: 'Kåre Kommunernes Landsforening' },
  {
    role: 'municipality',
    email: 'kontakt@aeroe.kommune.example',
    name: 'Søs Ærø Sekretariat',
    municipalityCode: 492,
  },
];

const DAY_MS = 86_400_000;

/** A survey link in an e-mail as the member receives it: `…/evaluering/<token>`. */
const SURVEY_LINK = /\/evaluering\/([A-Za-z0-9_-]{43})/;

const ROLE_CELL: Record<DemoMember['role'], string> = {
  member: 'medlem',
  mayor: 'borgmester',
  deputy_mayor: 'viceborgmester',
};

/** The generated members as a municipality's file, the way a planner imports them. */
function memberFile(members: DemoMember[]): Buffer {
  return Buffer.from(
    toCsv(
      ['Navn', 'E-mail', 'Telefon', 'Kommunekode', 'Partibogstav', 'Listenavn', 'Nyvalgt', 'Rolle'],
      members.map((m) => [
        m.name,
        m.email,
        m.phone,
        String(m.municipalityCode),
        m.listLetter,
        m.listName,
        m.newlyElected ? 'ja' : 'nej',
        ROLE_CELL[m.role],
      ]),
    ),
  );
}

const AGENDA = (startsAt: string) => {
  const start = new Date(startsAt).getTime();
  const at = (hours: number) => new Date(start + hours * 3_600_000).toISOString();
  return [
    { startsAt: at(0), title: 'Velkomst og præsentation' },
    { startsAt: at(20), title: 'Kommunalbestyrelsens arbejde og økonomi', speaker: 'KL' },
    { startsAt: at(45), title: 'Netværk og afrunding' },
  ];
};

/**
 * Loads the demo data set into a database without cycles, through the modules' services only, as
 * planners and members would have made it: every seat with its events and e-mails, every
 * invitation with its event, link and e-mail, every survey answer through the survey. It reads
 * the tables it needs but writes none itself (`kattegat/no-foreign-entity-write`).
 */
export class DemoLoader {
  private readonly data: DataSource;
  private planner!: StaffUser;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly step: Step,
    private readonly now = new Date(),
  ) {
    this.data = app.get(DataSource);
  }

  async refusal(): Promise<string | null> {
    const cycles = await this.data.manager.count(Cycle);
    if (cycles > 0)
      return `The database holds ${cycles} cycle(s) already; the demo loads only into a fresh database.`;
    const staff = await this.data.manager.countBy(StaffUser, { email: In(DEMO_STAFF.map((s) => s.email)) });
    if (staff > 0) return 'A demo staff account exists already; the demo loads only into a fresh database.';
    return null;
  }

  async load(): Promise<DemoReport> {
    const accounts = await this.createStaff();
    const venues = await this.createVenues();
    const kv21 = await this.loadKv21(venues);
    const kv25 = await this.loadKv25(venues);
    return { accounts, counts: { venues: venues.length, ...kv21, ...kv25 } };
  }

  private async createStaff(): Promise<DemoAccount[]> {
    this.step('Staff accounts');
    const staff = this.app.get(StaffService);
    const accounts: DemoAccount[] = [];
    for (const account of DEMO_STAFF) {
      const password = randomBytes(12).toString('base64url');
      const user = await staff.create({ ...account, password });
      if (account.role === 'planner') this.planner = user;
      accounts.push({ role: account.role, email: account.email, password });
    }
    return accounts;
  }

  private async createVenues(): Promise<Venue[]> {
    this.step('Venues');
    const rows: Array<Record<string, string>> = parse(
      readFileSync(join(SEEDS_DIR, 'demo', 'venues.csv'), 'utf8'),
      {
        columns: true,
        skip_empty_lines: true,
      },
    );
    const venues = this.app.get(VenuesService);
    const created: Venue[] = [];
    for (const row of rows) {
      created.push(
        await venues.create({
          name: row.name,
          address: row.address,
          postalCode: row.postal_code,
          town: row.city,
          latitude: Number(row.lat),
          longitude: Number(row.lon),
        }),
      );
    }
    return created;
  }

  /** The cycle's members, imported from a generated file as a planner imports a municipality's. */
  private async importMembers(cycleId: number, seed: number): Promise<Member[]> {
    const municipalities = await this.app.get(ReferenceService).listMunicipalities();
    const generated = generateMembers(
      [...municipalities].sort((a, b) => a.code - b.code),
      seed,
    );
    this.step(`${generated.length} members`);
    const report = await this.app
      .get(MemberImportService)
      .import(cycleId, memberFile(generated), { dryRun: false, skipRejected: false }, this.caller());
    if (report.summary.created !== generated.length) {
      throw new Error(
        `The demo's member file imported ${report.summary.created} of ${generated.length} members`,
      );
    }
    return this.data.manager.find(Member, { where: { cycleId }, order: { id: 'ASC' } });
  }

  private caller(): Caller {
    return { staffId: this.planner.id, label: this.planner.role, municipalityCode: null };
  }

  private async createSeminars(
    cycleId: number,
    wave: { name: string; opensAt: string; closesAt: string },
    plan: Array<{ thursday: string; venue: Venue }>,
    capacity: number,
  ): Promise<Seminar[]> {
    const created = await this.app.get(WavesService).create(cycleId, {
      name: wave.name,
      registrationOpensAt: wave.opensAt,
      registrationClosesAt: wave.closesAt,
    });
    const seminars: Seminar[] = [];
    for (const { thursday, venue } of plan) {
      const times = winterSeminarTimes(thursday);
      seminars.push(
        await this.app.get(SeminarsService).create({
          waveId: created.id,
          venueId: venue.id,
          title: `Kattegat-seminar, ${venue.town}`,
          startsAt: times.startsAt,
          endsAt: times.endsAt,
          registrationDeadline: times.deadline,
          capacity,
          status: 'published',
          agenda: AGENDA(times.startsAt),
        }),
      );
    }
    return seminars;
  }

  /**
   * Seats through the seat rules, one transaction per seminar. Members booked KV21's seats in
   * 2022, when registration was open; `placeMany` (an applied allocation's way in) seats them
   * without the registration window of today.
   */
  private async seat(cycleId: number, seminar: Seminar, members: Member[], actor: 'member' | 'planner') {
    const seats = this.app.get(SeatService);
    const who =
      actor === 'member'
        ? { kind: 'member' as const }
        : { kind: 'planner' as const, staffId: this.planner.id };
    await this.app.get(Transactor).run((m) =>
      seats.placeMany(
        m,
        cycleId,
        members.map((x) => ({ memberId: x.id, seminarId: seminar.id, fromRegistrationId: null })),
        who,
      ),
    );
  }

  private async attendance(
    seminar: Seminar,
    noShowEvery: number,
  ): Promise<{ attended: number; noShow: number }> {
    const seats = await this.data.manager.find(Registration, {
      where: { seminarId: seminar.id, state: 'registered' },
      order: { id: 'ASC' },
    });
    const records = seats.map((s, i) => ({ registrationId: s.id, attended: (i + 1) % noShowEvery !== 0 }));
    await this.app.get(SeatService).recordAttendance(seminar.id, records, this.planner.id);
    const attended = records.filter((r) => r.attended).length;
    return { attended, noShow: records.length - attended };
  }

  private async loadKv21(venues: Venue[]): Promise<Record<string, number>> {
    this.step('KV21: cycle, waves and seminars of 2022');
    const cycles = this.app.get(CyclesService);
    const cycle = await cycles.create({
      code: 'KV21',
      name: 'Kommunalvalget 2021',
      electionDate: '2021-11-16',
      termStart: '2022-01-01',
      status: 'active',
    });
    const members = await this.importMembers(cycle.id, 2021);
    const newly = shuffled(
      members.filter((m) => m.newlyElected),
      seededRandom(21),
    );
    const thursdays1 = ['2022-01-13', '2022-01-20', '2022-01-27', '2022-02-03', '2022-02-10', '2022-02-17'];
    const thursdays2 = ['2022-03-03', '2022-03-10', '2022-03-17'];
    const wave1 = await this.createSeminars(
      cycle.id,
      {
        name: 'Bølge 1 – vinter 2022',
        opensAt: '2021-12-01T09:00:00+01:00',
        closesAt: '2022-02-10T12:00:00+01:00',
      },
      thursdays1.flatMap((thursday, i) => [
        { thursday, venue: venues[i % venues.length] },
        { thursday, venue: venues[(i + 6) % venues.length] },
      ]),
      40,
    );
    const wave2 = await this.createSeminars(
      cycle.id,
      {
        name: 'Bølge 2 – forår 2022',
        opensAt: '2022-01-15T09:00:00+01:00',
        closesAt: '2022-03-10T12:00:00+01:00',
      },
      thursdays2.flatMap((thursday, i) => [
        { thursday, venue: venues[(i + 2) % venues.length] },
        { thursday, venue: venues[(i + 8) % venues.length] },
      ]),
      40,
    );
    await this.inviteAll(cycle.id);
    this.step('KV21: seats, attendance and evaluations');
    const seminars = [...wave1, ...wave2];
    const seated = newly.slice(0, Math.min(Math.round(newly.length * 0.75), seminars.length * 38));
    let attended = 0;
    let noShow = 0;
    for (let i = 0; i < seminars.length; i++) {
      const group = seated.filter((_, j) => j % seminars.length === i);
      await this.seat(cycle.id, seminars[i], group, 'member');
      const figures = await this.attendance(seminars[i], 9);
      attended += figures.attended;
      noShow += figures.noShow;
    }
    const answered = await this.evaluateKv21(seminars);
    for (const seminar of seminars) await this.complete(seminar);
    await cycles.update(cycle.id, { status: 'closed' });
    return {
      'KV21 members': members.length,
      'KV21 newly elected': newly.length,
      'KV21 seminars': seminars.length,
      'KV21 attended': attended,
      'KV21 no-shows': noShow,
      'KV21 evaluation answers': answered,
    };
  }

  /** Every newly elected member of the cycle invited, as the planner's "invite all" does. */
  private async inviteAll(cycleId: number): Promise<void> {
    const invitations = this.app.get(InviteJobs);
    const job = await invitations.start(cycleId, {}, this.planner.id);
    await invitations.finished(cycleId, job.id);
  }

  private async complete(seminar: Seminar): Promise<void> {
    await this.app.get(SeminarsService).update(seminar.id, { status: 'completed' }, this.planner.id);
  }

  /**
   * KV21's surveys as they went in 2022: asked an hour after each seminar ended (the evaluation
   * sweep's way, run with that day's time), and about 62 % answered two days later through the
   * links in their e-mails.
   */
  private async evaluateKv21(seminars: Seminar[]): Promise<number> {
    const evaluations = this.app.get(EvaluationsService);
    const ends = [...new Set(seminars.map((s) => s.endsAt.getTime()))].sort((a, b) => a - b);
    for (const end of ends) await evaluations.requestForEndedSeminars(new Date(end + 3_600_000));
    const random = seededRandom(21);
    let answered = 0;
    for (const seminar of seminars) {
      const links = await this.surveyLinks(seminar.id);
      const chosen = links.filter(() => random() < 0.62);
      answered += await this.answer(chosen, random, new Date(seminar.endsAt.getTime() + 2 * DAY_MS));
    }
    return answered;
  }

  /** The survey tokens in the evaluation e-mails of a seminar, in the order they were written. */
  private async surveyLinks(seminarId: number): Promise<string[]> {
    const mails = await this.data.manager.find(OutboxMessage, {
      where: { seminarId, kind: 'evaluation_request' },
      select: { id: true, text: true },
      order: { id: 'ASC' },
    });
    return mails.map((mail) => {
      const token = SURVEY_LINK.exec(mail.text)?.[1];
      if (!token) throw new Error(`Evaluation e-mail ${mail.id} carries no survey link`);
      return token;
    });
  }

  /** Answers through the survey, as a member following the link does; returns how many were stored. */
  private async answer(tokens: string[], random: () => number, at: Date): Promise<number> {
    const outcomes = await this.app.get(SurveyService).submitMany(
      tokens.map((token) => ({ token, answers: demoAnswers(random) })),
      at,
    );
    const refused = outcomes.find((o) => o.outcome !== 'stored');
    if (refused) throw new Error(`A demo survey answer was not stored: ${refused.outcome}`);
    return outcomes.length;
  }

  private async loadKv25(venues: Venue[]): Promise<Record<string, number>> {
    this.step('KV25: cycle, waves and seminars');
    const cycle = await this.app.get(CyclesService).create({
      code: 'KV25',
      name: 'Kommunalvalget 2025',
      electionDate: '2025-11-18',
      termStart: '2026-01-01',
      status: 'active',
    });
    const members = await this.importMembers(cycle.id, 2025);
    const newly = shuffled(
      members.filter((m) => m.newlyElected),
      seededRandom(25),
    );
    const pastThursday = recentPastThursday(this.now);
    const [past] = await this.createSeminars(
      cycle.id,
      {
        name: 'Pilotseminar – efterår 2026',
        opensAt: '2026-09-01T09:00:00+02:00',
        closesAt: `${pastThursday}T00:00:00+01:00`,
      },
      [{ thursday: pastThursday, venue: venues[0] }],
      25,
    );
    const thursdays1 = ['2027-01-14', '2027-01-21', '2027-01-28', '2027-02-04'];
    const opensAt = new Date(
      Math.min(Date.parse('2026-11-01T09:00:00+01:00'), this.now.getTime() - 86_400_000),
    );
    const wave1 = await this.createSeminars(
      cycle.id,
      {
        name: 'Bølge 1 – januar 2027',
        opensAt: opensAt.toISOString(),
        closesAt: '2027-01-31T12:00:00+01:00',
      },
      thursdays1.flatMap((thursday, i) => [
        { thursday, venue: venues[(i * 2) % venues.length] },
        { thursday, venue: venues[(i * 2 + 5) % venues.length] },
      ]),
      25,
    );
    const thursdays2 = ['2027-02-25', '2027-03-04', '2027-03-11', '2027-03-18'];
    const wave2 = await this.createSeminars(
      cycle.id,
      {
        name: 'Bølge 2 – marts 2027',
        opensAt: '2027-01-15T09:00:00+01:00',
        closesAt: '2027-03-11T12:00:00+01:00',
      },
      thursdays2.flatMap((thursday, i) => [
        { thursday, venue: venues[(i * 2 + 1) % venues.length] },
        { thursday, venue: venues[(i * 2 + 6) % venues.length] },
      ]),
      25,
    );

    this.step(`KV25: inviting ${newly.length} newly elected`);
    await this.inviteAll(cycle.id);

    this.step('KV25: the pilot seminar, attended and evaluated');
    let next = 0;
    const take = (n: number) => newly.slice(next, (next += n));
    await this.seat(cycle.id, past, take(24), 'planner');
    const pilot = await this.attendance(past, 8);
    // The pilot's survey links went out (or wait in the outbox); 15 members have answered so far.
    const pilotLinks = (await this.surveyLinks(past.id)).slice(0, 15);
    const pilotAnswers = await this.answer(pilotLinks, seededRandom(2026), this.now);
    await this.complete(past);

    this.step('KV25: bookings, a full seminar with a waiting list');
    const seats = this.app.get(SeatService);
    const [full, ...others] = wave1;
    await this.seat(cycle.id, full, take(25), 'member');
    const waiting = take(4);
    for (const member of waiting) await seats.register(member.id, full.id, { kind: 'member' });
    const random = seededRandom(25);
    let booked = 25;
    for (const seminar of others) {
      const n = 4 + Math.floor(random() * 15);
      await this.seat(cycle.id, seminar, take(n), 'member');
      booked += n;
    }
    await this.spreadOverTime(cycle.id, opensAt);
    return {
      'KV25 members': members.length,
      'KV25 newly elected': newly.length,
      'KV25 seminars': 1 + wave1.length + wave2.length,
      'KV25 seats booked in wave 1': booked,
      'KV25 waiting list': waiting.length,
      'KV25 pilot attended': pilot.attended,
      'KV25 pilot no-shows': pilot.noShow,
      'KV25 pilot evaluation answers': pilotAnswers,
    };
  }

  /**
   * The demo is loaded in seconds; its seat events are dated back over the days since registration
   * opened (or at most three weeks) so the registrations-over-time chart has a shape.
   */
  private async spreadOverTime(cycleId: number, since: Date): Promise<void> {
    const days = Math.max(1, Math.min(21, Math.floor((this.now.getTime() - since.getTime()) / DAY_MS)));
    const events = await this.data.manager.find(RegistrationEvent, {
      where: { cycleId, kind: In(['registered', 'waitlisted']) },
      select: { id: true },
      order: { id: 'ASC' },
    });
    const byDay = new Map<number, number[]>();
    const random = seededRandom(11);
    for (const { id } of events) {
      // More early on, as when the invitations have just gone out.
      const day = Math.floor(days * random() * random());
      byDay.set(day, [...(byDay.get(day) ?? []), id]);
    }
    const recorder = this.app.get(SeatEventRecorder);
    await this.app.get(Transactor).run(async (m: EntityManager) => {
      for (const [day, ids] of byDay) {
        await recorder.backdate(m, ids, new Date(this.now.getTime() - (days - day) * DAY_MS));
      }
    });
  }
}
