import { FlushMode, LockMode, type EntityManager, type Knex } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { Account, AccountImport, Company, type ImportRowOutcome } from '../../entities';
import { principalOfAccount } from '../access/acting-account';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { revokeSessionsOf } from '../access/sessions';
import { DomainError, InputError, TooLargeError } from '../errors';
import { nowOf, type DomainServices } from '../services';
import { createAccountInput, updateAccountInput } from './account-input';
import {
  accountColumns,
  columnDefinition,
  columnOfField,
  columnOfHeader,
  editableCells,
  inputOfCells,
  passwordHeaders,
  type Cells,
  type ColumnKey,
} from './account-csv';
import { looksLikeFormula } from '../../lib/formula-safe-csv';
import { insertJsonRows, runWithJsonRows } from '../../lib/json-rows';
import { NewRows } from '../../lib/new-rows';
import { issueErrorCode } from '../input-schemas';
import { preloadReferences, type ReferenceLookup } from './references';
import { changeAccountFields } from './account-change';
import { readCsvRecords, type CsvSource, type ImportEncoding } from './csv-reading';
import { registerAccount } from './registration';
import { actorOf } from '../audit/actor';
import { recordAudit, releaseHeldAudit, withoutAudit } from '../audit/audit-trail';

/** What a file may hold (ACCOUNT_IMPORT_MAX_ROWS / _MAX_BYTES / _MAX_CELL_CHARS). */
export interface ImportLimits {
  maxRows: number;
  maxBytes: number;
  /** Characters per cell; 1,000 when unset. */
  maxCellChars?: number;
}
export const defaultImportLimits: ImportLimits = { maxRows: 10_000, maxBytes: 10 * 1024 * 1024, maxCellChars: 1000 };

/** No record of a valid file holds more cells than this: every column at most once, and a few too many on a row. */
const maxCellsPerRecord = accountColumns.length * 2;

/** Rows applied per activity call (one transaction each). */
export const importChunkSize = 500;

/** What is wrong with a row: the code and params choose the admin's text (api/messages.ts); message is the English. */
export interface RowProblem {
  field: string;
  code: string;
  message: string;
  params?: MessageParams;
}

export type MessageParams = Record<string, string | number>;

export interface ParsedRow {
  /** The record's number in the file, the header being 1. */
  row: number;
  cells: Cells;
  problem?: RowProblem;
}

export interface RowResult {
  row: number;
  code: string;
  outcome: Exclude<ImportRowOutcome, 'pending'>;
  field: string;
  errorCode: string;
  /** The English text; the API answers the admin's language from errorCode and params. */
  message: string;
  params: MessageParams;
}

/**
 * Reads an account CSV as a stream (csv-reading.ts): the header names the columns (Japanese or English), every
 * following record is a row. Problems of the whole file (no header, unknown or repeated columns, a password
 * column, bytes invalid in its encoding, an overlong cell, too many rows or bytes) are a 400/413 for the file,
 * found while reading: the reading stops at row ACCOUNT_IMPORT_MAX_ROWS + 1. Problems of one row (formula
 * cells, wrong number of cells, a code twice in the file) are kept on the row and reported with it.
 */
