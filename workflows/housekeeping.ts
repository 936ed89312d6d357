import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { HousekeepingResult } from '../contract';

const { purgeExpired } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

/** Started by the `housekeeping` Temporal Schedule (worker/schedules.ts): one sweep, counts in the result. */
export async function housekeeping(): Promise<HousekeepingResult> {
  return purgeExpired();
}
