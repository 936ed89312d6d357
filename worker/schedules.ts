import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { housekeepingScheduleId, TaskQueues, workflowTypes } from '../contract';
import type { Logger } from '../lib/logger';

/** The Schedules the service needs, as they should be; `ensureSchedules` makes the server's match. */
export function desiredSchedules(options: { housekeepingEvery?: string } = {}): ScheduleOptions[] {
  return [
    {
      scheduleId: housekeepingScheduleId,
      spec: { intervals: [{ every: (options.housekeepingEvery ?? '1 hour') as '1 hour' }] },
      action: {
        type: 'startWorkflow',
        workflowType: workflowTypes.housekeeping,
        workflowId: 'housekeeping',
        taskQueue: TaskQueues.main,
        args: [],
      },
      // A sweep still running when the next is due makes the next one pointless.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      memo: { purpose: 'housekeeping: sessions, sealed secrets, notices, abandoned bulk runs' },
    },
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
