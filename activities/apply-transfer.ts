import { LockMode } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { Account, Transfer, type TransferStatus } from '../entities';
import { recordAssignment } from '../lib/assignment-history';
import type { ActivityDependencies } from './dependencies';

/**
 * Applies a pending transfer in one transaction: department, control department, reporting control
 * department and role change together, and the new assignment enters the history. A transfer that is
 * no longer pending (cancelled or replaced) is left alone.
 */
export function createApplyTransfer(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function applyTransfer(transferId: string): Promise<{ state: TransferStatus }> {
    return deps.orm.em.fork().transactional(async (em) => {
      const transfer = await em.findOne(Transfer, transferId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!transfer) {
        throw ApplicationFailure.create({
          type: 'TransferNotFound',
          message: `transfer ${transferId} not found`,
          nonRetryable: true,
        });
      }
      if (transfer.status !== 'pending') return { state: transfer.status };
      const account = await em.findOneOrFail(Account, transfer.account.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      account.effectiveDate = transfer.effectiveDate;
      account.department = transfer.department;
      account.controlDepartment = transfer.controlDepartment;
      account.reportingControlDepartment = transfer.reportingControlDepartment;
      account.role = transfer.role;
      recordAssignment(em, account, 'transfer');
      transfer.status = 'applied';
      transfer.appliedAt = now();
      deps.logger.info({ transferId, event: 'transfer-applied' }, 'transfer applied');
      return { state: transfer.status };
    });
  };
}
