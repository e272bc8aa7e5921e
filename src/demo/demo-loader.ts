import { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager, In } from 'typeorm';
import { StaffRole } from '../auth/roles';
import { StaffService } from '../auth/staff.service';
import { StaffUser } from '../auth/staff-user.entity';
import { Cycle } from '../cycles/cycle.entity';
import { CyclesService } from '../cycles/cycles.service';
import { Member } from '../cycles/member.entity';
import { searchTextOf } from '../cycles/member-rules';
import { Transactor } from '../database/transactor';
import { EvaluationQuestionnaire } from '../evaluations/evaluation-questionnaire.entity';
import { EvaluationRequest } from '../evaluations/evaluation-request.entity';
import { ResponseRelease } from '../evaluations/response-release';
import { QuestionnairesService } from '../evaluations/questionnaires.service';
import { SurveyService } from '../evaluations/survey.service';
import { Invitation } from '../invitations/invitation.entity';
import { InviteJobs } from '../invitations/invite-jobs';
import { hashPersonalToken, newPersonalToken } from '../invitations/personal-token';
import { SEEDS_DIR } from '../paths';
import { Seminar } from '../planning/seminar.entity';
import { SeminarsService } from '../planning/seminars.service';
import { Venue } from '../planning/venue.entity';
import { VenuesService } from '../planning/venues.service';
import { WavesService } from '../planning/waves.service';
import { Municipality } from '../reference/municipality.entity';
import { RegistrationEvent } from '../registrations/registration-event.entity';
import { Registration } from '../registrations/registration.entity';
import { SeatService } from '../registrations/seat.service';
import { generateMembers, seededRandom, shuffled } from './demo-members';
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
  { role: 'admin', email: 'admin@kl.dk', name: 'Demo Administrator' },
  { role: 'planner', email: 'planlaegger@kl.dk', name: 'Pia Planlægger' },
  { role: 'kl', email: 'kl@kl.dk', name: 'Kåre Kommunernes Landsforening' },
  { role: 'municipality', email: 'kontakt@aeroe.dk', name: 'Søs Ærø Sekretariat', municipalityCode: 492 },
];

const AGENDA = (startsAt: string) => {
  const start = new Date(startsAt).getTime();
  const at = (hours: number) => new Date(start + hours * 3_600_000).toISOString();
  return [
    { startsAt: at(0), title: 'Velkomst og præsentation' },
    { startsAt: at(20), title: 'Kommunalbestyrelsens arbejde og økonomi', speaker: 'KL' },
    { startsAt: at(45), title: 'Netværk og afrunding' },
  ];
};

