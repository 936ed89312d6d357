import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { HousekeepingResult } from '../contract';

const { purgeExpired, reconcileBulkRuns } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

/** Started by the `housekeeping` Temporal Schedule (worker/schedules.ts): one sweep, counts in the result. */
export async function housekeeping(): Promise<HousekeepingResult> {
  return purgeExpired();
}

/**
 * Started by the `bulk-run-reconciliation` Schedule every 2 minutes: closes bulk runs whose workflow never
 * started (the API died between recording the run and starting it), so that none stays open for ever.
 */
export async function bulkRunReconciliation(): Promise<{ runsClosed: number }> {
  return reconcileBulkRuns();
}

const linkSweep = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '5 minutes',
  // It heartbeats after every batch: an attempt whose worker died is retried within a minute, and one still
  // running when its retry starts stops at its next batch.
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', maximumInterval: '1 minute', maximumAttempts: 3 },
});

/**
 * Started by the `verification-link-expiry` Schedule every minute: 期限切れ for the verification links whose
 * validity ended without a click (a bulk run's employees have no workflow of their own until they click), and
 * the workflow of a confirmed issuance whose click never reached Temporal.
 */
export async function verificationLinkExpiry(): Promise<{ linksExpired: number; confirmationsResumed: number }> {
  const { linksExpired } = await linkSweep.expireLapsedLinks();
  const { confirmationsResumed } = await linkSweep.resumeStrandedConfirmations();
  return { linksExpired, confirmationsResumed };
}
