import { Coordinates } from '../../reference/distance';

export interface MemberPreference {
  seminarId: number;
  /** 1 is the first choice. */
  rank: number;
}

export interface AllocationMember {
  id: number;
  municipalityCode: number;
  /** The member's municipality reference point: travel is measured from here. */
  origin: Coordinates;
  preferences?: readonly MemberPreference[];
  /** Seminars the member cannot attend (e.g. a date they cannot make): never used. */
  excluded?: readonly number[];
  /**
   * The member's party for the party rule: a national list letter, or a key unique to a local
   * list (local lists are parties of one municipality). Left out: the party rule ignores them.
   */
  party?: string;
}

export interface SeatedCount {
  municipalityCode: number;
  count: number;
}

export interface SeatedPartyCount {
  party: string;
  count: number;
}

export interface AllocationSeminar {
  id: number;
  venue: Coordinates;
  /**
   * Seats left to fill: capacity minus seats already taken. To rebalance, pass the seated
   * members as members too and count their seats as free (and not in `seated`).
   */
  freeSeats: number;
  /** Members already seated per municipality; they count towards maxPerMunicipality. */
  seated?: readonly SeatedCount[];
  /** Members already seated per party; they count towards maxPerParty. */
  seatedParties?: readonly SeatedPartyCount[];
}

export interface AllocationOptions {
  /** K: at most this many members of one municipality in one seminar, seated ones included. */
  maxPerMunicipality: number;
  /** P: at most this many members of one party in one seminar, seated ones included. None: no party rule. */
  maxPerParty?: number;
  /**
   * Preference bonus in km: placing a member in their rank-r choice lowers the cost by
   * preferenceBonusKm[r - 1] km (a first choice 40 km further away than the nearest seminar
   * still wins with a 50 km bonus). Ranks beyond the list get no bonus. Default: none.
   */
  preferenceBonusKm?: readonly number[];
}

export interface AllocationInput {
  members: readonly AllocationMember[];
  seminars: readonly AllocationSeminar[];
  options: AllocationOptions;
}

export interface Assignment {
  memberId: number;
  seminarId: number;
  /** Great-circle km from the member's origin to the venue, to the metre. */
  km: number;
  /** km minus the preference bonus: what the solver minimised for this member. */
  cost: number;
  /** Rank of this seminar among the member's preferences, null if not among them. */
  preferenceRank: number | null;
}

/**
 * - all_seminars_excluded: the member cannot attend any of the seminars offered.
 * - no_seat_within_limits: every seminar the member could attend is full or already holds
 *   K members of the member's municipality in the optimal proposal. As the proposal places
 *   as many members as possible, this member could only be placed by unplacing another.
 */
export type UnplacedReason = 'all_seminars_excluded' | 'no_seat_within_limits';

/** How sure the proposal is of being optimal. */
export interface Optimality {
  /** flow: the network solver (exact by construction); mip: HiGHS's branch and bound. */
  engine: 'flow' | 'mip';
  /**
   * Proven relative gap between the proposal's cost and the best cost possible: 0 is a proven
   * optimum; null when a time limit left no bound.
   */
  gap: number | null;
  /** Proven lower bound on the cost (km minus bonuses) of any proposal placing as many members. */
  boundKm: number | null;
  /** True when the most members that can be placed is proven (it always is unless a time limit hit). */
  placedProven: boolean;
  timeLimitHit: boolean;
}

export interface Unplaced {
  memberId: number;
  reason: UnplacedReason;
}

export interface AllocationStats {
  members: number;
  placed: number;
  unplaced: number;
  /** Placed members per preference rank they got (ranks nobody got are left out). */
  placedAtPreference: { rank: number; members: number }[];
  longestKm: number;
  /** Size of the flow network after grouping interchangeable members. */
  networkNodes: number;
  networkArcs: number;
  pivots: number;
}

export interface AllocationResult {
  /** Sorted by member id. */
  assignments: Assignment[];
  /** Sorted by member id. */
  unplaced: Unplaced[];
  totalKm: number;
  /** Sum of the assignments' costs (km minus preference bonuses): minimal among all proposals placing as many. */
  totalCost: number;
  stats: AllocationStats;
  optimality: Optimality;
}