/** Loads the demo data set into a database without cycles, through the services where rules matter. */
export class DemoLoader {
  private readonly data: DataSource;
  private readonly transactor: Transactor;
  private planner!: StaffUser;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly step: Step,
    private readonly now = new Date(),
  ) {
    this.data = app.get(DataSource);
    this.transactor = app.get(Transactor);
  }

  async refusal(): Promise<string | null> {
    const cycles = await this.data.getRepository(Cycle).count();
    if (cycles > 0)
      return `The database holds ${cycles} cycle(s) already; the demo loads only into a fresh database.`;
    const staff = await this.data
      .getRepository(StaffUser)
      .countBy({ email: In(DEMO_STAFF.map((s) => s.email)) });
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
      if (account.role === 'planner')
        this.planner = await this.data.getRepository(StaffUser).findOneByOrFail({ id: user.id });
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

  private async insertMembers(cycleId: number, seed: number): Promise<Member[]> {
    const municipalities = await this.data.getRepository(Municipality).find({ order: { code: 'ASC' } });
    const generated = generateMembers(municipalities, seed);
    this.step(`${generated.length} members`);
    await this.transactor.run(async (m) => {
      for (let i = 0; i < generated.length; i += 200) {
        await m.insert(
          Member,
          generated
            .slice(i, i + 200)
            .map((g) => ({ ...g, cycleId, searchText: searchTextOf(g.name, g.email) })),
        );
      }
    });
    return this.data.getRepository(Member).find({ where: { cycleId }, order: { id: 'ASC' } });
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

  /** Seats through the seat rules, in one transaction per seminar so `taken` stays right. */
  private async seat(cycleId: number, seminar: Seminar, members: Member[], actor: 'member' | 'planner') {
    const seats = this.app.get(SeatService);
    const who =
      actor === 'member'
        ? { kind: 'member' as const }
        : { kind: 'planner' as const, staffId: this.planner.id };
    await this.transactor.run((m) =>
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
    const seats = await this.data
      .getRepository(Registration)
      .findBy({ seminarId: seminar.id, state: 'registered' });
    const records = seats.map((s, i) => ({ registrationId: s.id, attended: (i + 1) % noShowEvery !== 0 }));
    await this.app.get(SeatService).recordAttendance(seminar.id, records, this.planner.id);
    const attended = records.filter((r) => r.attended).length;
    return { attended, noShow: records.length - attended };
  }

  private async loadKv21(venues: Venue[]): Promise<Record<string, number>> {
    this.step('KV21: cycle, waves and seminars of 2022');
    const cycle = await this.app.get(CyclesService).create({
      code: 'KV21',
      name: 'Kommunalvalget 2021',
      electionDate: '2021-11-16',
      termStart: '2022-01-01',
      status: 'closed',
    });
    const members = await this.insertMembers(cycle.id, 2021);
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
    await this.inviteRaw(cycle.id, newly, new Date('2022-03-31T22:00:00Z'));
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
    await this.data.getRepository(Seminar).update({ cycleId: cycle.id }, { status: 'completed' });
    const answered = await this.evaluateRaw(cycle.id, seminars);
    return {
      'KV21 members': members.length,
      'KV21 newly elected': newly.length,
      'KV21 seminars': seminars.length,
      'KV21 attended': attended,
      'KV21 no-shows': noShow,
      'KV21 evaluation answers': answered,
    };
  }

  /** Old invitations: only that they were sent matters now; the links have long expired. */
  private async inviteRaw(cycleId: number, members: Member[], expiresAt: Date): Promise<void> {
    await this.transactor.run(async (m) => {
      for (let i = 0; i < members.length; i += 200) {
        await m.insert(
          Invitation,
          members.slice(i, i + 200).map((member) => ({
            cycleId,
            memberId: member.id,
            tokenHash: hashPersonalToken(newPersonalToken()),
            expiresAt,
            revokedAt: null,
            issuedBy: this.planner.id,
          })),
        );
      }
    });
  }

  /** KV21's surveys closed long ago: requests and anonymous answers go straight into their tables. */
  private async evaluateRaw(cycleId: number, seminars: Seminar[]): Promise<number> {
    const random = seededRandom(21);
    const questionnaires = this.app.get(QuestionnairesService);
    const release = this.app.get(ResponseRelease);
    let answered = 0;
    await this.transactor.run(async (m: EntityManager) => {
      const version = await questionnaires.current(m, cycleId);
      for (const seminar of seminars) {
        const seats = await m.findBy(Registration, { seminarId: seminar.id, state: 'attended' });
        const closesAt = new Date(seminar.endsAt.getTime() + 21 * 86_400_000);
        const requests = seats.map((s) => ({
          memberId: s.memberId,
          seminarId: seminar.id,
          tokenHash: hashPersonalToken(newPersonalToken()),
          reminderTokenHash: null,
          createdAt: seminar.endsAt,
          remindedAt: null,
          closesAt,
          answered: random() < 0.62,
        }));
        if (requests.length === 0) continue;
        await m.insert(EvaluationRequest, requests);
        const answers = requests
          .filter((r) => r.answered)
          .map(() => ({
            id: randomUUID(),
            seminarId: seminar.id,
            questionnaireVersionId: version.id,
            answeredOn: new Date(seminar.endsAt.getTime() + 2 * 86_400_000).toISOString().slice(0, 10),
            answers: demoAnswers(random),
          }));
        for (const answer of answers) await release.hold(m, answer);
        answered += answers.length;
      }
      await m.update(EvaluationQuestionnaire, { id: version.id }, { hasAnswers: true });
    });
    // Filed as real answers are: in transactions of their own, in random order.
    await release.releaseAllHeld();
    return answered;
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
    const members = await this.insertMembers(cycle.id, 2025);
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
    const invitations = this.app.get(InviteJobs);
    const job = await invitations.start(cycle.id, {}, this.planner.id);
    await invitations.finished(cycle.id, job.id);

    this.step('KV25: the pilot seminar, attended and evaluated');
    let next = 0;
    const take = (n: number) => newly.slice(next, (next += n));
    await this.seat(cycle.id, past, take(24), 'planner');
    const pilot = await this.attendance(past, 8);
    const pilotAnswers = await this.answerPilot(past, 15);
    await this.app.get(SeminarsService).update(past.id, { status: 'completed' }, this.planner.id);

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
   * The demo is loaded in seconds; its seat events are spread over the days since registration
   * opened (or at most three weeks) so the registrations-over-time chart has a shape.
   */
  private async spreadOverTime(cycleId: number, since: Date): Promise<void> {
    const days = Math.max(1, Math.min(21, Math.floor((this.now.getTime() - since.getTime()) / 86_400_000)));
    const events = await this.data.getRepository(RegistrationEvent).find({
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
    await this.transactor.run(async (m) => {
      for (const [day, ids] of byDay) {
        const at = new Date(this.now.getTime() - (days - day) * 86_400_000);
        await m.update(RegistrationEvent, { id: In(ids) }, { createdAt: at });
      }
    });
  }

  /**
   * The pilot's survey links went to the members (or nowhere, without mail); the demo gives some
   * requests a fresh link of its own and answers through the survey service, like a member would.
   */
  private async answerPilot(seminar: Seminar, count: number): Promise<number> {
    const requests = await this.data.getRepository(EvaluationRequest).find({
      where: { seminarId: seminar.id, answered: false },
      order: { id: 'ASC' },
      take: count,
    });
    const survey = this.app.get(SurveyService);
    const random = seededRandom(2026);
    let stored = 0;
    for (const request of requests) {
      const token = newPersonalToken();
      await this.transactor.run((m) =>
        m.update(EvaluationRequest, request.id, { tokenHash: hashPersonalToken(token) }),
      );
      const outcome = await survey.submit(token, demoAnswers(random), this.now);
      if (outcome.outcome === 'stored') stored++;
    }
    return stored;
  }
}
