import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { chunkTaskQueue } from './bulk-task-queue';
import { accountImportProgressQuery, type AccountImportInput, type AccountImportProgress } from '../contract';

/** Activity calls per run before it continues as new, well before the server's suggestion. */
const chunksPerRun = 40;

const chunkOptions: ActivityOptions = {
  // One call applies chunks of 500 rows for about 1.5 s (activities/account-import.ts). It heartbeats every
  // second: a killed worker's chunk is retried elsewhere after the heartbeat timeout
  // (test/crash-recovery.test.ts).
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

const { finishAccountImport } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * A CSV import of accounts. The rows are in the database; each activity call applies the next chunks of
 * pending rows, each in one transaction that records their outcomes, so the history holds only the import's
 * id and counts, and a chunk interrupted by a crash is applied once when retried.
 */
export async function accountImport(input: AccountImportInput): Promise<AccountImportProgress> {
  let progress: AccountImportProgress | null = input.progress ?? null;
  setHandler(accountImportProgressQuery, () => progress);
  const { applyAccountImportChunk } = proxyActivities<ReturnType<typeof createActivities>>({
    ...chunkOptions,
    ...chunkTaskQueue(),
  });
  // Two chunks at once (each transaction on rows of its own): while one is checked in the worker, the database
  // writes the other's. Imports started before run one at a time.
  const lanes = patched('account-import-two-chunks-at-once') ? 2 : 1;
  for (let step = 1; ; step++) {
    const done = await Promise.all(Array.from({ length: lanes }, () => applyAccountImportChunk(input.importId)));
    // Each counted after its own commit: the fewest pending is the latest count.
    ({ progress } = done.reduce((latest, chunk) =>
      chunk.progress.pending < latest.progress.pending ? chunk : latest,
    ));
    if (progress.pending === 0) break;
    // Rows pending that no chunk could take: a transaction that has not ended yet (a worker cut off mid-chunk)
    // still holds them. Wait for it rather than asking again at once.
    if (lanes > 1 && done.every((chunk) => chunk.taken === 0)) await sleep('5 seconds');
    if (workflowInfo().continueAsNewSuggested || step >= chunksPerRun) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof accountImport>({ importId: input.importId, progress });
    }
  }
  progress = await finishAccountImport(input.importId);
  return progress;
}
