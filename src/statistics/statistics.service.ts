import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { CyclesService } from '../cycles/cycles.service';
import { ReferenceService } from '../reference/reference.service';
import { compareGroups, ComparedGroup, coverageDifference } from './comparison';
import { CycleEvaluation, EvaluationFigures } from './evaluation-figures';
import {
  byMunicipality,
  byParty,
  byRegion,
  byWave,
  dailyTimeline,
  MemberGroup,
  MunicipalityFigures,
  ParticipationFigures,
  PartyFigures,
  rate,
  RegionFigures,
  SeminarFigures,
  seminarFigures,
  TimelineDay,
  totals,
  WaveFigures,
} from './figures';
import { StatisticsQueries } from './statistics-queries';

export interface CycleRef {
  id: number;
  code: string;
  name: string;
}

export interface Listing<T> {
  cycle: CycleRef;
  items: T[];
}

export interface SeminarTotals {
  count: number;
  capacity: number;
  registered: number;
  waitlisted: number;
  attended: number;
  noShows: number;
  fillRate: number | null;
}

export interface Summary {
  cycle: CycleRef;
  totals: ParticipationFigures;
  seminars: SeminarTotals;
  evaluation: CycleEvaluation | null;
}

export interface CycleComparison {
  cycle: CycleRef;
  totals: ParticipationFigures;
  regions: RegionFigures[];
}

/** Two cycles group by group: regions, municipalities and national parties (local lists together). */
export interface CyclePair {
  before: CycleRef;
  after: CycleRef;
  totals: ComparedGroup;
  regions: ComparedGroup[];
  municipalities: ComparedGroup[];
  parties: ComparedGroup[];
}

