import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { accountFilterSchema } from '../../domain/accounts/account-list';
import type { Principal } from '../../domain/access/principal';
import { codesOfFilter } from '../../domain/issuance/bulk-selection';
import { issuanceKinds, issuanceStatuses } from '../../entities';
import { accountCodeParam } from '../../domain/input-schemas';
import {
  bulkPdfMaxAccounts,
  bulkPdfStatus,
  previewBulkPdfIssuance,
  startBulkPdfIssuance,
  waitUntilAssembled,
} from '../../domain/issuance/bulk-pdf-issuance';
import { startPdfIssuance, waitUntilRendered } from '../../domain/issuance/pdf-issuance';
import {
  fetchPasswordNotice,
  passwordNoticePath,
  peekPasswordNotice,
} from '../../domain/issuance/password-notice-download';
import { bulkActions, exclusionReasons } from '../../domain/issuance/exclusion';
import { tellNoticeFetched } from '../notice-fetched';
import { bulkPdfResults, bulkRunResultHeaders } from '../../domain/issuance/bulk-run-results';
import { defineRoute } from '../route';
import { defineCsvDownload } from './csv-downloads';
import { answerMessagesSchema, bulkPreviewMessages } from '../messages';
import type { RouteTarget } from './types';

const pdfIssuanceSchema = z
  .object({
    id: z.uuid(),
    sequence: z.number().int(),
    kind: z.enum(issuanceKinds),
    status: z.enum(issuanceStatuses),
    workflowId: z.string().meta({ description: 'Find the run in the Temporal UI by this id' }),
    requestedBy: z.string().meta({ description: 'Account code of the admin who started it' }),
    createdAt: z.iso.datetime(),
    download: z.object({
      url: z.string().meta({
        description: 'One-time link to the パスワード通知書; needs the bearer token too. Shown only in this answer.',
      }),
      expiresAt: z.iso.datetime(),
      ready: z.boolean().meta({ description: 'False while the worker is still rendering: fetch again shortly' }),
    }),
  })
  .meta({ id: 'PdfIssuance' });

const noticeTokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

const bulkBody = z
  .object({
    accountCodes: z
      .array(accountCodeParam.shape.code)
      .min(1)
      .max(bulkPdfMaxAccounts)
      .superRefine((codes, context) => {
        const seen = new Set<string>();
        codes.forEach((code, index) => {
          if (seen.has(code)) context.addIssue({ code: 'custom', message: `"${code}" is listed twice`, path: [index] });
          seen.add(code);
        });
      })
      .optional()
      .meta({ description: 'The selected employees; the PDF has one page each, in account-code order. Or `filter`' }),
    filter: accountFilterSchema.optional().meta({
      description: `Every account the account list (GET /api/accounts) shows for these filters, resolved on the server; more than ${bulkPdfMaxAccounts} is a 400 TOO_MANY_SELECTED`,
    }),
  })
  .strict()
  .superRefine((body, context) => {
    if ((body.accountCodes === undefined) === (body.filter === undefined)) {
      context.addIssue({ code: 'custom', message: 'Give either accountCodes or filter', path: ['accountCodes'] });
    }
  })
  .meta({ id: 'StartBulkPdfIssuanceRequest' });

/** The selected codes: listed, or the list's filters resolved on the server. */
async function bulkCodes(em: EntityManager, auth: Principal, body: z.infer<typeof bulkBody>): Promise<string[]> {
  return body.filter ? codesOfFilter(em, auth, body.filter, bulkPdfMaxAccounts) : (body.accountCodes ?? []);
}

