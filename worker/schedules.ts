import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import {
  bulkRunReconciliationScheduleId,
  housekeepingScheduleId,
  TaskQueues,
  verificationLinkExpiryScheduleId,
  workflowTypes,
} from '../contract';
import type { Duration } from '@temporalio/common';
import type { Logger } from '../lib/logger';

/**
 * A sweep on the main queue every `every`, with the schedule's id as its workflow id; a sweep still running when
 * the next is due makes the next one pointless (skipped).
 */
function sweepEvery(
  scheduleId: string,
  workflowType: string,
  every: Duration,
  catchupWindow: Duration,
  purpose: string,
): ScheduleOptions {
  return {
    scheduleId,
    spec: { intervals: [{ every }] },
    action: { type: 'startWorkflow', workflowType, workflowId: scheduleId, taskQueue: TaskQueues.main, args: [] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow },
    memo: { purpose },
  };
}

/** The Schedules the service needs, as they should be; `ensureSchedules` makes the server's match. */
export function desiredSchedules(options: { housekeepingEvery?: string } = {}): ScheduleOptions[] {
  return [
    sweepEvery(
      housekeepingScheduleId,
      workflowTypes.housekeeping,
      (options.housekeepingEvery ?? '1 hour') as Duration,
      '1 hour',
      'housekeeping: sessions, sealed secrets, notices, abandoned bulk runs',
    ),
    sweepEvery(
      bulkRunReconciliationScheduleId,
      workflowTypes.bulkRunReconciliation,
      '2 minutes',
      '10 minutes',
      'closes bulk runs whose workflow never started',
    ),
    sweepEvery(
      verificationLinkExpiryScheduleId,
      workflowTypes.verificationLinkExpiry,
      '1 minute',
      '10 minutes',
      'verification links whose validity ended without a click: 期限切れ',
    ),
  ];
}

/**
 * Creates each Schedule, or brings an existing one (from an earlier start, or another worker starting at the
 * same moment) to the desired spec and action. Every worker calls it at start-up; it is idempotent.
 */
export async function ensureSchedules(client: Client, logger: Logger, schedules = desiredSchedules()): Promise<void> {
  for (const options of schedules) {
    try {
      await client.schedule.create(options);
      logger.info({ scheduleId: options.scheduleId }, 'schedule created');
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(options.scheduleId).update((current) => ({
        spec: options.spec,
        action: options.action,
        policies: { ...current.policies, ...options.policies },
        // A pause set by an operator stays.
        state: current.state,
      }));
      logger.info({ scheduleId: options.scheduleId }, 'schedule up to date');
    }
  }
}