export async function parseAccountCsv(
  content: CsvSource,
  options: { encoding?: ImportEncoding; limits?: ImportLimits } = {},
): Promise<{ columns: ColumnKey[]; rows: ParsedRow[] }> {
  const limits = options.limits ?? defaultImportLimits;
  if (Buffer.isBuffer(content) && content.length > limits.maxBytes) throw fileTooLarge(limits.maxBytes);
  const records = readCsvRecords(content, {
    encoding: options.encoding ?? 'auto',
    limits: { maxCellChars: limits.maxCellChars ?? 1000, maxCells: maxCellsPerRecord },
  });
  let columns: ColumnKey[] | undefined;
  const rows: ParsedRow[] = [];
  const rowOfCode = new Map<string, number>();
  let record = 0;
  try {
    for await (const { cells, line } of records) {
      record += 1;
      if (!columns) {
        columns = headerColumns(cells);
        continue;
      }
      if (rows.length >= limits.maxRows) {
        throw new TooLargeError(
          'TOO_MANY_ROWS',
          `The file has more than ${limits.maxRows} rows; split it into files of at most ${limits.maxRows}.`,
          'file',
        ).withParams({ limit: limits.maxRows });
      }
      rows.push(readRow(record, cells, columns, rowOfCode, line));
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const reason = (error as { code?: string; message?: string }).message ?? 'unreadable';
    throw new InputError('CSV_MALFORMED', `The file cannot be read as CSV: ${reason}`, 'file');
  }
  if (!columns) throw new InputError('CSV_EMPTY', 'The file is empty: it needs a header row.', 'file');
  return { columns, rows };
}

export function fileTooLarge(maxBytes: number): TooLargeError {
  return new TooLargeError('FILE_TOO_LARGE', `The file is larger than ${maxBytes} bytes.`, 'file').withParams({
    limit: maxBytes,
  });
}

function headerColumns(headers: string[]): ColumnKey[] {
  const seen = new Set<ColumnKey>();
  return headers.map((header) => {
    const name = header.trim();
    if (passwordHeaders.has(name.toLowerCase()) || name === 'パスワード(初期)') {
      throw new InputError(
        'PASSWORD_COLUMN_REFUSED',
        `The column "${name}" is refused: accounts are created without a password (未発行) and get one through issuance.`,
        name,
      ).withParams({ column: name });
    }
    const column = columnOfHeader(name);
    if (!column) {
      throw new InputError('UNKNOWN_COLUMN', `Unknown column "${name}".`, name || '(empty header)').withParams({
        column: name,
      });
    }
    const key = column.key as ColumnKey;
    if (seen.has(key)) {
      throw new InputError('DUPLICATE_COLUMN', `The column "${name}" appears twice.`, name).withParams({
        column: name,
      });
    }
    seen.add(key);
    return key;
  });
}

function readRow(
  row: number,
  values: string[],
  columns: ColumnKey[],
  rowOfCode: Map<string, number>,
  lines: number,
): ParsedRow {
  const cells: Cells = {};
  columns.forEach((key, index) => (cells[key] = (values[index] ?? '').trim()));
  if (values.length !== columns.length) {
    return {
      row,
      cells,
      problem: {
        field: '',
        code: 'COLUMN_COUNT',
        message: `The row has ${values.length} cells; the header has ${columns.length} (line ${lines}).`,
        params: { cells: values.length, columns: columns.length, line: lines },
      },
    };
  }
  for (const key of columns) {
    if (looksLikeFormula(cells[key] ?? '')) {
      return {
        row,
        cells,
        problem: {
          field: key,
          code: 'FORMULA_CELL',
          message: `${columnDefinition(key).en}: a cell may not start with = + - @ (spreadsheet formula).`,
        },
      };
    }
  }
  const code = cells.code;
  if (code) {
    const first = rowOfCode.get(code);
    if (first !== undefined) {
      return {
        row,
        cells,
        problem: {
          field: 'code',
          code: 'DUPLICATE_CODE_IN_FILE',
          message: `The code "${code}" is also on row ${first}.`,
          params: { code, row: first },
        },
      };
    }
    rowOfCode.set(code, row);
  }
  return { row, cells };
}

function schemaProblem(error: z.ZodError): RowProblem {
  const issue = error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  const field = columnOfField(path.join('.'));
  return { field, code: issueErrorCode(issue), message: `${field}: ${issue.message}` };
}

function sameCells(a: Cells, b: Cells): boolean {
  return Object.keys(a).every((key) => a[key as ColumnKey] === b[key as ColumnKey]);
}

interface Evaluated extends RowResult {
  account?: Account;
  endSessions?: boolean;
}

/**
 * Applies each row with the rules of a single registration or edit (registration.ts), in `em` without
 * flushing: the new accounts are added to `created`, which the caller writes before flushing `em` (apply), or
 * both are discarded (dry run). A row that breaks a rule is an error row with the field and reason; the others
 * are create, update or unchanged.
 */
async function evaluateRows(
  em: EntityManager,
  principal: Principal,
  rows: ParsedRow[],
  refs: ReferenceLookup,
  company: Company,
  created: NewRows,
): Promise<Evaluated[]> {
  const codes = rows.map((row) => row.cells.code).filter((code): code is string => !!code);
  // Which codes exist is asked with plain SQL first: a chunk of new accounts (the usual import) then builds no
  // query of 500 entity conditions; only the rows that update are loaded as entities.
  const taken = codes.length
    ? await em.execute<{ code: string }[]>('select code from account where company_id = ? and code in (?)', [
        principal.companyId,
        codes,
      ])
    : [];
  const existing = taken.length
    ? await em.find(
        Account,
        { company: principal.companyId, code: { $in: taken.map((row) => row.code) } },
        { populate: ['role', 'company', 'partner'] },
      )
    : [];
  const byCode = new Map<string, Account>(existing.map((account) => [account.code, account]));
  const results: Evaluated[] = [];
  for (const row of rows) {
    const code = row.cells.code ?? '';
    const result = (outcome: RowResult['outcome'], problem?: RowProblem): Evaluated => ({
      row: row.row,
      code,
      outcome,
      field: problem?.field ?? '',
      errorCode: problem?.code ?? '',
      message: problem?.message ?? '',
      params: problem?.params ?? {},
    });
    if (row.problem) {
      results.push(result('error', row.problem));
      continue;
    }
    try {
      const account = byCode.get(code);
      if (account) {
        const before = editableCells({ account });
        const raw = inputOfCells(row.cells, 'update', before);
        if (!raw) {
          results.push(result('unchanged'));
          continue;
        }
        const input = updateAccountInput.safeParse(raw);
        if (!input.success) {
          results.push(result('error', schemaProblem(input.error)));
          continue;
        }
        const { endSessions } = await changeAccountFields(em, principal, account, input.data, refs);
        const outcome = sameCells(before, editableCells({ account })) ? 'unchanged' : 'update';
        results.push({ ...result(outcome), account, endSessions });
      } else {
        const input = createAccountInput.safeParse(inputOfCells(row.cells, 'create'));
        if (!input.success) {
          results.push(result('error', schemaProblem(input.error)));
          continue;
        }
        const account = await registerAccount(em, principal, input.data, refs, company, created);
        byCode.set(account.code, account);
        results.push({ ...result('create'), code: account.code, account });
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push(
        result('error', {
          field: columnOfField(error.field) || error.field || '',
          code: error.code,
          message: error.message,
          params: error.params,
        }),
      );
    }
  }
  return results;
}

/** A scratch EntityManager: never flushed, so nothing it does is written. */
function scratch(em: EntityManager, inTransaction: boolean): EntityManager {
  return withoutAudit(em.fork({ clear: true, flushMode: FlushMode.COMMIT, keepTransactionContext: inTransaction }));
}

/** Evaluates a chunk on a scratch EntityManager (never flushed unless the caller chooses to) and answers both. */
async function evaluateOnScratch(
  em: EntityManager,
  principal: Principal,
  rows: ParsedRow[],
  inTransaction: boolean,
): Promise<{ check: EntityManager; created: NewRows; evaluated: Evaluated[] }> {
  const check = scratch(em, inTransaction);
  const refs = await preloadReferences(check, principal.companyId);
  const company = await check.findOneOrFail(Company, principal.companyId);
  const created = new NewRows();
  return { check, created, evaluated: await evaluateRows(check, principal, rows, refs, company, created) };
}

async function evaluateChunk(
  em: EntityManager,
  principal: Principal,
  rows: ParsedRow[],
  inTransaction: boolean,
): Promise<RowResult[]> {
  return (await evaluateOnScratch(em, principal, rows, inTransaction)).evaluated.map(toResult);
}

function toResult(evaluated: Evaluated): RowResult {
  const { row, code, outcome, field, errorCode, message, params } = evaluated;
  return { row, code, outcome, field, errorCode, message, params };
}

export interface ImportSummary {
  total: number;
  create: number;
  update: number;
  unchanged: number;
  error: number;
}

function summarise(results: { outcome: RowResult['outcome'] | 'pending' }[]): ImportSummary {
  const summary: ImportSummary = { total: results.length, create: 0, update: 0, unchanged: 0, error: 0 };
  for (const { outcome } of results) if (outcome !== 'pending') summary[outcome] += 1;
  return summary;
}

/** 取込の確認 (dry run): every row answered as create, update, unchanged or error; nothing is written. */
export async function previewAccountImport(
  em: EntityManager,
  principal: Principal,
  content: CsvSource,
  options: { encoding?: ImportEncoding; limits?: ImportLimits },
): Promise<{ summary: ImportSummary; rows: RowResult[] }> {
  assertPermitted(principal, 'accounts:write');
  const { rows } = await parseAccountCsv(content, options);
  const results: RowResult[] = [];
  for (let start = 0; start < rows.length; start += importChunkSize) {
    results.push(...(await evaluateChunk(em, principal, rows.slice(start, start + importChunkSize), false)));
  }
  return { summary: summarise(results), rows: results };
}

/** account_import_row's columns as the POST writes them. */
const importRowColumns = `id uuid, created_at timestamptz, updated_at timestamptz, account_import_id uuid, row_number int,
  code text, cells jsonb, outcome text, field text, error_code text, message text, params jsonb`;

const importRowsPerInsert = 2000;

/**
 * Stores a file's rows for the import workflow: rows with a problem of their own are recorded as errors
 * at once, the rest wait for their chunk. Answers the import (not yet started).
 */
export async function recordAccountImport(
  em: EntityManager,
  principal: Principal,
  content: CsvSource,
  options: {
    encoding?: ImportEncoding;
    limits?: ImportLimits;
    fileName?: string;
    workflowIdOf: (importId: string) => string;
  },
): Promise<AccountImport> {
  assertPermitted(principal, 'accounts:write');
  const { rows } = await parseAccountCsv(content, options);
  return em.transactional(async (tx) => {
    const accountImport = new AccountImport({
      company: tx.getReference(Company, principal.companyId, { wrapped: true }),
      requestedBy: tx.getReference(Account, principal.accountId, { wrapped: true }),
      fileName: (options.fileName ?? 'accounts.csv').slice(0, 200),
      total: rows.length,
      workflowId: '',
    });
    accountImport.workflowId = options.workflowIdOf(accountImport.id);
    if (rows.length === 0) {
      accountImport.status = 'done';
      accountImport.finishedAt = new Date();
    }
    tx.persist(accountImport);
    recordAudit(tx, {
      companyId: principal.companyId,
      actor: actorOf(principal),
      action: 'import.run',
      target: { type: 'import', id: accountImport.id, name: accountImport.fileName },
      details: {
        fileName: accountImport.fileName,
        rows: rows.length,
        rowsWithProblems: rows.filter((r) => r.problem).length,
      },
    });
    await tx.flush();
    const now = new Date();
    const values = rows.map((row) => ({
      id: randomUUID(),
      created_at: now,
      updated_at: now,
      account_import_id: accountImport.id,
      row_number: row.row,
      code: (row.cells.code ?? '').slice(0, 100),
      cells: row.cells,
      outcome: row.problem ? 'error' : 'pending',
      field: row.problem?.field.slice(0, 100),
      error_code: row.problem?.code,
      message: row.problem?.message.slice(0, 500),
      params: row.problem?.params,
    }));
    // A few statements of thousands of rows each, the rows as one JSON parameter rather than an entity each.
    for (let start = 0; start < values.length; start += importRowsPerInsert) {
      await insertJsonRows(
        tx,
        'account_import_row',
        importRowColumns,
        values.slice(start, start + importRowsPerInsert),
        { transaction: tx.getTransactionContext<Knex.Transaction>() },
      );
    }
    return accountImport;
  });
}

/**
 * Applies the next chunk of pending rows of an import in ONE transaction that also records each row's
 * outcome, so a worker killed mid-chunk leaves the chunk untouched and its retry applies it once. The
 * rows are checked first on a scratch EntityManager inside the same transaction; only rows that passed
 * are then applied and flushed together. The import acts as the admin who started it, with that
 * account's role now. Answers how many rows the chunk took (0: none were left).
 */
export async function applyAccountImportChunk(
  em: EntityManager,
  importId: string,
  services: Pick<DomainServices, 'clock'> = {},
  chunkSize = importChunkSize,
): Promise<number> {
  return em.fork().transactional(async (tx) => {
    const accountImport = await tx.findOneOrFail(AccountImport, importId);
    // The company first, then the rows: while the company numbers codes the chunks take it one at a time, each
    // claiming the next rows once it holds the lock, so new accounts are numbered in the file's order.
    const company = await lockCompanyForImport(tx, accountImport);
    // Plain rows, not entities: the cells are only read, and the outcomes are written in one statement.
    // tx.execute, not getConnection().execute: only the former runs inside this transaction.
    // Skip locked: two chunks of the same import may run at once (workflows/account-import.ts), each on rows of
    // its own.
    const rows = await tx.execute<{ id: string; row_number: number; cells: Cells }[]>(
      `select id, row_number, cells from account_import_row
        where account_import_id = ? and outcome = 'pending' order by row_number limit ? for update skip locked`,
      [importId, chunkSize],
    );
    if (rows.length === 0) return 0;
    const principal = await principalOfAccount(tx, accountImport.requestedBy?.id);
    let results: RowResult[];
    if (!principal) {
      results = rows.map((row) => ({
        row: row.row_number,
        code: row.cells.code ?? '',
        outcome: 'error',
        field: '',
        errorCode: 'FORBIDDEN',
        message: 'The administrator who started the import may no longer register accounts.',
        params: {},
      }));
    } else {
      const parsed: ParsedRow[] = rows.map((row) => ({ row: row.row_number, cells: row.cells }));
      const { check, created, evaluated } = await evaluateOnScratch(tx, principal, parsed, true);
      const checked = evaluated.map(toResult);
      let applied: Evaluated[];
      if (checked.every((result) => result.outcome !== 'error')) {
        // Every row passed: the scratch holds exactly what applying them would (same rows, same order, same
        // rules, in this transaction under the company's lock), so it is written instead of evaluating again.
        await created.write(tx);
        await check.flush();
        releaseHeldAudit(check, tx);
        applied = evaluated;
      } else {
        // A row that failed may have left changes on the scratch: only the passing rows are applied, afresh.
        const passing = parsed.filter((_, index) => checked[index]!.outcome !== 'error');
        const refs = await preloadReferences(tx, principal.companyId);
        const passed = new NewRows();
        applied = await evaluateRows(tx, principal, passing, refs, company, passed);
        const failedNow = applied.find((result) => result.outcome === 'error');
        if (failedNow) {
          // The rows changed between the check and the apply: the whole chunk is retried and checked again.
          throw new Error(`row ${failedNow.row} failed only when applied: ${failedNow.message}`);
        }
        await passed.write(tx);
        await tx.flush();
      }
      for (const result of applied) {
        if (result.endSessions && result.account) await revokeSessionsOf(tx, result.account.id, nowOf(services));
      }
      const appliedByRow = new Map(applied.map((result) => [result.row, result]));
      results = parsed.map((row, index) => appliedByRow.get(row.row) ?? checked[index]!);
    }
    const idOfRow = new Map(rows.map((row) => [row.row_number, row.id]));
    await runWithJsonRows(
      tx,
      `update account_import_row r set outcome = v.outcome, field = nullif(v.field, ''),
              error_code = nullif(v.error_code, ''), message = nullif(v.message, ''),
              params = nullif(v.params, '{}'::jsonb), updated_at = now()
         from json_to_recordset(?::json)
           as v(id uuid, outcome text, field text, error_code text, message text, params jsonb)
        where r.id = v.id`,
      results.map((result) => ({
        id: idOfRow.get(result.row)!,
        outcome: result.outcome,
        field: result.field.slice(0, 100),
        error_code: result.errorCode.slice(0, 100),
        message: result.message.slice(0, 500),
        params: result.params,
      })),
      tx.getTransactionContext<Knex.Transaction>(),
    );
    return rows.length;
  });
}

/**
 * The company row, locked for the chunk's transaction. Shared while codes are typed and this is the company's only
 * running import, so its two chunks run at once (and nothing that changes the company runs meanwhile). Exclusive
 * while the company numbers codes (every new account takes the next number from the row) or while another import
 * of the company runs (the two would otherwise change the same accounts at once): chunks then go one at a time, as
 * they always did. Should the numbering change between the look and the lock, the chunk fails and its retry locks
 * again.
 */
async function lockCompanyForImport(tx: EntityManager, accountImport: AccountImport): Promise<Company> {
  const companyId = accountImport.company.id;
  const [state] = await tx.execute<{ account_code_numbering: string; others: boolean }[]>(
    `select c.account_code_numbering,
            exists (select 1 from account_import other
                     where other.company_id = c.id and other.status = 'running' and other.id <> ?) as others
       from company c where c.id = ?`,
    [accountImport.id, companyId],
  );
  const shared = state?.account_code_numbering === 'manual' && !state.others;
  const company = await tx.findOneOrFail(Company, companyId, {
    lockMode: shared ? LockMode.PESSIMISTIC_READ : LockMode.PESSIMISTIC_WRITE,
    refresh: true,
  });
  if (shared && company.accountCodeNumbering !== 'manual') {
    throw new Error('The company started numbering account codes as the chunk began; the chunk is retried.');
  }
  return company;
}

export async function importProgress(em: EntityManager, importId: string) {
  const rows = await em
    .getConnection()
    .execute<{ outcome: string; n: number }[]>(
      `select outcome, count(*)::int as n from account_import_row where account_import_id = ? group by outcome`,
      [importId],
    );
  const count = (outcome: string) => rows.find((row) => row.outcome === outcome)?.n ?? 0;
  const total = rows.reduce((sum, row) => sum + row.n, 0);
  return {
    total,
    pending: count('pending'),
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    failed: count('error'),
  };
}

export async function finishAccountImport(em: EntityManager, importId: string): Promise<void> {
  await em
    .fork()
    .nativeUpdate(AccountImport, { id: importId, status: 'running' }, { status: 'done', finishedAt: new Date() });
}
