import { Context } from '@temporalio/activity';
import { performance } from 'node:perf_hooks';
import type { AccountImportProgress } from '../contract';
import { applyAccountImportChunk, finishAccountImport, importProgress } from '../domain/accounts/account-import';
import type { ActivityDependencies } from './dependencies';

/**
 * How long one call goes on taking chunks: each chunk is its own transaction, so this only sets how often the
 * workflow hears of the progress. Between calls the lane waits for the round trip through the Temporal server
 * (the activity's completion, a workflow task, the next schedule); a chunk per call spent a tenth of the import
 * there (BENCH.md).
 */
export const importCallBudgetMs = 1500;

/**
 * The next chunks of a CSV import, each applied in one transaction with its rows' outcomes (a retry after a
 * crash finds those rows done and skips them), one after the other until none is left or the call has run for
 * importCallBudgetMs. It heartbeats while it works, so a killed worker's chunk is retried elsewhere within the
 * heartbeat timeout. Answers the progress after the last chunk and how many rows the call took (none: every
 * pending row is held by another chunk, or none is left).
 */
export function createApplyAccountImportChunk(deps: ActivityDependencies) {
  return async function applyAccountImportChunkActivity(
    importId: string,
  ): Promise<{ progress: AccountImportProgress; taken: number }> {
    const context = Context.current();
    context.heartbeat();
    const beat = setInterval(() => context.heartbeat(), 1000);
    const started = performance.now();
    let taken = 0;
    try {
      for (;;) {
        const chunk = await applyAccountImportChunk(deps.orm.em, importId, { clock: deps.clock });
        taken += chunk;
        if (chunk === 0 || context.cancellationSignal.aborted) break;
        if (performance.now() - started >= importCallBudgetMs) break;
      }
    } finally {
      clearInterval(beat);
    }
    return { progress: await importProgress(deps.orm.em.fork(), importId), taken };
  };
}

export function createFinishAccountImport(deps: ActivityDependencies) {
  return async function finishAccountImportActivity(importId: string): Promise<AccountImportProgress> {
    await finishAccountImport(deps.orm.em, importId);
    return importProgress(deps.orm.em.fork(), importId);
  };
}
