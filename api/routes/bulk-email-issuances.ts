import { buffer } from 'node:stream/consumers';
import type { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  bulkRunItems,
  bulkRunStatus,
  previewBulkEmailIssuance,
  previewBulkEmailSelection,
  startBulkEmailIssuance,
  startBulkEmailSelection,
  type BulkPreview,
  type SelectionPreviewDetails,
} from '../../domain/issuance/bulk-email-issuance';
import { codesOfCsv, selectionSampleLines } from '../../domain/issuance/bulk-selection';
import { accountFilterSchema } from '../../domain/accounts/account-list';
import type { Principal } from '../../domain/access/principal';
import type { EmailSlot } from '../../entities';
import { accountCodeParam, emailAddress } from '../../domain/input-schemas';
import { bulkActions, exclusionReasons } from '../../domain/issuance/exclusion';
import { bulkRunResultHeaders, bulkRunResults, listBulkRuns } from '../../domain/issuance/bulk-run-results';
import { annotateRequest } from '../../lib/request-context';
import { defineRoute } from '../route';
import { defineCsvDownload } from './csv-downloads';
import { answerMessagesSchema, bulkPreviewMessages, infoMessage, type AnswerMessage, type Language } from '../messages';
import type { RouteTarget } from './types';
import type { BulkRunProgress } from '../../contract';

const emailSlot = z.union([z.literal(1), z.literal(2), z.literal(3)]);

const selectionBody = z
  .object({
    accounts: z
      .array(
        z
          .object({
            code: accountCodeParam.shape.code,
            emailSlot: emailSlot.default(1).meta({ description: 'メールアドレス1 (default), 2 or 3' }),
            typedAddress: emailAddress.optional().meta({
              description:
                'For an employee without メールアドレス1: saved as メールアドレス1 when the run starts, as a change of the account (the same policy as PATCH /api/accounts/{code}); for an account the caller may not change the employee is left out (ADDRESS_CHANGE_NOT_PERMITTED) and nothing is saved',
            }),
          })
          .strict(),
      )
      .min(1)
      .max(10_000)
      .optional()
      .meta({ description: 'The selected employees one by one (up to 10,000); or `filter`' }),
    filter: accountFilterSchema.optional().meta({
      description:
        'Every account the account list (GET /api/accounts) shows for these filters, resolved on the server (up to a whole company); with `emailSlot`',
    }),
    emailSlot: emailSlot
      .optional()
      .meta({ description: 'With `filter`: the address slot for everybody (default メールアドレス1)' }),
  })
  .strict()
  .superRefine((body, context) => {
    if ((body.accounts === undefined) === (body.filter === undefined)) {
      context.addIssue({ code: 'custom', message: 'Give either accounts or filter', path: ['accounts'] });
    }
    if (body.accounts !== undefined && body.emailSlot !== undefined) {
      context.addIssue({
        code: 'custom',
        message: 'emailSlot goes with filter; give it per account',
        path: ['emailSlot'],
      });
    }
  })
  .meta({ id: 'BulkEmailIssuanceSelection' });
type SelectionBody = z.infer<typeof selectionBody>;

const fileQuery = z
  .object({
    emailSlot: z.enum(['1', '2', '3']).default('1').meta({ description: 'メールアドレス1 (default), 2 or 3' }),
  })
  .strict();
const codesFile = {
  mediaType: 'text/csv',
  maxBytes: () => 4 * 1024 * 1024,
  description:
    'Account codes, one per line (the first column; a header line such as アカウントコード is skipped), up to 200,000. An unknown or repeated code is a 400.',
};

/** The selection of a JSON body: listed accounts, or the list's filters resolved on the server. */
async function previewBody(em: EntityManager, auth: Principal, body: SelectionBody) {
  if (body.filter) return previewBulkEmailSelection(em, auth, { filter: body.filter, emailSlot: body.emailSlot ?? 1 });
  return previewBulkEmailIssuance(em, auth, body.accounts ?? []);
}

async function codesSource(file: Readable, query: z.infer<typeof fileQuery>) {
  const text = (await buffer(file)).toString('utf8');
  return { codes: codesOfCsv(text), emailSlot: Number(query.emailSlot) as EmailSlot };
}

