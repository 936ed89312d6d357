import type { AccountImportProgress } from '../contract';
import { applyAccountImportChunk, finishAccountImport, importProgress } from '../domain/accounts/account-import';
import type { ActivityDependencies } from './dependencies';

/**
 * The next chunk of a CSV import, applied in one transaction with the rows' outcomes (a retry after a
 * crash finds those rows done and skips them). Answers the progress after the chunk.
 */
export function createApplyAccountImportChunk(deps: ActivityDependencies) {
  return async function applyAccountImportChunkActivity(
    importId: string,
  ): Promise<{ progress: AccountImportProgress }> {
    await applyAccountImportChunk(deps.orm.em, importId, { clock: deps.clock });
    return { progress: await importProgress(deps.orm.em.fork(), importId) };
  };
}

export function createFinishAccountImport(deps: ActivityDependencies) {
  return async function finishAccountImportActivity(importId: string): Promise<AccountImportProgress> {
    await finishAccountImport(deps.orm.em, importId);
    return importProgress(deps.orm.em.fork(), importId);
  };
}
