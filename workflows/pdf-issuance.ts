import {
  ActivityFailure,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { passwordNoticeFetchedSignal, type PdfIssuanceInput, type PdfIssuanceResult } from '../contract';

const rendering = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

const bookkeeping = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One PDF issuance (●PDFで且つ個別発行): render the password notice, then keep the timer that discards it
 * if the admin does not download it in time. The password and the PDF never become payloads; the
 * download itself happens in the API, which deletes the sealed PDF as it sends it.
 */
export async function pdfIssuance(input: PdfIssuanceInput): Promise<PdfIssuanceResult> {
  const { issuanceId } = input;
  let fetched = false;
  setHandler(passwordNoticeFetchedSignal, () => {
    fetched = true;
  });
  try {
    const issued = await rendering.issuePasswordNotice(issuanceId);
    if (issued.state !== 'issued') return { issuanceId, outcome: 'superseded' };
    // Done at the download (the API deleted the PDF as it sent it), else discarded when the link expires.
    if (await condition(() => fetched, input.discardAfterMs)) return { issuanceId, outcome: 'issued' };
    await bookkeeping.discardPasswordNotice(issuanceId);
    return { issuanceId, outcome: 'issued' };
  } catch (error) {
    if (isCancellation(error)) {
      // Cancelled while waiting: the notice must still not outlive its link.
      await CancellationScope.nonCancellable(() => bookkeeping.discardPasswordNotice(issuanceId));
      return { issuanceId, outcome: 'superseded' };
    }
    if (error instanceof ActivityFailure) {
      const reason = error.cause?.message ?? error.message;
      await CancellationScope.nonCancellable(() => bookkeeping.failIssuance(issuanceId, reason));
      return { issuanceId, outcome: 'failed' };
    }
    throw error;
  }
}
