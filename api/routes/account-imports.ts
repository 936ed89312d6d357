import { z } from 'zod';
import { accountColumns, cellFormats, importableColumns } from '../../domain/accounts/account-csv';
import { exportAccounts, exportHeader } from '../../domain/accounts/account-export';
import { previewAccountImport, type RowResult } from '../../domain/accounts/account-import';
import { importEncodings } from '../../domain/accounts/csv-reading';
import {
  accountImportResults,
  accountImportStatus,
  listAccountImports,
  startAccountImport,
} from '../../domain/accounts/account-import-runs';
import { accountSearchQuery } from '../../domain/accounts/account-list';
import { defaultImportLimits } from '../../domain/accounts/account-import';
import { errorMessage, type Language } from '../messages';
import { defineRoute } from '../route';
import { defineCsvDownload } from './csv-downloads';
import type { RouteTarget } from './types';

const importQuery = z
  .object({
    dryRun: z
      .enum(['true', 'false'])
      .default('false')
      .meta({ description: 'true: check every row and answer per row; nothing is written' }),
    encoding: z.enum(importEncodings).default('auto').meta({
      description:
        'auto: UTF-8 with a BOM, or when the first non-ASCII bytes are mostly valid UTF-8; else Shift_JIS/CP932 (Excel in Japan). A byte invalid in the chosen encoding is a 400 INVALID_ENCODING naming the line.',
    }),
    fileName: z.string().max(200).optional().meta({ description: 'Shown in the list of imports' }),
  })
  .strict();

const outcomes = ['create', 'update', 'unchanged', 'error'] as const;
const summarySchema = z.object({
  total: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
});
const rowResultSchema = z
  .object({
    row: z.number().int().meta({ description: 'The record number in the file, the header being 1' }),
    code: z.string(),
    outcome: z.enum(outcomes),
    field: z.string().meta({ description: 'The column (English name) of an error row' }),
    errorCode: z.string(),
    message: z
      .string()
      .meta({ description: "The text of errorCode in the admin's language (Accept-Language, else the account's)" }),
  })
  .meta({ id: 'AccountImportRowResult' });
const importStatusSchema = z
  .object({
    importId: z.uuid(),
    workflowId: z.string(),
    fileName: z.string(),
    status: z.enum(['running', 'done']),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    progress: z.object({
      total: z.number().int(),
      pending: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      failed: z.number().int(),
    }),
  })
  .meta({ id: 'AccountImport' });

const resultHeaders = {
  ja: ['行', 'アカウントコード', '結果', '項目', 'エラーコード', 'メッセージ'],
  en: ['row', 'code', 'outcome', 'field', 'errorCode', 'message'],
} as const;

/**
 * A row's answer in the admin's language: the text of its error code from the catalogue (api/messages.ts), the
 * column named as in a Japanese or English header; the domain's English text in English. No params in the answer.
 */
function localisedRow<T extends Pick<RowResult, 'field' | 'errorCode' | 'message' | 'params'>>(
  { params, ...row }: T,
  language: Language,
): Omit<T, 'params'> {
  if (!row.errorCode) return row;
  const column = accountColumns.find((candidate) => candidate.key === row.field)?.[language] ?? row.field;
  return { ...row, message: errorMessage(row.errorCode, language, row.message, { ...params, field: column }) };
}

