import type { HousekeepingResult } from '../contract';
import { purgeExpired, reconcileBulkRuns } from '../domain/housekeeping';
import { workflowState } from '../lib/workflow-control';
import { Context } from '@temporalio/activity';
import { signalConfirmation } from '../domain/issuance/email-issuance';
import { expireLapsedLinks, findStrandedConfirmations, lapsedLinkBatch } from '../domain/issuance/lapsed-links';
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
    const { runsClosed } = await reconcileBulkRuns(
      deps.orm.em.fork(),
      (workflowId) => workflowState(temporal, workflowId),
      now(),
    );
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
      // A retry that the server started after this attempt's heartbeat stopped: this one stops at a batch's end.
      if (Context.current().cancellationSignal.aborted) break;
      const expired = await expireLapsedLinks(deps.orm.em.fork(), deps, lapsedLinkBatch);
      linksExpired += expired;
      if (expired === 0) break;
      Context.current().heartbeat();
    }
    return { linksExpired };
  };
}

/** Confirmations checked per sweep for a missing workflow (a backlog is taken a minute at a time). */
const strandedPerSweep = 200;

/**
 * Starts the workflow of a confirmed issuance that has none (findStrandedConfirmations): the click committed but
 * its signal-with-start never reached Temporal. One already running (credentials still retrying) is left alone;
 * a closed one decided the issuance's end itself.
 */
export function createResumeStrandedConfirmations(deps: ActivityDependencies) {
  return async function resumeStrandedConfirmationsActivity(): Promise<{ confirmationsResumed: number }> {
    const temporal = deps.temporal;
    if (!temporal) throw new Error('resumeStrandedConfirmations needs the Temporal client');
    let confirmationsResumed = 0;
    for (const { issuance, bulkRunId } of await findStrandedConfirmations(deps.orm.em.fork(), deps, strandedPerSweep)) {
      if (Context.current().cancellationSignal.aborted) break;
      if ((await workflowState(temporal, issuance.workflowId)) !== 'missing') continue;
      await signalConfirmation(temporal, issuance, bulkRunId);
      confirmationsResumed += 1;
      deps.logger.warn(
        { event: 'confirmation-resumed', issuanceId: issuance.id },
        'a confirmed issuance had no workflow: started it',
      );
      Context.current().heartbeat();
    }
    return { confirmationsResumed };
  };
}
