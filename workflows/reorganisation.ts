import { CancellationScope, isCancellation, proxyActivities, sleep } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { ReorganisationInput, ReorganisationResult } from '../contract';

const { applyReorganisation } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/**
 * One registered reorganisation (組織変更): waits, in Temporal time, until its effective date begins in the
 * company's time zone, then applies it. Cancelling the reorganisation marks it cancelled in the database
 * and cancels this workflow; the activity applies only a reorganisation still pending, so a cancellation a
 * moment before the date never applies.
 */
export async function reorganisation(input: ReorganisationInput): Promise<ReorganisationResult> {
  try {
    const waitMs = input.effectiveAt - Date.now();
    if (waitMs > 0) await sleep(waitMs);
  } catch (error) {
    if (isCancellation(error)) return { outcome: 'cancelled' };
    throw error;
  }
  const result = await CancellationScope.nonCancellable(() => applyReorganisation(input.reorganisationId));
  return { outcome: result.state === 'applied' ? 'applied' : 'cancelled' };
}
