import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import {
  transferPlanQuery,
  transferPlanSignal,
  type AccountTransferInput,
  type AccountTransferResult,
  type TransferPlan,
} from '../contract';

const { applyTransfer } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/**
 * The pending transfer (異動) of one account: waits, in Temporal time, until the effective date begins
 * in the company's time zone, then applies it. A new plan (changed date or content) re-arms the wait;
 * null cancels. The database decides what is pending: the activity applies only a transfer that is
 * still pending, so a plan cancelled a moment before its date never applies.
 */
export async function accountTransfer(input: AccountTransferInput): Promise<AccountTransferResult> {
  void input; // the account is named in the workflow id and search attributes; the plan carries the rest
  let plan: TransferPlan | null | undefined;
  let revision = 0;
  setHandler(transferPlanSignal, (next) => {
    plan = next;
    revision += 1;
  });
  setHandler(transferPlanQuery, () => plan ?? null);

  for (;;) {
    await condition(() => plan !== undefined);
    if (!plan) return { outcome: 'cancelled' };
    const current: TransferPlan = plan;
    const seen = revision;
    const waitMs = current.effectiveAt - Date.now();
    if (waitMs > 0 && (await condition(() => revision !== seen, waitMs))) continue;
    if (revision !== seen) continue;
    const result = await applyTransfer(current.transferId);
    if (result.state === 'applied') return { outcome: 'applied', transferId: current.transferId };
    if (revision === seen) return { outcome: 'cancelled', transferId: current.transferId };
  }
}