/** The KL figures of a cycle, computed from the database at the moment of asking. */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly queries: StatisticsQueries,
    private readonly cycles: CyclesService,
    private readonly reference: ReferenceService,
    private readonly evaluations: EvaluationFigures,
  ) {}

  private async cycleRef(cycleId: number): Promise<CycleRef> {
    const { id, code, name } = await this.cycles.get(cycleId);
    return { id, code, name };
  }

  async summary(cycleId: number): Promise<Summary> {
    const cycle = await this.cycleRef(cycleId);
    const [groups, seminars, evaluation] = await Promise.all([
      this.queries.memberGroups(cycleId),
      this.seminarItems(cycleId),
      this.evaluations.forCycle(cycleId),
    ]);
    const offered = seminars.filter((s) => s.status !== 'cancelled');
    const capacity = offered.reduce((n, s) => n + s.capacity, 0);
    const registered = seminars.reduce((n, s) => n + s.registered, 0);
    return {
      cycle,
      totals: totals(groups),
      seminars: {
        count: offered.length,
        capacity,
        registered,
        waitlisted: seminars.reduce((n, s) => n + s.waitlisted, 0),
        attended: seminars.reduce((n, s) => n + s.attended, 0),
        noShows: seminars.reduce((n, s) => n + s.noShows, 0),
        fillRate: rate(registered, capacity),
      },
      evaluation,
    };
  }

  async municipalities(cycleId: number): Promise<Listing<MunicipalityFigures>> {
    const cycle = await this.cycleRef(cycleId);
    const [groups, municipalities] = await Promise.all([
      this.queries.memberGroups(cycleId),
      this.reference.listMunicipalities(),
    ]);
    return { cycle, items: byMunicipality(groups, municipalities) };
  }

  async regions(cycleId: number): Promise<Listing<RegionFigures>> {
    const cycle = await this.cycleRef(cycleId);
    return { cycle, items: await this.regionItems(await this.queries.memberGroups(cycleId)) };
  }

  async parties(cycleId: number): Promise<Listing<PartyFigures>> {
    const cycle = await this.cycleRef(cycleId);
    const [groups, parties] = await Promise.all([
      this.queries.memberGroups(cycleId),
      this.reference.listParties(),
    ]);
    return { cycle, items: byParty(groups, parties) };
  }

  async seminars(cycleId: number): Promise<Listing<SeminarFigures>> {
    const cycle = await this.cycleRef(cycleId);
    return { cycle, items: await this.seminarItems(cycleId) };
  }

  async waves(cycleId: number): Promise<Listing<WaveFigures>> {
    const cycle = await this.cycleRef(cycleId);
    return { cycle, items: await this.waveFigures(cycleId) };
  }

  /** Each wave's seats, for a cycle the caller already holds. */
  async waveFigures(cycleId: number): Promise<WaveFigures[]> {
    const [waves, seminars] = await Promise.all([
      this.queries.waves(cycleId),
      this.queries.seminarSeats(cycleId),
    ]);
    return byWave(waves, seminars);
  }

  async timeline(cycleId: number): Promise<Listing<TimelineDay>> {
    const cycle = await this.cycleRef(cycleId);
    return { cycle, items: dailyTimeline(await this.queries.seatEvents(cycleId)) };
  }

  /** Headline figures of several cycles side by side, each given by id or code. */
  async compare(idsOrCodes: string[]): Promise<CycleComparison[]> {
    if (idsOrCodes.length < 1 || idsOrCodes.length > 12)
      throw new DomainError('validation_failed', 'statistics.cycles_query_invalid', 'Bad query', [
        { field: 'cycles', reason: 'name between 1 and 12 cycles by id or code, separated by commas' },
      ]);
    const [municipalities, regions] = await Promise.all([
      this.reference.listMunicipalities(),
      this.reference.listRegions(),
    ]);
    const cycles = await this.cycles.findAll(idsOrCodes);
    const groups = await this.queries.memberGroupsOfCycles(cycles.map((c) => c.id));
    return cycles.map(({ id, code, name }) => ({
      cycle: { id, code, name },
      totals: totals(groups.get(id)!),
      regions: byRegion(groups.get(id)!, municipalities, regions),
    }));
  }

  /** `before` against `after` (each by id or code) per region, municipality and party, with the difference. */
  async pair(before: string, after: string): Promise<CyclePair> {
    const [municipalities, regions, parties] = await Promise.all([
      this.reference.listMunicipalities(),
      this.reference.listRegions(),
      this.reference.listParties(),
    ]);
    const side = async (wanted: string) => {
      const { id, code, name } = await this.cycles.find(wanted);
      const groups = await this.queries.memberGroups(id);
      return {
        cycle: { id, code, name },
        totals: totals(groups),
        regions: byRegion(groups, municipalities, regions),
        municipalities: byMunicipality(groups, municipalities),
        parties: byParty(groups, parties),
      };
    };
    const [b, a] = [await side(before), await side(after)];
    return {
      before: b.cycle,
      after: a.cycle,
      totals: {
        name: 'Hele landet',
        before: b.totals,
        after: a.totals,
        difference: coverageDifference(b.totals, a.totals),
      },
      regions: compareGroups(
        b.regions,
        a.regions,
        (r) => String(r.regionCode),
        (r) => r.name,
      ),
      municipalities: compareGroups(
        b.municipalities,
        a.municipalities,
        (m) => String(m.municipalityCode),
        (m) => m.name,
      ),
      parties: compareGroups(b.parties, a.parties, (p) => p.letter ?? '', partyName),
    };
  }

  private async regionItems(groups: MemberGroup[]): Promise<RegionFigures[]> {
    const [municipalities, regions] = await Promise.all([
      this.reference.listMunicipalities(),
      this.reference.listRegions(),
    ]);
    return byRegion(groups, municipalities, regions);
  }

  private async seminarItems(cycleId: number): Promise<SeminarFigures[]> {
    return seminarFigures(await this.queries.seminarCounts(cycleId));
  }
}

/** "Socialdemokratiet (A)"; the local lists taken together have no letter. */
export function partyName(p: PartyFigures): string {
  return p.letter === null ? p.name : `${p.name} (${p.letter})`;
}
