import { z } from 'zod';
import { createRole, deleteRole, listRoles, readRole, updateRole } from '../../domain/access/roles';
import { plainText } from '../../domain/input-schemas';
import { permissions } from '../../lib/permissions';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const roleCode = z
  .string()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9_-]+$/, 'half-width letters, digits, - and _ only')
  .meta({ example: 'user-admin' });
const roleName = plainText(50);
const permissionList = z
  .array(z.enum(permissions))
  .max(permissions.length * 2)
  .meta({ description: 'Each from the fixed list of permissions; duplicates count once' });

const roleSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    permissions: z.array(z.enum(permissions)),
    builtIn: z.boolean().meta({ description: 'Created with every company; cannot be deleted' }),
  })
  .meta({ id: 'Role' });

const createRoleBody = z
  .object({ code: roleCode, name: roleName, permissions: permissionList })
  .strict()
  .meta({ id: 'CreateRoleRequest' });
const updateRoleBody = z
  .object({ name: roleName, permissions: permissionList })
  .partial()
  .strict()
  .meta({ id: 'UpdateRoleRequest' });

/** アカウントロール: named sets of permissions. Changes reach a logged-in account at its next login. */
export function registerRoleRoutes(target: RouteTarget): void {
  const roleCodeParam = z.object({ code: roleCode });

  defineRoute(target, {
    method: 'get',
    path: '/api/roles',
    summary: 'Every role of the company with its permissions',
    tag: 'Roles',
    access: { permission: 'reference:read' },
    responses: { 200: { description: 'By code', schema: z.object({ items: z.array(roleSchema) }) } },
    handler: async ({ em, auth }) => ({ status: 200, body: { items: await listRoles(em, auth) } }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/roles/:code',
    summary: 'One role',
    tag: 'Roles',
    access: { permission: 'reference:read' },
    params: roleCodeParam,
    responses: { 200: { description: 'The role', schema: roleSchema }, 404: { description: 'No such role' } },
    handler: async ({ em, auth, params }) => ({ status: 200, body: await readRole(em, auth, params.code) }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/roles',
    summary: 'Add a role',
    tag: 'Roles',
    access: { permission: 'reference:write' },
    body: createRoleBody,
    responses: { 201: { description: 'Created', schema: roleSchema }, 409: { description: 'The code is used' } },
    handler: async ({ em, auth, body }) => ({ status: 201, body: await createRole(em, auth, body) }),
  });

  defineRoute(target, {
    method: 'patch',
    path: '/api/roles/:code',
    summary: 'Rename a role or change its permissions',
    tag: 'Roles',
    access: { permission: 'reference:write' },
    params: roleCodeParam,
    body: updateRoleBody,
    responses: {
      200: { description: 'Changed', schema: roleSchema },
      404: { description: 'No such role' },
      409: { description: 'The system administrator role keeps every permission' },
    },
    handler: async ({ em, auth, params, body }) => ({
      status: 200,
      body: await updateRole(em, auth, params.code, body, target.services),
    }),
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/roles/:code',
    summary: 'Delete a role that no account, transfer or history row uses',
    tag: 'Roles',
    access: { permission: 'reference:write' },
    params: roleCodeParam,
    responses: {
      204: { description: 'Deleted' },
      404: { description: 'No such role' },
      409: {
        description:
          'Refused; the code says why: ROLE_IS_BUILT_IN, ROLE_USED_BY_ACCOUNTS, ROLE_USED_BY_TRANSFERS, ROLE_USED_BY_HISTORY',
      },
    },
    handler: async ({ em, auth, params }) => {
      await deleteRole(em, auth, params.code);
      return { status: 204 };
    },
  });
}
