import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account, AssignmentHistory, Company, Role, Transfer } from '../../entities';
import { defaultRoles, permissions, systemAdministratorRole, type Permission } from '../../lib/permissions';
import { refusingConflicts } from '../constraint-errors';
import { ConflictError, NotFoundError } from '../errors';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const builtInRoleCodes = new Set(defaultRoles.map((role) => role.code));

const roleCode = z
  .string()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9_-]+$/, 'half-width letters, digits, - and _ only')
  .meta({ example: 'user-admin' });
const roleName = z.string().trim().min(1).max(50);
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

/** Stored in the order of the permission list, so that equal sets look equal. */
function canonical(granted: readonly string[]): Permission[] {
  return permissions.filter((permission) => granted.includes(permission));
}

function roleView(role: Role): z.infer<typeof roleSchema> {
  return {
    code: role.code,
    name: role.name,
    permissions: canonical(role.permissions),
    builtIn: builtInRoleCodes.has(role.code),
  };
}

async function findRole(em: EntityManager, companyId: string, code: string): Promise<Role> {
  const role = await em.findOne(Role, { company: companyId, code });
  if (!role) throw new NotFoundError(`No role "${code}".`, 'ROLE_NOT_FOUND');
  return role;
}

async function roleUsage(em: EntityManager, roleId: string): Promise<'ACCOUNTS' | 'TRANSFERS' | 'HISTORY' | undefined> {
  if (await em.count(Account, { role: roleId })) return 'ACCOUNTS';
  if (await em.count(Transfer, { role: roleId })) return 'TRANSFERS';
  if (await em.count(AssignmentHistory, { role: roleId })) return 'HISTORY';
  return undefined;
}

/** アカウントロール: named sets of permissions. Changes reach a logged-in account at its next login. */
export function registerRoleRoutes(target: RouteTarget): void {
  const roleCodeParam = z.object({ code: roleCode });
  const codeTaken = (code: string) => new ConflictError('ROLE_CODE_TAKEN', `The role "${code}" exists.`, 'code');

  defineRoute(target, {
    method: 'get',
    path: '/api/roles',
    summary: 'Every role of the company with its permissions',
    tag: 'Roles',
    access: { permission: 'reference:read' },
    responses: { 200: { description: 'By code', schema: z.object({ items: z.array(roleSchema) }) } },
    handler: async ({ em, auth }) => {
      const roles = await em.find(Role, { company: auth.companyId }, { orderBy: { code: 'asc' } });
      return { status: 200, body: { items: roles.map(roleView) } };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/roles/:code',
    summary: 'One role',
    tag: 'Roles',
    access: { permission: 'reference:read' },
    params: roleCodeParam,
    responses: { 200: { description: 'The role', schema: roleSchema }, 404: { description: 'No such role' } },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: roleView(await findRole(em, auth.companyId, params.code)),
    }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/roles',
    summary: 'Add a role',
    tag: 'Roles',
    access: { permission: 'reference:write' },
    body: createRoleBody,
    responses: { 201: { description: 'Created', schema: roleSchema }, 409: { description: 'The code is used' } },
    handler: async ({ em, auth, body }) => {
      if (await em.findOne(Role, { company: auth.companyId, code: body.code })) throw codeTaken(body.code);
      const role = new Role(
        em.getReference(Company, auth.companyId, { wrapped: true }),
        body.code,
        body.name,
        canonical(body.permissions),
      );
      await refusingConflicts(() => em.persist(role).flush(), { unique: () => codeTaken(body.code) });
      return { status: 201, body: roleView(role) };
    },
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
    handler: async ({ em, auth, params, body }) => {
      const role = await findRole(em, auth.companyId, params.code);
      if (body.permissions !== undefined) {
        const next = canonical(body.permissions);
        if (role.code === systemAdministratorRole && next.length < permissions.length) {
          throw new ConflictError(
            'SYSTEM_ADMIN_ROLE_KEEPS_PERMISSIONS',
            'The system administrator role keeps every permission.',
            'permissions',
          );
        }
        role.permissions = next;
      }
      if (body.name !== undefined) role.name = body.name;
      await em.flush();
      return { status: 200, body: roleView(role) };
    },
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
      const role = await findRole(em, auth.companyId, params.code);
      if (builtInRoleCodes.has(role.code)) {
        throw new ConflictError('ROLE_IS_BUILT_IN', `The built-in role "${role.code}" cannot be deleted.`);
      }
      const reason = await roleUsage(em, role.id);
      if (reason) {
        throw new ConflictError(
          `ROLE_USED_BY_${reason}`,
          `The role "${role.code}" is still used by ${reason.toLowerCase()}.`,
        );
      }
      await refusingConflicts(() => em.remove(role).flush(), {
        foreignKey: () => new ConflictError('ROLE_IN_USE', `The role "${role.code}" is in use.`),
      });
      return { status: 204 };
    },
  });
}
