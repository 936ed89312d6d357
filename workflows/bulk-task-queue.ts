import { patched } from '@temporalio/workflow';
import { bulkTaskQueuePatch, TaskQueues } from '../contract';

/**
 * Where a bulk workflow schedules its chunk activities: the bulk queue, except in runs started before that
 * queue existed, which keep their own queue so that their histories replay. Called once per run, before
 * its first chunk.
 */
export function chunkTaskQueue(): { taskQueue?: string } {
  return patched(bulkTaskQueuePatch) ? { taskQueue: TaskQueues.bulk } : {};
}
