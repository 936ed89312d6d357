import { ApplicationFailure } from '@temporalio/common';
import type { TransferStatus } from '../entities';
import { applyPendingTransfer } from '../domain/transfers/transfers';
import type { ActivityDependencies } from './dependencies';

/** The transfer workflow's step: the domain's one transfer application, in its own transaction. */
export function createApplyTransfer(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function applyTransfer(transferId: string): Promise<{ state: TransferStatus }> {
    const outcome = await deps.orm.em.fork().transactional((em) => applyPendingTransfer(em, transferId, now()));
    if (!outcome) {
      throw ApplicationFailure.create({
        type: 'TransferNotFound',
        message: `transfer ${transferId} not found`,
        nonRetryable: true,
      });
    }
    if (outcome.state === 'applied') deps.logger.info({ transferId, event: 'transfer-applied' }, 'transfer applied');
    return outcome;
  };
}