const previewSchema = z
  .object({
    lines: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        emailSlot: z.number().int(),
        address: z.string().nullable(),
        addressLabel: z.string().meta({ description: 'The address, or 未設定' }),
        included: z.boolean(),
        exclusionReason: z.enum(exclusionReasons).nullable(),
        action: z.enum(bulkActions).meta({ description: 'first-issuance or excluded' }),
        actionLabel: z.string().meta({ description: '新規発行 / 対象外' }),
        exclusionLabel: z.string().nullable().meta({ description: 'Why the employee is left out (Japanese)' }),
        reissue: z.boolean().meta({
          description:
            'The account already has a password: left out (ALREADY_ISSUED, 再発行は個別に行ってください); reissue one person at a time',
        }),
        duplicateAddress: z.boolean(),
      }),
    ),
    included: z.number().int(),
    excluded: z.number().int(),
    duplicateAddresses: z.array(
      z.object({
        address: z.string(),
        accountCodes: z.array(z.string()).meta({ description: 'For a filter or file: the first 10' }),
        count: z.number().int().optional().meta({ description: 'For a filter or file: how many share it' }),
      }),
    ),
    estimate: z.object({
      seconds: z.number().int().meta({ description: 'Estimated seconds until every verification mail is out' }),
      secondsPerMail: z.number(),
      measured: z.boolean().meta({ description: 'False while the default rate is used (no run measured yet)' }),
    }),
    selection: z
      .object({
        selected: z.number().int().meta({ description: 'Every employee the filter or file selects' }),
        excludedBy: z.partialRecord(z.enum(exclusionReasons), z.number().int()),
        addressesPerSlot: z.array(z.object({ slot: z.number().int(), count: z.number().int() })),
        duplicateLines: z.number().int().meta({ description: 'Included employees sharing an address with another' }),
      })
      .optional()
      .meta({
        description: `For a filter or file: counts over every selected employee; \`lines\` holds the first ${selectionSampleLines}`,
      }),
  })
  .extend({ messages: answerMessagesSchema })
  .meta({ id: 'BulkEmailIssuancePreview' });

/** 重複警告 and the confirmation with the estimated seconds, in the admin's language. */
function previewMessages(
  preview: BulkPreview & { selection?: SelectionPreviewDetails },
  language: Language,
): AnswerMessage[] {
  const alreadyIssued = preview.selection && (preview.selection.excludedBy.ALREADY_ISSUED ?? 0);
  return bulkPreviewMessages({ ...preview, estimatedSeconds: preview.estimate.seconds, alreadyIssued }, language);
}

const progressSchema = z
  .object({
    total: z.number().int(),
    queued: z.number().int(),
    sending: z.number().int(),
    pendingVerification: z.number().int(),
    verified: z.number().int(),
    issued: z.number().int(),
    expired: z.number().int(),
    superseded: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    failures: z.array(
      z.object({ accountCode: z.string(), outcome: z.enum(['skipped', 'failed']), reason: z.string() }),
    ),
    deliveryProblem: z
      .object({
        reason: z
          .string()
          .meta({ description: '`SMTP 451` (the reply code), or `UNREACHABLE` when no server answered' }),
        since: z.iso.datetime().meta({ description: 'When the first of these mails began to fail' }),
        mails: z.number().int().meta({ description: 'Mails waiting on it' }),
        message: z.string().meta({ description: 'What is happening, in the admin’s language' }),
      })
      .nullable()
      .meta({ description: 'Mails failing temporarily right now (SMTP down, 4xx replies); null while they go out' }),
    estimatedSecondsRemaining: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'From the measured send rate; null while deliveryProblem is set (no honest estimate)' }),
  })
  .meta({ id: 'BulkRunProgress' });

/** The progress as the admin reads it: the delivery problem, if any, said in the admin's language. */
function progressFor(progress: BulkRunProgress, language: Language) {
  const problem = progress.deliveryProblem ?? null;
  return {
    ...progress,
    deliveryProblem: problem && {
      ...problem,
      message:
        problem.reason === 'UNREACHABLE'
          ? infoMessage('MAIL_SERVER_UNREACHABLE', language)
          : infoMessage('MAIL_SERVER_DEFERRING', language, { reason: problem.reason }),
    },
  };
}

const runIdParam = z.object({ runId: z.uuid() });

/** The answer that started a run: the preview's messages and 送信結果. */
function startedAnswer<T extends BulkPreview & { runId: string; selection?: SelectionPreviewDetails }>(
  started: T,
  language: Language,
) {
  // The request's own log line (pino-http's) names the run it started, so an operator goes from one to the other.
  annotateRequest({ runId: started.runId });
  const result: AnswerMessage = {
    code: 'BULK_RESULT',
    message: infoMessage('BULK_RESULT', language, { included: started.included, excluded: started.excluded }),
  };
  return { ...started, messages: [...previewMessages(started, language), result] };
}

