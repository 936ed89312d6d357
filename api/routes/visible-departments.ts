import { z } from 'zod';
import { ownVisibleDepartments, visibleDepartmentsOfAccount } from '../../domain/organisation/visible-departments';
import { accountCodeParam } from '../../domain/input-schemas';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const visibleDepartmentsSchema = z
  .object({
    controlDepartmentCode: z.string().nullable().meta({ description: 'コントロール部門; 0 (全社) sees everything' }),
    items: z
      .array(
        z.object({
          code: z.string(),
          name: z.string(),
          parentCode: z.string().nullable(),
          depth: z.number().int(),
          path: z.array(z.string()).meta({ description: 'Codes from the root 0 (全社) down to this department' }),
        }),
      )
      .meta({ description: 'The control department and everything below it, parents before children' }),
  })
  .meta({ id: 'VisibleDepartments' });

/** コントロール部門: which departments an account may see (its control department and below). */
export function registerVisibleDepartmentRoutes(target: RouteTarget): void {
  defineRoute(target, {
    method: 'get',
    path: '/api/accounts/:code/visible-departments',
    summary: 'The departments an account may see under its current control department',
    tag: 'Departments',
    access: { permission: 'accounts:read' },
    params: accountCodeParam,
    responses: {
      200: { description: 'Parents before children', schema: visibleDepartmentsSchema },
      404: { description: 'No such account' },
    },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: await visibleDepartmentsOfAccount(em, auth, params.code),
    }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/auth/visible-departments',
    summary: 'The departments the logged-in account may see, as of its login',
    tag: 'Authentication',
    access: 'session',
    responses: {
      200: {
        description:
          'From the control department recorded at login: a change reaches the account at its next login. ' +
          'A token from before control departments were recorded uses the current one.',
        schema: visibleDepartmentsSchema,
      },
    },
    handler: async ({ em, auth }) => ({ status: 200, body: await ownVisibleDepartments(em, auth) }),
  });
}
