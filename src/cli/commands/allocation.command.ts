import { Command, InvalidArgumentError } from 'commander';
import { DataSource, In, IsNull } from 'typeorm';
import { AllocationService } from '../../allocation/allocation.service';
import { ProposalSummary } from '../../allocation/proposal-summary';
import { StaffUser } from '../../auth/staff-user.entity';
import { withApp } from '../app-context';

interface AllocateOptions {
  wave?: number;
  k?: number;
  p?: number;
  rebalance?: boolean;
  apply?: boolean;
  as?: string;
}

const positiveInteger = (raw: string) => {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return Number(raw);
};

export function registerAllocationCommands(program: Command): void {
  program
    .command('allocate')
    .description(
      'Propose seats for the invited members without one (least travel), and optionally apply them',
    )
    .argument('<cycle>', 'the cycle’s code (e.g. KV25) or id')
    .option('--wave <id>', 'only the seminars of this wave', positiveInteger)
    .option('--k <n>', 'at most n members of one municipality per seminar', positiveInteger)
    .option('--p <n>', 'at most n members of one party per seminar (the party rule)', positiveInteger)
    .option('--rebalance', 'also move members already seated in the seminars offered')
    .option('--apply', 'create the seats (needs --as)')
    .option('--as <email>', 'the planner or admin applying the proposal (recorded on the seats)')
    .action((cycleArg: string, options: AllocateOptions) =>
      withApp(async (app) => {
        const allocations = app.get(AllocationService);
        const staff = options.as ? await planner(app.get(DataSource), options.as) : null;
        if (options.apply && !staff) {
          console.error('--apply needs --as <email> of an active planner or admin account');
          process.exitCode = 1;
          return;
        }
        const cycle = await allocations.findCycle(cycleArg);
        const started = Date.now();
        process.stderr.write(`Gathering members and seminars of ${cycle.code} and solving…\n`);
        const { proposal } = await allocations.propose(
          cycle.id,
          {
            waveId: options.wave,
            maxPerMunicipality: options.k,
            maxPerParty: options.p,
            rebalance: options.rebalance,
          },
          staff?.id ?? null,
          'inline',
        );
        process.stderr.write(`Proposal ${proposal.id} ${proposal.status} in ${Date.now() - started} ms\n`);
        if (proposal.status !== 'ready') {
          console.error(`Proposal ${proposal.id} could not be solved: ${proposal.error}`);
          process.exitCode = 1;
          return;
        }
        console.log(formatSummary(proposal.summary!));
        if (!options.apply) {
          console.log(
            `Not applied. Apply with: POST /api/cycles/${cycle.id}/allocations/${proposal.id}/apply`,
          );
          return;
        }
        process.stderr.write(`Applying ${proposal.placements!.length} seats…\n`);
        const applied = await allocations.apply(cycle.id, proposal.id, {
          kind: 'planner',
          staffId: staff!.id,
        });
        console.log(`Proposal ${applied.id} applied: ${proposal.placements!.length} seats created or moved.`);
      }),
    );
}

async function planner(dataSource: DataSource, email: string): Promise<StaffUser> {
  const staff = await dataSource.manager.findOneBy(StaffUser, {
    email: email.toLowerCase(),
    role: In(['planner', 'admin']),
    disabledAt: IsNull(),
  });
  if (!staff) throw new Error(`No active planner or admin account ${email}`);
  return staff;
}

export function formatSummary(s: ProposalSummary): string {
  const lines = [
    `Members: ${s.members}, placed: ${s.placed}, unplaced: ${s.unplacedCount}, K = ${s.kUsed ?? 'off'}, P = ${s.pUsed ?? 'off'}`,
    `Travel: ${s.totalKm} km in all, ${s.averageKm} km on average (solved in ${s.solveMs} ms)`,
    `Optimality: ${s.optimality.engine}, proven gap ${s.optimality.gapPercent ?? 'unknown'} %${s.optimality.timeLimitHit ? ' (time limit reached)' : ''}`,
    'Price of the rules:',
    ...s.rulePrices.map(
      (p) =>
        `  ${p.rules}: ${p.totalKm} km, ${p.placed} placed${p.extraKm === null ? '' : `, +${p.extraKm} km (${p.extraPercent} %)`}`,
    ),
    ...s.bindingRules.map((b) => `  ${b.text}`),
    '',
    'Seminar fill (seated + proposed / capacity):',
    ...s.seminars.map(
      (x) =>
        `  ${x.seminarId} ${x.title} (${x.town}): ${x.seated} + ${x.proposed} / ${x.capacity} = ${Math.round(x.fillRate * 100)} %`,
    ),
    '',
    'Longest trips:',
    ...s.longestTrips.map((t) => `  ${t.km} km  ${t.name ?? '(slettet)'}, ${t.municipality} → ${t.seminar}`),
  ];
  if (s.moves.length > 0) {
    lines.push('', `Moves (${s.moves.length}):`);
    lines.push(...s.moves.map((m) => `  ${m.name ?? m.memberId}: ${m.fromSeminarId} → ${m.toSeminarId}`));
  }
  if (s.unplaced.length > 0) {
    lines.push('', `Unplaced (${s.unplaced.length}):`);
    lines.push(...s.unplaced.map((u) => `  ${u.name ?? u.memberId}, ${u.municipality}: ${u.reason}`));
  }
  return lines.join('\n');
}
