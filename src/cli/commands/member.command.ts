import { readFileSync } from 'node:fs';
import { INestApplicationContext } from '@nestjs/common';
import { Command, InvalidArgumentError } from 'commander';
import { DomainError } from '../../common/domain-error';
import { CLI_CALLER } from '../../cycles/caller';
import { CyclesService } from '../../cycles/cycles.service';
import { GdprService, RetentionResult } from '../../cycles/gdpr/gdpr.service';
import {
  ImportReport,
  MemberImportService,
  NewlyElectedProposal,
} from '../../cycles/import/member-import.service';
import { withApp } from '../app-context';
import { progressBar } from '../progress';

export interface ImportCommandOptions {
  dryRun?: boolean;
  skipRejected?: boolean;
  acceptProposal?: boolean;
  newlyElected?: number[];
  reElected?: number[];
}

/** The import command's work, apart from commander so that tests can run it inside a test app. */
export async function importMembersFile(
  app: INestApplicationContext,
  cycle: string,
  file: string,
  options: ImportCommandOptions,
): Promise<ImportReport> {
  const { id } = await app.get(CyclesService).find(cycle);
  const progress = progressBar(options.dryRun ? 'Checking' : 'Importing');
  try {
    return await app.get(MemberImportService).import(
      id,
      readFileSync(file),
      {
        dryRun: Boolean(options.dryRun),
        skipRejected: Boolean(options.skipRejected),
        newlyElected: {
          accept: Boolean(options.acceptProposal),
          newlyElected: options.newlyElected ?? [],
          reElected: options.reElected ?? [],
        },
        onProgress: ({ done, total }) => progress.update(done, total),
      },
      CLI_CALLER,
    );
  } finally {
    progress.stop();
  }
}

/**
 * One line per rejected row and a summary; never the other rows' personal data. For a file without
 * a Nyvalgt column, the proposal first: each member beside the previous cycle's, for confirming.
 */
export function describeReport(report: ImportReport): string[] {
  const lines = describeProposal(report.newlyElectedProposal);
  report.rows
    .filter((r) => r.status === 'rejected')
    .forEach((r) =>
      lines.push(`row ${r.row}: ${(r.reasons ?? []).map((p) => `${p.field}: ${p.reason}`).join('; ')}`),
    );
  const s = report.summary;
  lines.push(
    `${s.rows} rows: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected` +
      (report.applied ? ' (applied)' : ' (nothing changed)'),
  );
  return lines;
}

function describeProposal(proposal: NewlyElectedProposal | undefined): string[] {
  if (!proposal) return [];
  const against = proposal.previousCycle
    ? `the register of ${proposal.previousCycle.code}`
    : 'no earlier cycle (everybody is proposed as newly elected)';
  const lines = [`No Nyvalgt column: proposed from ${against}:`];
  for (const m of proposal.matches) {
    const match = m.previous ? `= ${m.previous.name} (${proposal.previousCycle?.code})` : 'no match';
    const flag = m.newlyElected ? 'nyvalgt' : 'genvalgt';
    lines.push(`  row ${m.row}: ${m.name} ${match} → ${flag}${m.corrected ? ' (corrected)' : ''}`);
  }
  lines.push(
    proposal.accepted
      ? '  proposal accepted'
      : '  to import, accept it with --accept-proposal (correct rows with --newly-elected 4,7 / --re-elected 5)',
  );
  return lines;
}

function rowList(value: string): number[] {
  if (!/^\d+(,\d+)*$/.test(value)) throw new InvalidArgumentError('must be row numbers, e.g. 4,7');
  return value.split(',').map(Number);
}

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number of years');
  return Number(value);
}

export function registerMemberCommands(program: Command): void {
  program
    .command('import-members')
    .description('Import council members from a CSV or XLSX file into a cycle (all or nothing)')
    .argument('<cycle>', 'the cycle’s code (KV25) or id')
    .argument('<file>', 'a .csv or .xlsx file')
    .option('--dry-run', 'only report what would happen')
    .option('--skip-rejected', 'apply the good rows even when some are rejected')
    .option('--accept-proposal', 'without a Nyvalgt column: import the proposed flags')
    .option('--newly-elected <rows>', 'rows to import as newly elected, correcting the proposal', rowList)
    .option('--re-elected <rows>', 'rows to import as re-elected, correcting the proposal', rowList)
    .action((cycle: string, file: string, options: ImportCommandOptions) =>
      withApp(async (app) => {
        try {
          const report = await importMembersFile(app, cycle, file, options);
          describeReport(report).forEach((line) => console.log(line));
        } catch (error) {
          // A refused commit names every rejected row; main prints the message itself.
          if (error instanceof DomainError)
            error.details?.forEach((d) => console.error(`${d.field}: ${d.reason}`));
          throw error;
        }
      }),
    );

  program
    .command('retention')
    .description('Erase the personal data of cycles whose term ended more than <years> years ago')
    .requiredOption('--years <years>', 'years to keep after the term ends', nonNegativeInteger)
    .option('--dry-run', 'only count what would be erased')
    .action((options: { years: number; dryRun?: boolean }) =>
      withApp(async (app) => {
        const today = new Date().toISOString().slice(0, 10);
        const results = await app
          .get(GdprService)
          .applyRetention(options.years, today, Boolean(options.dryRun), CLI_CALLER);
        describeRetention(results, Boolean(options.dryRun)).forEach((line) => console.log(line));
      }),
    );
}

function describeRetention(results: RetentionResult[], dryRun: boolean): string[] {
  if (results.length === 0) return ['No cycle is past its retention period.'];
  const verb = dryRun ? 'would erase' : 'erased';
  return results.map((r) => `${r.cycle} (term ended ${r.termEnd}): ${verb} ${r.members} members`);
}
