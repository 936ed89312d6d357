import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account, Department } from '../../entities';
import { visibleDepartmentIds } from '../../lib/department-scope';
import { orderAsTree } from '../../lib/org-tree';
import { NotFoundError } from '../errors';
import { accountCodeParam } from '../input-schemas';
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

async function visibleDepartments(
  em: EntityManager,
  companyId: string,
  controlDepartmentId: string | undefined,
): Promise<z.infer<typeof visibleDepartmentsSchema>> {
  const visible = new Set(controlDepartmentId ? await visibleDepartmentIds(em, companyId, controlDepartmentId) : []);
  const departments = await em.find(Department, { company: companyId });
  const codeOf = new Map(departments.map((department) => [department.id, department.code]));
  const placed = orderAsTree(
    departments.map((department) => ({
      id: department.id,
      code: department.code,
      name: department.name,
      parentId: department.parent?.id ?? null,
      sortOrder: department.sortOrder,
    })),
  );
  return {
    controlDepartmentCode: (controlDepartmentId && codeOf.get(controlDepartmentId)) || null,
    items: placed
      .filter(({ node }) => visible.has(node.id))
      .map(({ node, depth, path }) => ({
        code: node.code,
        name: node.name,
        parentCode: node.parentId ? (codeOf.get(node.parentId) ?? null) : null,
        depth,
        path,
      })),
  };
}

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
    handler: async ({ em, auth, params }) => {
      const account = await em.findOne(Account, { company: auth.companyId, code: params.code });
      if (!account) throw new NotFoundError(`No account "${params.code}".`, 'ACCOUNT_NOT_FOUND');
      return { status: 200, body: await visibleDepartments(em, auth.companyId, account.controlDepartment.id) };
    },
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
    handler: async ({ em, auth }) => {
      const controlDepartmentId =
        auth.controlDepartmentId ?? (await em.findOneOrFail(Account, auth.accountId)).controlDepartment.id;
      return { status: 200, body: await visibleDepartments(em, auth.companyId, controlDepartmentId) };
    },
  });
}
