import { ApplicationFailure } from '@temporalio/common';
import type { ReorganisationStatus } from '../entities';
import { applyPendingReorganisation } from '../domain/organisation/reorganisations';
import type { ActivityDependencies } from './dependencies';

/** The reorganisation workflow's step: the domain's one application, in its own transaction. */
export function createApplyReorganisation(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function applyReorganisation(reorganisationId: string): Promise<{ state: ReorganisationStatus }> {
    const outcome = await deps.orm.em
      .fork()
      .transactional((em) => applyPendingReorganisation(em, reorganisationId, now()));
    if (!outcome) {
      throw ApplicationFailure.create({
        type: 'ReorganisationNotFound',
        message: `reorganisation ${reorganisationId} not found`,
        nonRetryable: true,
      });
    }
    if (outcome.state === 'applied') {
      deps.logger.info({ reorganisationId, event: 'reorganisation-applied' }, 'reorganisation applied');
    }
    return outcome;
  };
}
