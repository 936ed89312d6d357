import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  accountImportWorkflowId,
  SearchAttributes,
  TaskQueues,
  workflowTypes,
  type AccountImportInput,
} from '../../contract';
import { AccountImport, AccountImportRow } from '../../entities';
import type { Logger } from '../../lib/logger';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { NotFoundError } from '../errors';
import { assertWorkflowServiceReachable } from '../issuance/workflow-service-reachable';
import { startOrWithdraw } from '../workflow-start';
import { importProgress, recordAccountImport, type ImportLimits } from './account-import';
import type { CsvSource, ImportEncoding } from './csv-reading';

/** Records the file's rows and starts the import workflow; answers the import as `accountImportStatus` does. */
export async function startAccountImport(
  deps: { em: EntityManager; temporal: Client; logger: Logger },
  principal: Principal,
  content: CsvSource,
  options: { encoding?: ImportEncoding; limits?: ImportLimits; fileName?: string },
) {
  // Temporal down: 503 within seconds, before anything is recorded (see workflow-service-reachable.ts).
  await assertWorkflowServiceReachable(deps.temporal);
  const accountImport = await recordAccountImport(deps.em, principal, content, {
    ...options,
    workflowIdOf: (importId) => accountImportWorkflowId(principal.companyCode, importId),
  });
  if (accountImport.status === 'running') {
    const input: AccountImportInput = { importId: accountImport.id };
    await startOrWithdraw(
      deps.logger,
      () =>
        deps.temporal.workflow.start(workflowTypes.accountImport, {
          taskQueue: TaskQueues.main,
          workflowId: accountImport.workflowId,
          args: [input],
          typedSearchAttributes: [
            { key: SearchAttributes.companyCode, value: principal.companyCode },
            { key: SearchAttributes.accountImportId, value: accountImport.id },
          ],
          memo: { purpose: 'account import', importId: accountImport.id, total: accountImport.total },
        }),
      // Nothing was applied: the import is removed and the admin tries again.
      () => deps.em.fork().nativeDelete(AccountImport, { id: accountImport.id }),
      {
        logFields: { importId: accountImport.id },
        logMessage: 'could not start the account import workflow',
        nothingDone: 'nothing was imported',
      },
    );
  }
  return accountImportStatus(deps.em, principal, accountImport.id);
}

async function findImport(em: EntityManager, principal: Principal, importId: string): Promise<AccountImport> {
  assertPermitted(principal, 'accounts:write');
  const found = await em.findOne(AccountImport, { id: importId, company: principal.companyId });
  if (!found) throw new NotFoundError(`No import "${importId}".`, 'IMPORT_NOT_FOUND');
  return found;
}

/** An import and its progress, from the database (also long after it finished). */
export async function accountImportStatus(em: EntityManager, principal: Principal, importId: string) {
  const found = await findImport(em, principal, importId);
  return {
    importId: found.id,
    workflowId: found.workflowId,
    fileName: found.fileName,
    status: found.status,
    createdAt: found.createdAt.toISOString(),
    finishedAt: found.finishedAt?.toISOString() ?? null,
    progress: await importProgress(em, found.id),
  };
}

/** The imports of the company, newest first. */
export async function listAccountImports(em: EntityManager, principal: Principal, limit = 20) {
  assertPermitted(principal, 'accounts:write');
  const imports = await em.find(
    AccountImport,
    { company: principal.companyId },
    { orderBy: { createdAt: 'desc' }, limit },
  );
  return Promise.all(imports.map((found) => accountImportStatus(em, principal, found.id)));
}

/** The rows of an import with their outcomes, in file order, a page at a time (for the results file). */
export async function* accountImportResults(em: EntityManager, principal: Principal, importId: string) {
  const found = await findImport(em, principal, importId);
  let after = 0;
  for (;;) {
    const rows = await em.fork().find(
      AccountImportRow,
      { accountImport: found.id, rowNumber: { $gt: after } },
      {
        orderBy: { rowNumber: 'asc' },
        limit: 1000,
        fields: ['rowNumber', 'code', 'outcome', 'field', 'errorCode', 'message', 'params'],
      },
    );
    if (rows.length === 0) return;
    for (const row of rows) {
      yield {
        row: row.rowNumber,
        code: row.code,
        outcome: row.outcome,
        field: row.field ?? '',
        errorCode: row.errorCode ?? '',
        message: row.message ?? '',
        params: row.params ?? {},
      };
    }
    after = rows[rows.length - 1]!.rowNumber;
  }
}
