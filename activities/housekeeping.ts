import type { HousekeepingResult } from '../contract';
import { WorkflowNotFoundError } from '@temporalio/client';
import { purgeExpired, reconcileBulkRuns, type RunWorkflowState } from '../domain/housekeeping';
import { Context } from '@temporalio/activity';
import { expireLapsedLinks, lapsedLinkBatch } from '../domain/issuance/lapsed-links';
import type { ActivityDependencies } from './dependencies';

/** The daily sweep (purgeExpired) of what the workflows normally clean up themselves. */
export function createPurgeExpired(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function purgeExpiredActivity(): Promise<HousekeepingResult> {
    const report = await purgeExpired(deps.orm.em.fork(), now());
    deps.logger.info({ event: 'housekeeping', ...report }, 'housekeeping done');
    return report;
  };
}

/** Closes bulk runs whose workflow never started or ended without closing them (reconcileBulkRuns). */
export function createReconcileBulkRuns(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function reconcileBulkRunsActivity(): Promise<{ runsClosed: number }> {
    const temporal = deps.temporal;
    if (!temporal) throw new Error('reconcileBulkRuns needs the Temporal client');
    const workflowState = async (workflowId: string): Promise<RunWorkflowState> => {
      try {
        const { status } = await temporal.workflow.getHandle(workflowId).describe();
        return status.name === 'RUNNING' ? 'running' : 'closed';
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return 'missing';
        throw error;
      }
    };
    const { runsClosed } = await reconcileBulkRuns(deps.orm.em.fork(), workflowState, now());
    if (runsClosed.length > 0) {
      deps.logger.warn({ event: 'bulk-runs-reconciled', runIds: runsClosed }, 'closed bulk runs without a workflow');
    }
    return { runsClosed: runsClosed.length };
  };
}

/** One sweep of lapsed verification links (expireLapsedLinks), a batch per transaction until none is left. */
export function createExpireLapsedLinks(deps: ActivityDependencies) {
  return async function expireLapsedLinksActivity(): Promise<{ linksExpired: number }> {
    let linksExpired = 0;
    // A bounded sweep: what is left (accounts held by a click at that moment, or more than this) waits a minute.
    for (let batch = 0; batch < 200; batch += 1) {
      const expired = await expireLapsedLinks(deps.orm.em.fork(), deps, lapsedLinkBatch);
      linksExpired += expired;
      if (expired === 0) break;
      Context.current().heartbeat();
    }
    return { linksExpired };
  };
}
