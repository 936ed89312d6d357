/**
 * Plain JavaScript, so it loads before tsx. Preloaded into a bench's worker process (countingWorkerEnv):
 * counts every statement its `pg` clients send and, on SIGWINCH (ignored by a process without this handler;
 * the Temporal SDK takes SIGUSR2 as a shutdown signal), writes the count to BENCH_SQL_COUNT_FILE
 * for the bench's SQL per employee.
 */
import { writeFileSync } from 'node:fs';
import pg from 'pg';

const file = process.env.BENCH_SQL_COUNT_FILE;
if (file) {
  let count = 0;
  const prototype = pg.Client.prototype;
  const original = prototype.query;
  prototype.query = function query(...args) {
    count++;
    return original.apply(this, args);
  };
  process.on('SIGWINCH', () => writeFileSync(file, String(count)));
}
