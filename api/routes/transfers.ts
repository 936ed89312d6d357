import { z } from 'zod';
import { assignmentInput } from '../../domain/accounts/account-input';
import { accountSchema } from '../../domain/accounts/account-view';
import { accountCodeParam } from '../../domain/input-schemas';
import { assignmentHistory, cancelTransfer, planTransfer } from '../../domain/transfers/transfers';
import { transferStatuses } from '../../entities';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const transferResponse = z
  .object({
    status: z.enum(transferStatuses).meta({ description: 'applied at once (dated today or earlier) or pending' }),
    effectiveDate: z.iso.date(),
    effectiveAt: z.iso.datetime().meta({ description: "When the date begins in the company's time zone" }),
    workflowId: z.string().nullable().meta({ description: 'The run that applies it, for the Temporal UI' }),
    account: accountSchema,
  })
  .meta({ id: 'TransferPlan' });

const historySchema = z
  .object({
    items: z.array(
      z.object({
        kind: z.enum(['assignment', 'transfer']),
        effectiveDate: z.iso.date(),
        departmentCode: z.string(),
        controlDepartmentCode: z.string(),
        reportingControlDepartmentCode: z.string(),
        roleCode: z.string(),
        source: z.string().meta({ description: 'registration | edit | transfer, or the transfer status' }),
        recordedAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'AssignmentHistory' });

export function registerTransferRoutes(target: RouteTarget): void {
  const { services } = target;

  defineRoute(target, {
    method: 'put',
    path: '/api/accounts/:code/transfer',
    summary: 'Enter or change the pending transfer (異動); dated today or earlier it applies at once',
    tag: 'Transfers',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    body: assignmentInput,
    responses: {
      200: { description: 'The accepted plan', schema: transferResponse },
      404: { description: 'No such account' },
      409: { description: 'The system administrator keeps its role' },
      503: { description: 'The workflow service is unreachable; nothing changed' },
    },
    handler: async ({ em, auth, params, body }) => ({
      status: 200,
      body: await planTransfer(em, auth, params.code, body, services),
    }),
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/accounts/:code/transfer',
    summary: 'Cancel the pending transfer',
    tag: 'Transfers',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    responses: { 204: { description: 'Cancelled' }, 404: { description: 'No such account, or nothing pending' } },
    handler: async ({ em, auth, params }) => {
      await cancelTransfer(em, auth, params.code, services);
      return { status: 204 };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/accounts/:code/assignments',
    summary: 'Assignment history (所属の履歴) and transfers, newest first',
    tag: 'Transfers',
    access: { permission: 'accounts:read' },
    params: accountCodeParam,
    responses: { 200: { description: 'History', schema: historySchema }, 404: { description: 'No such account' } },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: { items: await assignmentHistory(em, auth, params.code) },
    }),
  });
}
