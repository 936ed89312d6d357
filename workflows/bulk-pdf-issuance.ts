import {
  ActivityFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { chunkTaskQueue } from './bulk-task-queue';
import {
  bulkPdfProgressQuery,
  passwordNoticeFetchedSignal,
  type BulkPdfIssuanceInput,
  type BulkPdfProgress,
  type BulkPdfStage,
} from '../contract';

const chunkOptions: ActivityOptions = {
  startToCloseTimeout: '15 minutes',
  // A chunk heartbeats after every password hashed and every batch recorded (well under a second apart), and
  // the assembly every 2 s while it renders: a killed worker's activity is retried elsewhere about 12 s later
  // (this timeout plus the first retry interval), as for bulk e-mail and import, instead of 2 minutes later.
  // Activity options are not part of the history, so runs started with the old timeout still replay.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
};

const bookkeeping = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * A bulk PDF issuance (●PDF且つ一括発行): new passwords chunk by chunk (ids in, counts out), then one PDF
 * with a page per employee in account-code order, then the timer that discards it if nobody downloads
 * it in time. Passwords and the PDF stay in the database, sealed; none of them becomes a payload.
 */
export async function bulkPdfIssuance(input: BulkPdfIssuanceInput): Promise<BulkPdfProgress> {
  const { noticeId, total } = input;
  let done = 0;
  let stage: BulkPdfStage = 'issuing';
  let fetched = false;
  setHandler(bulkPdfProgressQuery, () => ({ done, total, stage }));
  setHandler(passwordNoticeFetchedSignal, () => {
    fetched = true;
  });
  const progress = (): BulkPdfProgress => ({ done, total, stage });

  try {
    // Hashing and assembly on the bulk queue (runs started before it existed keep the main queue).
    const chunks = proxyActivities<ReturnType<typeof createActivities>>({ ...chunkOptions, ...chunkTaskQueue() });
    // Two chunks in flight: the next one hashes while the previous one records its last batch and its
    // completion travels through the server, so the hashing threads never wait for a chunk boundary.
    // Runs started before this change replay with one chunk at a time.
    const chunksInFlight = patched('bulk-pdf-two-chunks-in-flight') ? 2 : 1;
    let next = 0;
    let stopped = false;
    let failure: { error: unknown } | undefined;
    const lane = async () => {
      while (!failure && !stopped && next < total) {
        const from = next;
        next += input.chunkSize;
        try {
          const chunk = await chunks.issueBulkNoticeChunk(noticeId, input.workflowId, from, input.chunkSize);
          done += chunk.done;
          if (chunk.stopped) stopped = true;
        } catch (error) {
          // The other chunk ends its activity first: nothing is discarded while a chunk still records.
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: chunksInFlight }, lane));
    if (failure) throw failure.error;
    stage = 'assembling';
    const assembled = await chunks.assembleBulkNotice(noticeId, input.discardAfterMs);
    if (assembled.state !== 'ready') {
      stage = 'superseded';
      return progress();
    }
    stage = 'ready';
    // Done at the download (the API deleted the PDF as it sent it), else discarded when the link expires.
    if (await condition(() => fetched, input.discardAfterMs)) {
      stage = 'fetched';
      return progress();
    }
    await bookkeeping.discardBulkNotice(noticeId);
    stage = 'discarded';
    return progress();
  } catch (error) {
    if (isCancellation(error) || error instanceof ActivityFailure) {
      await CancellationScope.nonCancellable(() => bookkeeping.discardBulkNotice(noticeId));
      stage = isCancellation(error) ? 'discarded' : 'failed';
      return progress();
    }
    throw error;
  }
}
