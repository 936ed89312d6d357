import { z } from 'zod';
import {
  cancelReorganisation,
  changeReorganisationMoves,
  getReorganisation,
  listReorganisations,
  registerReorganisation,
  reorganisationInput,
  reorganisationMovesInput,
} from '../../domain/organisation/reorganisations';
import { reorganisationChangeKinds, reorganisationStatuses, transferStatuses } from '../../entities';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const reorganisationSchema = z
  .object({
    id: z.string(),
    effectiveDate: z.iso.date(),
    effectiveAt: z.iso.datetime().meta({ description: "When the date begins in the company's time zone" }),
    status: z.enum(reorganisationStatuses),
    note: z.string().nullable(),
    workflowId: z.string().nullable().meta({ description: 'The run that applies it while pending' }),
    changes: z.array(
      z.object({
        kind: z.enum(reorganisationChangeKinds),
        code: z.string(),
        name: z.string().nullable(),
        parentCode: z.string().nullable(),
      }),
    ),
    moves: z
      .array(
        z.object({
          accountCode: z.string(),
          accountName: z.string(),
          departmentCode: z.string(),
          controlDepartmentCode: z.string(),
          status: z.enum(transferStatuses).meta({ description: 'Of the transfer it entered (異動)' }),
        }),
      )
      .meta({ description: "Accounts it moves on its date, each a transfer shown in the account's 異動" }),
    appliedAt: z.iso.datetime().nullable(),
    cancelledAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Reorganisation' });

const idParam = z.object({ id: z.string().min(1).max(100) });

/** 【組織変更データ登録】: reorganisations of the HR chart, effective on a date. */
export function registerReorganisationRoutes(target: RouteTarget): void {
  const { services } = target;

  defineRoute(target, {
    method: 'post',
    path: '/api/reorganisations',
    summary:
      'Register a reorganisation (組織変更): new, renamed, moved and closed departments, and accounts moved, from a date',
    tag: 'Departments',
    access: { permission: 'reference:write' },
    body: reorganisationInput.meta({ id: 'RegisterReorganisationRequest' }),
    responses: {
      201: { description: 'Registered (applied at once when dated today)', schema: reorganisationSchema },
      409: {
        description:
          'A code is taken, a move closes a cycle, a closed department is still used, a moved account has a transfer',
      },
      403: { description: 'A moved account is one the caller may not change' },
      503: { description: 'The workflow service is unreachable; nothing changed' },
    },
    handler: async ({ em, auth, body }) => ({
      status: 201,
      body: await registerReorganisation(em, auth, body, services),
    }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/reorganisations',
    summary: 'Every reorganisation, the latest date first',
    tag: 'Departments',
    access: { permission: 'reference:read' },
    responses: { 200: { description: 'Reorganisations', schema: z.object({ items: z.array(reorganisationSchema) }) } },
    handler: async ({ em, auth }) => ({ status: 200, body: { items: await listReorganisations(em, auth) } }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/reorganisations/:id',
    summary: 'One reorganisation',
    tag: 'Departments',
    access: { permission: 'reference:read' },
    params: idParam,
    responses: {
      200: { description: 'The reorganisation', schema: reorganisationSchema },
      404: { description: 'None' },
    },
    handler: async ({ em, auth, params }) => ({ status: 200, body: await getReorganisation(em, auth, params.id) }),
  });

  defineRoute(target, {
    method: 'put',
    path: '/api/reorganisations/:id/moves',
    summary: "Change a pending reorganisation's account moves (their transfers are replaced)",
    tag: 'Departments',
    access: { permission: 'reference:write' },
    params: idParam,
    body: reorganisationMovesInput.meta({ id: 'ReorganisationMovesRequest' }),
    responses: {
      200: { description: 'Changed', schema: reorganisationSchema },
      403: { description: 'A moved account is one the caller may not change' },
      404: { description: 'None' },
      409: { description: 'Not pending, a moved account has a transfer, or a closed department is still used' },
      503: { description: 'The workflow service is unreachable; the reorganisation was withdrawn' },
    },
    handler: async ({ em, auth, params, body }) => ({
      status: 200,
      body: await changeReorganisationMoves(em, auth, params.id, body, services),
    }),
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/reorganisations/:id',
    summary: 'Cancel a reorganisation before its date',
    tag: 'Departments',
    access: { permission: 'reference:write' },
    params: idParam,
    responses: {
      200: { description: 'Cancelled', schema: reorganisationSchema },
      404: { description: 'None' },
      409: { description: 'Already applied or cancelled, or a new department is already used' },
    },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: await cancelReorganisation(em, auth, params.id, services),
    }),
  });
}
