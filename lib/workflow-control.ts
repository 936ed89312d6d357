import { WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import type { Logger } from './logger';

/** Cancels workflows that may or may not be running; a missing or finished one is fine. */
export async function cancelWorkflows(services: { temporal: Client; logger: Logger }, workflowIds: string[]) {
  for (const workflowId of workflowIds) {
    try {
      await services.temporal.workflow.getHandle(workflowId).cancel();
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) {
        services.logger.warn({ err: error, workflowId }, 'could not cancel a workflow');
      }
    }
  }
}

/** Whether a workflow id has a run that is still going, one that closed, or none at all. */
export async function workflowState(temporal: Client, workflowId: string): Promise<'running' | 'closed' | 'missing'> {
  try {
    const { status } = await temporal.workflow.getHandle(workflowId).describe();
    return status.name === 'RUNNING' ? 'running' : 'closed';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'missing';
    throw error;
  }
}

/** How long a request or a readiness probe waits for the workflow service before it says it is unavailable. */
export const workflowServiceDeadlineMs = 2_000;

/**
 * Whether the Temporal frontend answers within the deadline. The client's own connect timeout and retries of
 * an unreachable server add up to many seconds; a caller about to change state asks this first and answers
 * 503 at once instead. The timer stands guard too, should a lazy connection's first dial ignore the deadline.
 */
export async function workflowServiceAnswers(temporal: Client, deadlineMs = workflowServiceDeadlineMs) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
  });
  try {
    await Promise.race([
      temporal.connection.withDeadline(Date.now() + deadlineMs, () => temporal.workflowService.getSystemInfo({})),
      timeout,
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