const bulkPdfPreviewSchema = z
  .object({
    lines: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        reissue: z.boolean().meta({
          description:
            'The account already has a password: left out (ALREADY_ISSUED, 再発行は個別に行ってください); reissue one person at a time',
        }),
        included: z.boolean(),
        exclusionReason: z.enum(exclusionReasons).nullable(),
        action: z.enum(bulkActions).meta({ description: 'first-issuance or excluded' }),
        actionLabel: z.string().meta({ description: '新規発行 / 対象外' }),
        exclusionLabel: z.string().nullable().meta({ description: 'Why the employee is left out (Japanese)' }),
      }),
    ),
    included: z.number().int(),
    reissues: z
      .number()
      .int()
      .meta({ description: 'Always 0: a bulk run never resets a working password (kept for compatibility)' }),
    excluded: z.number().int(),
    messages: answerMessagesSchema,
  })
  .meta({ id: 'BulkPdfPreview' });

const bulkStages = ['issuing', 'assembling', 'ready', 'fetched', 'superseded', 'discarded', 'failed'] as const;

const bulkPdfSchema = z
  .object({
    id: z.uuid(),
    workflowId: z.string().meta({ description: 'Find the run in the Temporal UI by this id' }),
    total: z.number().int(),
    done: z.number().int().meta({ description: 'Employees whose new password is set' }),
    stage: z.enum(bulkStages),
    reissues: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Always 0: a bulk run never resets a working password (kept for compatibility)' }),
    excluded: z
      .array(z.object({ code: z.string(), reason: z.enum(exclusionReasons) }))
      .optional()
      .meta({ description: 'Selected employees left out of the PDF and why; in the answer that started the run' }),
    download: z.object({
      url: z.string().nullable().meta({ description: 'One-time link; only in the answer that started the run' }),
      expiresAt: z.iso.datetime(),
      ready: z.boolean(),
      fetched: z.boolean(),
    }),
  })
  .meta({ id: 'BulkPdfIssuance' });

const bulkIdParam = z.object({ id: z.uuid() });

