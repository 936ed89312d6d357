import { createHarness, type Harness } from '../test/support/harness';

/**
 * Runs a benchmark against the test harness (scratch database, Temporal dev server, worker, SMTP server),
 * tears it down whatever happens, and exits with 0 or, after printing the error, 1.
 */
export function runBenchmark(options: Parameters<typeof createHarness>[0], body: (h: Harness) => Promise<void>): void {
  const run = async () => {
    const h = await createHarness(options);
    try {
      await body(h);
    } finally {
      await h.teardown();
    }
  };
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