export function registerAccountImportRoutes(target: RouteTarget): void {
  const { services } = target;
  const limits = () => services.importLimits ?? defaultImportLimits;

  defineRoute(target, {
    method: 'post',
    path: '/api/account-imports',
    idempotent: true,
    summary: 'Import accounts from a CSV file (create and update by account code); dryRun=true only checks',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    query: importQuery,
    fileBody: {
      mediaType: 'text/csv',
      maxBytes: () => limits().maxBytes,
      description:
        'The CSV: a header of column names (Japanese as in the seed, or English), one account per row. No password column: new accounts are 未発行 and get their password by issuance.',
    },
    responses: {
      200: {
        description: 'Dry run: every row with its outcome; nothing was written',
        schema: z.object({ summary: summarySchema, rows: z.array(rowResultSchema) }),
      },
      202: { description: 'Started; follow it at /api/account-imports/{importId}', schema: importStatusSchema },
      413: {
        description: 'More rows or bytes than the limit (ACCOUNT_IMPORT_MAX_ROWS / _MAX_BYTES), found while reading',
      },
      503: { description: 'The workflow service is unreachable; nothing was imported' },
    },
    handler: async ({ em, auth, query, file, language }) => {
      const options = { encoding: query.encoding, limits: limits(), fileName: query.fileName };
      if (query.dryRun === 'true') {
        const { summary, rows } = await previewAccountImport(em, auth, file, options);
        return { status: 200, body: { summary, rows: rows.map((row) => localisedRow(row, language)) } };
      }
      const started = await startAccountImport(
        { em, temporal: services.temporal, logger: services.logger },
        auth,
        file,
        options,
      );
      return { status: 202, body: started };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/account-imports',
    summary: 'The latest imports of the company',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    responses: { 200: { description: 'Newest first', schema: z.object({ items: z.array(importStatusSchema) }) } },
    handler: async ({ em, auth }) => ({ status: 200, body: { items: await listAccountImports(em, auth) } }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/account-imports/columns',
    summary: 'The columns an import reads, in the order of the export (Japanese and English header names)',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    responses: {
      200: {
        description: 'createOnly: read only when the row creates the account',
        schema: z
          .object({
            items: z.array(
              z.object({
                key: z.string(),
                ja: z.string(),
                en: z.string(),
                createOnly: z.boolean(),
                format: z
                  .enum(cellFormats)
                  .nullable()
                  .meta({ description: 'The values the cells take, where fixed (flag: 1/0, type: 自社/委託先/顧客…)' }),
              }),
            ),
          })
          .meta({ id: 'AccountImportColumns' }),
      },
    },
    handler: async () => ({ status: 200, body: { items: importableColumns() } }),
  });

  defineCsvDownload(target, {
    path: '/api/account-imports/template',
    summary: 'An empty import file: the header of every column an import reads, in the language of the request',
    tag: 'Accounts',
    permission: 'accounts:write',
    params: z.object({}),
    lines: 'The header only',
    notFound: 'Never',
    fileName: () => 'accounts-template.csv',
    header: (language) => importableColumns().map((column) => column[language]),
    rows: () => noRows(),
  });

  const importIdParam = z.object({ importId: z.uuid() });
  defineRoute(target, {
    method: 'get',
    path: '/api/account-imports/:importId',
    summary: 'Progress of an import, from the database (readable after it finished)',
    tag: 'Accounts',
    access: { permission: 'accounts:write' },
    params: importIdParam,
    responses: {
      200: { description: 'Every row is in exactly one bucket', schema: importStatusSchema },
      404: { description: 'No such import in this company' },
    },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: await accountImportStatus(em, auth, params.importId),
    }),
  });

  defineCsvDownload(target, {
    path: '/api/account-imports/:importId/results',
    summary: 'The results file of an import (CSV): row, code, outcome, field, error code, message',
    tag: 'Accounts',
    permission: 'accounts:write',
    params: importIdParam,
    lines: 'One line per row of the file',
    notFound: 'No such import in this company',
    fileName: (params) => `import-${params.importId}-results.csv`,
    header: (language) => resultHeaders[language],
    rows: (em, auth, params, language) =>
      mapRows(accountImportResults(em, auth, params.importId), (result) => {
        const row = localisedRow(result, language);
        return [String(row.row), row.code, row.outcome, row.field, row.errorCode, row.message];
      }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/exports/accounts',
    summary: 'The account list as CSV (every filter of GET /api/accounts), streamed; importable as it is',
    tag: 'Accounts',
    access: { permission: 'accounts:read' },
    query: accountSearchQuery.omit({ limit: true, offset: true }),
    responses: { 200: { description: 'UTF-8 with BOM, one account per line', binary: 'text/csv' } },
    handler: async ({ em, auth, query, language }) => ({
      status: 200,
      csv: {
        fileName: 'accounts.csv',
        header: exportHeader(language),
        rows: exportAccounts(em, auth, query, language),
      },
    }),
  });
}

async function* mapRows<T>(rows: AsyncIterable<T>, map: (row: T) => string[]): AsyncGenerator<string[]> {
  for await (const row of rows) yield map(row);
}

async function* noRows(): AsyncGenerator<string[]> {}
