import { Context } from '@temporalio/activity';
import type { AccountImportProgress } from '../contract';
import { applyAccountImportChunk, finishAccountImport, importProgress } from '../domain/accounts/account-import';
import type { ActivityDependencies } from './dependencies';

/**
 * The next chunk of a CSV import, applied in one transaction with the rows' outcomes (a retry after a
 * crash finds those rows done and skips them). It heartbeats while it works, so a killed worker's chunk
 * is retried elsewhere within the heartbeat timeout. Answers the progress after the chunk and how many rows it took
 * (none: every pending row is held by another chunk, or none is left).
 */
export function createApplyAccountImportChunk(deps: ActivityDependencies) {
  return async function applyAccountImportChunkActivity(
    importId: string,
  ): Promise<{ progress: AccountImportProgress; taken: number }> {
    const context = Context.current();
    context.heartbeat();
    const beat = setInterval(() => context.heartbeat(), 1000);
    let taken: number;
    try {
      taken = await applyAccountImportChunk(deps.orm.em, importId, { clock: deps.clock });
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
