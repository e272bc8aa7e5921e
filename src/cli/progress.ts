import { SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress bar on stderr for long commands; plain lines when stderr is not a terminal. */
export function progressBar(label: string): Progress {
  if (!process.stderr.isTTY) {
    let lastPercent = -1;
    return {
      update(done, total) {
        const percent = total === 0 ? 100 : Math.floor((done / total) * 10) * 10;
        if (percent !== lastPercent) process.stderr.write(`${label}: ${done}/${total}\n`);
        lastPercent = percent;
      },
      stop() {},
    };
  }
  const bar = new SingleBar({
    format: `${label} [{bar}] {value}/{total} {percentage}%`,
    stream: process.stderr,
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(total, done);
      started = true;
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}
