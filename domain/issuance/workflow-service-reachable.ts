import type { Client } from '@temporalio/client';
import { workflowServiceAnswers } from '../../lib/workflow-control';
import { UnavailableError } from '../errors';

/**
 * Asked before an issuance is recorded: with the workflow service down, the request is refused within seconds
 * and the account's history stays as it was (no new issuance marked failed, no open link superseded). The
 * service going away between this check and the start rolls the request back too (start-before-commit.ts).
 */
export async function assertWorkflowServiceReachable(temporal: Client): Promise<void> {
  if (!(await workflowServiceAnswers(temporal))) {
    throw new UnavailableError('The workflow service is not reachable; nothing was changed. Try again shortly.');
  }
}
