import { SingleBar } from 'cli-progress';

export interface ProgressState<T> {
  done: boolean;
  value: number;
  total: number;
  result: T;
  /** What is happening beside the bar: the time left as the API estimates it, or why the mails wait. */
  note?: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Polls until `poll` says done. On a terminal (stderr a TTY, not --json) a progress bar with the API's own
 * estimate beside it (cli-progress's ETA, "NFs" while nothing has moved, is left out); elsewhere (a log, a
 * pipe) plain lines, each note once when it changes, and no control characters.
 */
export async function watch<T>(
  options: { json?: boolean; intervalMs?: number },
  poll: () => Promise<ProgressState<T>>,
): Promise<T> {
  const onTerminal = !options.json && Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb';
  const bar = onTerminal
    ? new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} {note}', stream: process.stderr })
    : undefined;
  let started = false;
  let lastNote = '';
  try {
    for (;;) {
      const state = await poll();
      const note = state.note ?? '';
      if (bar && !started) {
        bar.start(state.total, state.value, { note });
        started = true;
      }
      bar?.update(state.value, { note });
      if (!bar && !options.json && note !== lastNote && note !== '') process.stderr.write(`${note}\n`);
      lastNote = note;
      if (state.done) return state.result;
      await sleep(options.intervalMs ?? 500);
    }
  } finally {
    bar?.stop();
  }
}
