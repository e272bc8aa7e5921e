import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Placement } from '../registrations/seat.service';
import { InputFingerprint } from './input-fingerprint';
import type { MipProgress } from './solver/mixed-allocation';
import { ProposalSummary } from './proposal-summary';
import type { Replan } from './replan';

export const PROPOSAL_STATUSES = ['solving', 'ready', 'failed', 'applied', 'discarded'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalOptions {
  waveId: number | null;
  /** As asked for; null means the default for the seminars' capacity. */
  maxPerMunicipality: number | null;
  municipalityRule: boolean;
  /** As asked for; null means the default (with partyRule) or no party rule. */
  maxPerParty: number | null;
  partyRule: boolean;
  rebalance: boolean;
  preferenceBonusKm: number[];
  /** A re-plan after one seminar was cancelled or shrunk (absent on other proposals). */
  replan?: Replan | null;
}

/** A solved (or solving) allocation of members to seminars, kept for review until applied or discarded. */
@Entity('allocation_proposals')
@Index(['cycleId'])
export class AllocationProposal {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'cycle_id' })
  cycleId: number;

  @Column('integer', { name: 'wave_id', nullable: true })
  waveId: number | null;

  @Column('varchar', { length: 20 })
  status: ProposalStatus;

  @Column('simple-json')
  options: ProposalOptions;

  /** K: the most members of one municipality in one seminar that the proposal allows; null: no limit. */
  @Column('integer', { name: 'k_used', nullable: true })
  kUsed: number | null;

  /** P: the most members of one party in one seminar; null: no party rule. */
  @Column('integer', { name: 'p_used', nullable: true })
  pUsed: number | null;

  /** Written every few seconds while solving; a `solving` proposal whose heartbeat stopped was cut off. */
  @Column({ name: 'heartbeat_at', type: Date, nullable: true })
  heartbeatAt: Date | null;

  /** The integer program's latest progress while solving. */
  @Column('simple-json', { nullable: true })
  progress: MipProgress | null;

  /** The input as it was when the proposal was made; applying requires it unchanged. */
  @Column('simple-json')
  fingerprint: InputFingerprint;

  @Column('simple-json', { nullable: true })
  summary: ProposalSummary | null;

  /** The seats applying creates: new ones and (when rebalancing) moves. */
  @Column('simple-json', { nullable: true })
  placements: Placement[] | null;

  @Column('varchar', { length: 1000, nullable: true })
  error: string | null;

  @Column('integer', { name: 'created_by', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'solved_at', type: Date, nullable: true })
  solvedAt: Date | null;

  @Column({ name: 'applied_at', type: Date, nullable: true })
  appliedAt: Date | null;

  @Column('integer', { name: 'applied_by', nullable: true })
  appliedBy: number | null;
}