export function registerBulkEmailIssuanceRoutes(target: RouteTarget): void {
  const { services } = target;

  defineRoute(target, {
    method: 'post',
    path: '/api/email-issuances/preview',
    summary: 'パスワード一括発行: the address each selected employee gets, duplicates, 未設定, estimated time',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    body: selectionBody,
    responses: {
      200: { description: 'Nothing is saved or sent', schema: previewSchema },
      409: { description: 'The company issues by PDF' },
    },
    handler: async ({ em, auth, body, language }) => {
      const preview = await previewBody(em, auth, body);
      return { status: 200, body: { ...preview, messages: previewMessages(preview, language) } };
    },
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/email-issuances/preview-file',
    summary:
      'パスワード一括発行 for the codes of an uploaded file: counts, addresses per slot, duplicates, 未設定, estimate',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    query: fileQuery,
    fileBody: codesFile,
    responses: {
      200: { description: 'Nothing is saved or sent', schema: previewSchema },
      409: { description: 'The company issues by PDF' },
    },
    handler: async ({ em, auth, query, file, language }) => {
      const preview = await previewBulkEmailSelection(em, auth, await codesSource(file, query));
      return { status: 200, body: { ...preview, messages: previewMessages(preview, language) } };
    },
  });

  /** The answers of a bulk run's start, whether listed, by filter or by file. */
  const startedResponses = {
    202: {
      description: 'Started; follow it at /api/email-issuances/bulk/{runId}',
      schema: previewSchema.extend({ runId: z.uuid(), workflowId: z.string() }),
    },
    409: { description: 'The company issues by PDF' },
    503: { description: 'The workflow service is unreachable; nothing was sent' },
  };

  defineRoute(target, {
    method: 'post',
    path: '/api/email-issuances/bulk',
    idempotent: true,
    summary: '認証要求メール一括送信: one durable run starting an e-mail issuance per included employee',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    body: selectionBody,
    responses: startedResponses,
    handler: async ({ em, auth, body, language }) => {
      const deps = { em, temporal: services.temporal, logger: services.logger };
      const started = body.filter
        ? await startBulkEmailSelection(deps, auth, { filter: body.filter, emailSlot: body.emailSlot ?? 1 })
        : await startBulkEmailIssuance(deps, auth, body.accounts ?? []);
      return { status: 202, body: startedAnswer(started, language) };
    },
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/email-issuances/bulk-file',
    idempotent: true,
    summary: '認証要求メール一括送信 for the codes of an uploaded file (up to 200,000): one durable run',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    query: fileQuery,
    fileBody: codesFile,
    responses: startedResponses,
    handler: async ({ em, auth, query, file, language }) => {
      const deps = { em, temporal: services.temporal, logger: services.logger };
      const started = await startBulkEmailSelection(deps, auth, await codesSource(file, query));
      return { status: 202, body: startedAnswer(started, language) };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/email-issuances/bulk/:runId',
    summary: 'Progress and outcome of a bulk run, from the database (readable after the run)',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    params: runIdParam,
    responses: {
      200: {
        description: 'Every item is in exactly one bucket; the buckets add up to total',
        schema: z.object({
          runId: z.uuid(),
          workflowId: z.string(),
          createdAt: z.iso.datetime(),
          finishedAt: z.iso.datetime().nullable(),
          secondsPerMail: z.number().nullable(),
          progress: progressSchema,
        }),
      },
      404: { description: 'No such run in this company' },
    },
    handler: async ({ em, auth, params, language }) => {
      const status = await bulkRunStatus(em, auth, params.runId);
      return { status: 200, body: { ...status, progress: progressFor(status.progress, language) } };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/email-issuances/bulk',
    summary: 'The latest bulk runs of the company, newest first',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    responses: {
      200: {
        description: 'Up to 20 runs',
        schema: z.object({
          items: z.array(
            z.object({
              runId: z.uuid(),
              createdAt: z.iso.datetime(),
              finishedAt: z.iso.datetime().nullable(),
              progress: progressSchema,
            }),
          ),
        }),
      },
    },
    handler: async ({ em, auth, language }) => {
      const runs = await listBulkRuns(em, auth);
      return {
        status: 200,
        body: { items: runs.map((run) => ({ ...run, progress: progressFor(run.progress, language) })) },
      };
    },
  });

  defineCsvDownload(target, {
    path: '/api/email-issuances/bulk/:runId/results',
    summary: 'The results file of a bulk run (CSV): per employee the address used, outcome, reason and times',
    tag: 'Issuance',
    permission: 'issuance:issue',
    params: z.object({ runId: z.uuid() }),
    lines: 'One line per selected employee, in the order of the selection',
    notFound: 'No such run in this company',
    fileName: (params) => `bulk-run-${params.runId}-results.csv`,
    header: (language) => bulkRunResultHeaders[language],
    rows: (em, auth, params, language) => bulkRunResults(em, auth, params.runId, language),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/email-issuances/bulk/:runId/items',
    summary: '実行結果 per employee: each selected employee of a run, in selection order, with its bucket',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    params: runIdParam,
    query: z.object({
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
    responses: {
      200: {
        description: 'One page of the employees of the run',
        schema: z
          .object({
            items: z.array(
              z.object({
                position: z.number().int(),
                accountCode: z.string(),
                name: z.string(),
                emailSlot: z.number().int(),
                address: z.string().nullable(),
                state: z.enum([
                  'queued',
                  'sending',
                  'pendingVerification',
                  'verified',
                  'issued',
                  'expired',
                  'superseded',
                  'failed',
                  'skipped',
                ]),
                reissue: z.boolean().meta({ description: 'A reissue (再発行): the employee had a password before' }),
                reason: z.string().nullable().meta({ description: 'Why it was skipped or failed' }),
              }),
            ),
          })
          .meta({ id: 'BulkRunItems' }),
      },
      404: { description: 'No such run in this company' },
    },
    handler: async ({ em, auth, params, query }) => ({
      status: 200,
      body: await bulkRunItems(em, auth, params.runId, query),
    }),
  });
}
