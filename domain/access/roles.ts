import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, AssignmentHistory, Company, Role, Transfer } from '../../entities';
import { defaultRoles, permissions, systemAdministratorRole, type Permission } from '../../lib/permissions';
import { refusingConflicts } from '../constraint-errors';
import { ConflictError, NotFoundError } from '../errors';
import { nowOf, type DomainServices } from '../services';
import { assertMayDefineRole, assertPermitted } from './policy';
import type { Principal } from './principal';
import { recordEntityChange, snapshotOf } from '../audit/entity-audit';

const builtInRoleCodes = new Set(defaultRoles.map((role) => role.code));

export interface RoleView {
  code: string;
  name: string;
  permissions: Permission[];
  builtIn: boolean;
}

/** Stored in the order of the permission list, so that equal sets look equal. */
function canonical(granted: readonly string[]): Permission[] {
  return permissions.filter((permission) => granted.includes(permission));
}

function roleView(role: Role): RoleView {
  return {
    code: role.code,
    name: role.name,
    permissions: canonical(role.permissions),
    builtIn: builtInRoleCodes.has(role.code),
  };
}

async function findRole(em: EntityManager, principal: Principal, code: string): Promise<Role> {
  const role = await em.findOne(Role, { company: principal.companyId, code });
  if (!role) throw new NotFoundError(`No role "${code}".`, 'ROLE_NOT_FOUND');
  return role;
}

async function roleUsage(em: EntityManager, roleId: string): Promise<'ACCOUNTS' | 'TRANSFERS' | 'HISTORY' | undefined> {
  if (await em.count(Account, { role: roleId })) return 'ACCOUNTS';
  if (await em.count(Transfer, { role: roleId })) return 'TRANSFERS';
  if (await em.count(AssignmentHistory, { role: roleId })) return 'HISTORY';
  return undefined;
}

const codeTaken = (code: string) => new ConflictError('ROLE_CODE_TAKEN', `The role "${code}" exists.`, 'code');

export async function listRoles(em: EntityManager, principal: Principal): Promise<RoleView[]> {
  assertPermitted(principal, 'reference:read');
  const roles = await em.find(Role, { company: principal.companyId }, { orderBy: { code: 'asc' } });
  return roles.map(roleView);
}

export async function readRole(em: EntityManager, principal: Principal, code: string): Promise<RoleView> {
  assertPermitted(principal, 'reference:read');
  return roleView(await findRole(em, principal, code));
}

/** アカウントロール: a named set of permissions, never holding one the caller lacks. */
export async function createRole(
  em: EntityManager,
  principal: Principal,
  input: { code: string; name: string; permissions: readonly Permission[] },
): Promise<RoleView> {
  assertMayDefineRole(principal, { code: input.code, permissions: input.permissions });
  if (await em.findOne(Role, { company: principal.companyId, code: input.code })) throw codeTaken(input.code);
  const role = new Role(
    em.getReference(Company, principal.companyId, { wrapped: true }),
    input.code,
    input.name,
    canonical(input.permissions),
  );
  recordEntityChange(em, principal, principal.companyId, { type: 'role', kind: 'create' }, role, {});
  await refusingConflicts(() => em.persist(role).flush(), { unique: () => codeTaken(input.code) });
  return roleView(role);
}

/**
 * Renames a role or changes its permissions. A change of permissions ends the open sessions of every
 * account holding the role, so that nobody keeps a permission taken away (or works on without a new one
 * until the next login).
 */
export async function updateRole(
  em: EntityManager,
  principal: Principal,
  code: string,
  input: { name?: string; permissions?: readonly Permission[] },
  services: Pick<DomainServices, 'clock'> = {},
): Promise<RoleView> {
  assertPermitted(principal, 'reference:write');
  const role = await findRole(em, principal, code);
  const before = snapshotOf(role);
  let permissionsChanged = false;
  if (input.permissions !== undefined) {
    const next = canonical(input.permissions);
    if (role.code === systemAdministratorRole && next.length < permissions.length) {
      throw new ConflictError(
        'SYSTEM_ADMIN_ROLE_KEEPS_PERMISSIONS',
        'The system administrator role keeps every permission.',
        'permissions',
      );
    }
    permissionsChanged = next.join() !== canonical(role.permissions).join();
    if (permissionsChanged) assertMayDefineRole(principal, { code: role.code, permissions: next }, role);
    role.permissions = next;
  }
  if (input.name !== undefined) role.name = input.name;
  recordEntityChange(em, principal, principal.companyId, { type: 'role', kind: 'update' }, role, before);
  await em.flush();
  if (permissionsChanged) {
    await em
      .getConnection()
      .execute(
        `update session set revoked_at = ? where revoked_at is null and account_id in (select id from account where role_id = ?)`,
        [nowOf(services), role.id],
      );
  }
  return roleView(role);
}

/** Deletes a role that no account, transfer or history row uses. */
export async function deleteRole(em: EntityManager, principal: Principal, code: string): Promise<void> {
  assertPermitted(principal, 'reference:write');
  const role = await findRole(em, principal, code);
  if (builtInRoleCodes.has(role.code)) {
    throw new ConflictError('ROLE_IS_BUILT_IN', `The built-in role "${role.code}" cannot be deleted.`);
  }
  assertMayDefineRole(principal, { code: role.code, permissions: role.permissions }, role);
  const reason = await roleUsage(em, role.id);
  if (reason) {
    throw new ConflictError(
      `ROLE_USED_BY_${reason}`,
      `The role "${role.code}" is still used by ${reason.toLowerCase()}.`,
    );
  }
  recordEntityChange(em, principal, principal.companyId, { type: 'role', kind: 'delete' }, role, snapshotOf(role));
  await refusingConflicts(() => em.remove(role).flush(), {
    foreignKey: () => new ConflictError('ROLE_IN_USE', `The role "${role.code}" is in use.`),
  });
}
