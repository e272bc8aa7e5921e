import { parentPort, workerData } from 'node:worker_threads';
import { GatheredInput } from './allocation-input';
import { ProposalRequest, solveProposal } from './proposal-summary';
import { MipProgress } from './solver/mixed-allocation';

export interface SolveJob {
  input: GatheredInput;
  request: ProposalRequest;
  timeLimitSeconds: number;
}

export type WorkerMessage =
  | { kind: 'progress'; progress: MipProgress }
  | { kind: 'done'; solved: Awaited<ReturnType<typeof solveProposal>> };

/** Runs in a worker thread (see solve-in-worker.ts): one proposal, then the thread ends. */
async function main(): Promise<void> {
  const { input, request, timeLimitSeconds } = workerData as SolveJob;
  const solved = await solveProposal(input, request, {
    timeLimitSeconds,
    onProgress: (progress) => parentPort!.postMessage({ kind: 'progress', progress } satisfies WorkerMessage),
  });
  parentPort!.postMessage({ kind: 'done', solved } satisfies WorkerMessage);
}

void main();
