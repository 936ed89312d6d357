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