export function registerPdfIssuanceRoutes(target: RouteTarget): void {
  const { services } = target;

  defineRoute(target, {
    method: 'post',
    path: '/api/accounts/:code/pdf-issuances',
    idempotent: true,
    summary: 'Issue a password as a PDF notice (パスワード通知書), downloadable once within 15 minutes',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    params: accountCodeParam,
    responses: {
      202: { description: 'Issued (or being rendered); the old password stopped working', schema: pdfIssuanceSchema },
      403: { description: 'A reissue needs issuance:reissue' },
      404: { description: 'No such account' },
      409: { description: 'The account is disabled' },
      503: { description: 'The workflow service is unreachable; nothing was issued' },
    },
    handler: async ({ em, auth, params }) => {
      const { issuance, notice, token } = await startPdfIssuance(
        { em, temporal: services.temporal, logger: services.logger, secretBox: services.secretBox },
        { accountCode: params.code, auth },
      );
      const ready = await waitUntilRendered(em, issuance.id, 10_000);
      return {
        status: 202,
        body: {
          id: issuance.id,
          sequence: issuance.sequence,
          kind: issuance.kind,
          status: ready ? 'issued' : issuance.status,
          workflowId: issuance.workflowId,
          requestedBy: auth.accountCode,
          createdAt: issuance.createdAt.toISOString(),
          download: {
            url: `${services.publicBaseUrl}${passwordNoticePath(token)}`,
            expiresAt: notice.expiresAt.toISOString(),
            ready,
          },
        } satisfies z.infer<typeof pdfIssuanceSchema>,
      };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/password-notices/:token',
    summary: 'Download a password notice PDF once; the stored copy is deleted as it is sent',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    params: noticeTokenParam,
    responses: {
      200: {
        description: 'The PDF (Cache-Control: no-store). A HEAD answers the same status and headers and keeps the link',
        binary: 'application/pdf',
      },
      404: { description: 'No notice has this link' },
      409: { description: 'Still being rendered' },
      410: { description: 'Already downloaded, expired, or replaced by a later issuance' },
    },
    handler: async ({ em, auth, params }) => {
      const notice = await fetchPasswordNotice(
        { em, secretBox: services.secretBox, clock: services.clock },
        { token: params.token, auth },
      );
      tellNoticeFetched(services, notice.workflowId);
      return { status: 200, file: { contentType: 'application/pdf', fileName: notice.fileName, content: notice.pdf } };
    },
    head: async ({ em, auth, params }) => {
      const { fileName } = await peekPasswordNotice(
        { em, secretBox: services.secretBox, clock: services.clock },
        { token: params.token, auth },
      );
      return { status: 200, file: { contentType: 'application/pdf', fileName } };
    },
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/pdf-issuances/preview',
    summary:
      'Preview a bulk PDF issuance: first issuances, and who is left out and why (already issued: reissue singly)',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    body: bulkBody,
    responses: { 200: { description: 'What the run would do; nothing changed', schema: bulkPdfPreviewSchema } },
    handler: async ({ em, auth, body, language }) => {
      const preview = await previewBulkPdfIssuance(em, auth, await bulkCodes(em, auth, body));
      return { status: 200, body: { ...preview, messages: bulkPreviewMessages(preview, language) } };
    },
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/pdf-issuances',
    idempotent: true,
    summary: 'Issue passwords to many employees as one PDF (●PDF且つ一括発行), downloadable once',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    body: bulkBody,
    responses: {
      202: { description: 'Started; poll GET /api/pdf-issuances/{id} until ready', schema: bulkPdfSchema },
      409: { description: 'Every selected employee is excluded (NOTHING_TO_ISSUE)' },
      503: { description: 'The workflow service is unreachable; nothing was issued' },
    },
    handler: async ({ em, auth, body }) => {
      const started = await startBulkPdfIssuance(
        { em, temporal: services.temporal, logger: services.logger, secretBox: services.secretBox },
        { accountCodes: await bulkCodes(em, auth, body), auth },
      );
      await waitUntilAssembled(em, started.notice.id, 10_000);
      const status = await bulkPdfStatus(
        { em: em.fork(), temporal: services.temporal },
        { noticeId: started.notice.id, auth },
      );
      return {
        status: 202,
        body: {
          id: started.notice.id,
          workflowId: started.workflowId,
          total: status.total,
          done: status.done,
          stage: status.stage,
          reissues: started.reissues,
          excluded: started.excluded,
          download: {
            url: `${services.publicBaseUrl}${passwordNoticePath(started.token)}`,
            expiresAt: status.expiresAt.toISOString(),
            ready: status.stage === 'ready',
            fetched: false,
          },
        } satisfies z.infer<typeof bulkPdfSchema>,
      };
    },
  });

  defineCsvDownload(target, {
    path: '/api/pdf-issuances/:id/results',
    summary:
      'The results file of a bulk PDF run (CSV): per employee the outcome, reason, link expiry, download and issue times',
    tag: 'Issuance',
    permission: 'issuance:issue',
    params: bulkIdParam,
    lines: 'One line per employee of the PDF, in page order',
    notFound: 'No such bulk PDF issuance in this company',
    fileName: (params) => `pdf-run-${params.id}-results.csv`,
    header: (language) => bulkRunResultHeaders[language],
    rows: (em, auth, params, language) => bulkPdfResults(em, auth, params.id, language),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/pdf-issuances/:id',
    summary: 'Progress of a bulk PDF issuance: done/total and whether the PDF is ready',
    tag: 'Issuance',
    access: { permission: 'issuance:issue' },
    params: bulkIdParam,
    responses: {
      200: { description: 'Progress', schema: bulkPdfSchema },
      404: { description: 'No such run' },
    },
    handler: async ({ em, auth, params }) => {
      const status = await bulkPdfStatus({ em, temporal: services.temporal }, { noticeId: params.id, auth });
      return {
        status: 200,
        body: {
          id: params.id,
          workflowId: status.workflowId,
          total: status.total,
          done: status.done,
          stage: status.stage,
          download: {
            url: null,
            expiresAt: status.expiresAt.toISOString(),
            ready: status.stage === 'ready' && !status.fetchedAt,
            fetched: Boolean(status.fetchedAt),
          },
        } satisfies z.infer<typeof bulkPdfSchema>,
      };
    },
  });
}
