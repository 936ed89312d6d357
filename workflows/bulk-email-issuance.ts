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
import { bulkRunProgressQuery, type BulkEmailIssuanceInput, type BulkRunProgress } from '../contract';

/** Items started per activity call: about 3 history events each, whatever the size of the run. */
export const bulkChunkSize = 100;
/** While chunks run, the workflow's own progress is read at most this often (workflow time). */
const progressReadIntervalMs = 2_000;
/** Chunks (or progress polls) per run before it continues as new, well before the server's suggestion. */
const stepsPerRun = 50;

const chunkOptions: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  // It heartbeats after every item (a few ms each): a killed worker's chunk is retried elsewhere ~12 s later
  // (this timeout plus the first retry interval) instead of a minute later. Measured in test/crash-recovery.test.ts.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

const { readBulkRunProgress, finishBulkRun } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * A bulk e-mail issuance (●メール且つ一括送信). The selection is in the database (BulkRunItem rows);
 * this workflow pages through it by position, one activity per chunk starting the per-employee
 * emailIssuance workflows, then waits until every verification mail is out and records the measured
 * send rate. Its history holds only cursors and counts, and it continues as new regularly.
 */
export async function bulkEmailIssuance(input: BulkEmailIssuanceInput): Promise<BulkRunProgress> {
  let progress: BulkRunProgress | null = input.progress ?? null;
  setHandler(bulkRunProgressQuery, () => progress);

  const carryOn = async (next: BulkEmailIssuanceInput): Promise<never> => {
    await condition(allHandlersFinished);
    return continueAsNew<typeof bulkEmailIssuance>(next);
  };

  const { startBulkChunk } = proxyActivities<ReturnType<typeof createActivities>>({
    ...chunkOptions,
    ...chunkTaskQueue(),
  });
  let cursor = input.cursor;
  // Two chunks in flight, each its own range of positions (positions are 1..total): while one chunk is
  // between its last mail and the next chunk's first (recording, starting workflows, the completion through
  // the server, the next claim), the other one sends, so the run keeps the configured mail rate instead of
  // losing that gap at every chunk. Runs started before this change replay with one chunk at a time.
  if (!input.allStarted && patched('bulk-email-two-chunks-in-flight')) {
    let next = cursor;
    let ended = false;
    let chunks = 0;
    // The progress (this workflow's query; the API reads the database itself) counts every item of the run:
    // read after every chunk, a run of 100,000 would count its items 1,000 times. Runs started before this
    // change replay reading it after every chunk.
    const readEveryChunk = !patched('bulk-email-progress-every-2-seconds');
    let lastRead = Number.NEGATIVE_INFINITY;
    const lane = async () => {
      while (!ended && chunks < stepsPerRun && !workflowInfo().continueAsNewSuggested) {
        const from = next;
        next += bulkChunkSize;
        chunks += 1;
        const { lastPosition } = await startBulkChunk(input.runId, from, bulkChunkSize, from + bulkChunkSize);
        if (lastPosition === null) ended = true;
        if (readEveryChunk || ended || Date.now() - lastRead >= progressReadIntervalMs) {
          lastRead = Date.now();
          progress = await readBulkRunProgress(input.runId);
        }
      }
    };
    await Promise.all([lane(), lane()]);
    // Both lanes are idle: every position up to `next` is handled.
    if (!ended) await carryOn({ runId: input.runId, cursor: next, progress: progress ?? undefined });
  } else if (!input.allStarted) {
    for (let step = 1; ; step++) {
      const { lastPosition } = await startBulkChunk(input.runId, cursor, bulkChunkSize);
      progress = await readBulkRunProgress(input.runId);
      if (lastPosition === null) break;
      cursor = lastPosition;
      if (workflowInfo().continueAsNewSuggested || step >= stepsPerRun) {
        await carryOn({ runId: input.runId, cursor, progress });
      }
    }
  }

  for (let step = 1; ; step++) {
    progress = await readBulkRunProgress(input.runId);
    if (progress.queued === 0 && progress.sending === 0) break;
    await sleep('2 seconds');
    if (workflowInfo().continueAsNewSuggested || step >= stepsPerRun) {
      await carryOn({ runId: input.runId, cursor, allStarted: true, progress });
    }
  }
  progress = await finishBulkRun(input.runId);
  return progress;
}
