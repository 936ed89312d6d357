import { z } from 'zod';
import { auditActionTexts } from '../../domain/audit/action-texts';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

/** The audit trail's action codes with their texts, for a screen's action filter (the 監査ログ console screen). */
export function registerAuditActionRoutes(target: RouteTarget): void {
  defineRoute(target, {
    method: 'get',
    path: '/api/audit-actions',
    summary: "Every action code of the audit trail with its text in the admin's language",
    tag: 'Audit',
    access: { permission: 'audit:read' },
    responses: {
      200: {
        description: 'The codes in the order docs/audit.md lists them',
        schema: z
          .object({ items: z.array(z.object({ code: z.string(), text: z.string() })) })
          .meta({ id: 'AuditActions' }),
      },
    },
    handler: async ({ language }) => ({
      status: 200,
      body: { items: Object.entries(auditActionTexts).map(([code, texts]) => ({ code, text: texts[language] })) },
    }),
  });
}
