import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SolvedProposal } from './proposal-summary';
import { MipProgress } from './solver/mixed-allocation';
import type { SolveJob, WorkerMessage } from './solve-worker';

/**
 * Run from the TypeScript sources (ts-jest), the worker has no compiler of its own: it gets
 * one that transpiles each required .ts file on the fly. The built app runs the .js directly.
 */
const FROM_SOURCES = `
const fs = require('node:fs');
const ts = require('typescript');
require.extensions['.ts'] = (module, file) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, file);
};
require(require('node:worker_threads').workerData.entry);
`;

export interface WorkerLimits {
  /** Stops the worker; the promise rejects with the signal's reason. */
  stop?: AbortSignal;
  /** The worker's heap limit in MB (0: Node's own); above it the worker dies with ERR_WORKER_OUT_OF_MEMORY. */
  memoryMb?: number;
}

/**
 * Solves a proposal in a worker thread, so the event loop (pages, bookings) keeps answering
 * while HiGHS works. Progress arrives as the integer program reports it; a worker that dies,
 * or is stopped through `stop`, rejects with the reason.
 */
export function solveInWorker(
  job: SolveJob,
  onProgress: (progress: MipProgress) => void,
  { stop, memoryMb = 0 }: WorkerLimits = {},
): Promise<SolvedProposal> {
  if (stop?.aborted) return Promise.reject(new Error(String(stop.reason)));
  const entry = join(__dirname, `solve-worker${extname(__filename)}`);
  const resourceLimits = memoryMb > 0 ? { maxOldGenerationSizeMb: memoryMb } : undefined;
  const worker = entry.endsWith('.ts')
    ? new Worker(FROM_SOURCES, { eval: true, workerData: { ...job, entry }, resourceLimits })
    : new Worker(entry, { workerData: job, resourceLimits });
  return new Promise<SolvedProposal>((resolve, reject) => {
    let solved: SolvedProposal | null = null;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.progress);
      else solved = message.solved;
    });
    const stopped = () => void worker.terminate();
    stop?.addEventListener('abort', stopped);
    worker.on('error', reject);
    worker.on('exit', (code) => {
      stop?.removeEventListener('abort', stopped);
      if (solved) resolve(solved);
      else if (stop?.aborted) reject(new Error(String(stop.reason)));
      else reject(new Error(`the solver stopped (exit code ${code}) before the proposal was ready`));
    });
  });
}
