import { z } from 'zod';
import { auditActorKinds } from '../../domain/audit/actor';
import { allAuditEvents, listAuditEvents, verifyAuditChain, type AuditEventView } from '../../domain/audit/audit-query';
import { auditOutcomes } from '../../domain/audit/audit-trail';
import type { Language } from '../messages';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const auditChangeSchema = z
  .union([
    z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }),
    z.object({ field: z.string(), changed: z.literal(true) }).meta({ description: 'A secret: only that it changed' }),
  ])
  .meta({ id: 'AuditChange' });

const auditEventSchema = z
  .object({
    seq: z.string().meta({ description: "The event's number in its company's chain (also the paging cursor)" }),
    occurredAt: z.string().meta({ format: 'date-time' }),
    action: z.string().meta({ example: 'account.update', description: 'A stable code (docs/audit.md)' }),
    actionText: z.string().meta({ example: 'アカウント修正', description: "The action in the admin's language" }),
    outcome: z.enum(auditOutcomes),
    reason: z.string().nullable().meta({ description: "A refusal's or failure's code" }),
    actor: z.object({
      kind: z.enum(auditActorKinds),
      accountId: z.string().nullable(),
      code: z.string().nullable().meta({ description: "An account's code, a SCIM token's or system actor's name" }),
      name: z.string().nullable(),
      role: z.string().nullable(),
    }),
    target: z.object({
      type: z.string().meta({ example: 'account' }),
      id: z.string().nullable(),
      code: z.string().nullable(),
      name: z.string().nullable(),
    }),
    changes: z.array(auditChangeSchema),
    details: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
    clientAddress: z.string().nullable(),
    traceId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

const auditQuery = z
  .object({
    accountId: z.uuid().optional().meta({ description: 'Events that changed this account or that it made' }),
    account: z.string().max(100).optional().meta({ description: 'The same by account code' }),
    actor: z.string().max(100).optional().meta({ description: "The actor's code" }),
    action: z.string().max(64).optional(),
    targetType: z.string().max(32).optional(),
    from: z.iso.datetime({ offset: true }).optional().meta({ description: 'From this time (inclusive)' }),
    to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Until this time (exclusive)' }),
    cursor: z
      .string()
      .regex(/^\d{1,19}$/)
      .optional()
      .meta({ description: 'The nextCursor of the previous page' }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const csvHeader: Record<Language, readonly string[]> = {
  ja: [
    '日時',
    '操作',
    '操作コード',
    '結果',
    '理由',
    '操作者種別',
    '操作者コード',
    '操作者名',
    'ロール',
    '対象種別',
    '対象コード',
    '対象名',
    '変更内容',
    'リクエストID',
    '接続元',
  ],
  en: [
    'Time',
    'Action',
    'Action code',
    'Outcome',
    'Reason',
    'Actor kind',
    'Actor code',
    'Actor name',
    'Role',
    'Target type',
    'Target code',
    'Target name',
    'Changes',
    'Request id',
    'Client address',
  ],
};

function changesText(event: AuditEventView, language: Language): string {
  return event.changes
    .map((change) =>
      'changed' in change
        ? `${change.field}: ${language === 'ja' ? '変更' : 'changed'}`
        : `${change.field}: ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`,
    )
    .join('; ');
}

function csvRow(event: AuditEventView, language: Language): string[] {
  return [
    event.occurredAt,
    event.actionText,
    event.action,
    event.outcome,
    event.reason ?? '',
    event.actor.kind,
    event.actor.code ?? '',
    event.actor.name ?? '',
    event.actor.role ?? '',
    event.target.type,
    event.target.code ?? '',
    event.target.name ?? '',
    changesText(event, language),
    event.requestId ?? '',
    event.clientAddress ?? '',
  ];
}

async function* csvRows(events: AsyncIterable<AuditEventView>, language: Language): AsyncIterable<string[]> {
  for await (const event of events) yield csvRow(event, language);
}

/** 監査ログ: the company's audit trail, newest first, as JSON pages or one formula-safe CSV, and its chain check. */
export function registerAuditEventRoutes(target: RouteTarget): void {
  defineRoute(target, {
    method: 'get',
    path: '/api/audit-events',
    summary: 'The audit trail, newest first (Accept: text/csv for the whole selection as a CSV file)',
    tag: 'Audit',
    access: { permission: 'audit:read' },
    query: auditQuery,
    responses: {
      200: {
        description: 'A page of events; with Accept: text/csv, every matching event as a formula-safe CSV',
        schema: z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() }),
      },
    },
    handler: async ({ em, auth, query, req, language }) => {
      const { from, to, cursor, limit, ...rest } = query;
      const filter = { ...rest, ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) };
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        // Permission first, so a refusal is an ordinary error answer and not a cut-off file.
        await listAuditEvents(em, auth, { ...filter, limit: 1 }, language);
        return {
          status: 200,
          csv: {
            fileName: 'audit-events.csv',
            header: csvHeader[language],
            rows: csvRows(allAuditEvents(em, auth, filter, language), language),
          },
        };
      }
      const page = await listAuditEvents(em, auth, { ...filter, limit, ...(cursor ? { cursor } : {}) }, language);
      return { status: 200, body: page };
    },
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/audit-events/verify',
    summary: "Walks the company's hash chain and reports the first broken link",
    tag: 'Audit',
    access: { permission: 'audit:read' },
    responses: {
      200: {
        description: 'ok, or the first row whose content, link or number does not hold',
        schema: z
          .object({
            ok: z.boolean(),
            checked: z.number().int(),
            firstBroken: z
              .object({
                seq: z.string(),
                problem: z.enum(['row-altered', 'link-broken', 'sequence-gap', 'head-mismatch']),
              })
              .nullable(),
            lastHash: z.string(),
          })
          .meta({ id: 'AuditChainVerification' }),
      },
    },
    handler: async ({ em, auth }) => ({ status: 200, body: await verifyAuditChain(em, auth) }),
  });
}
