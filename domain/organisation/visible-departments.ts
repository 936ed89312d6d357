import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, Department } from '../../entities';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { NotFoundError } from '../errors';
import { visibleDepartmentIds } from './department-scope';
import { orderAsTree } from './org-tree';

export interface VisibleDepartmentsView {
  controlDepartmentCode: string | null;
  items: { code: string; name: string; parentCode: string | null; depth: number; path: string[] }[];
}

async function visibleDepartments(
  em: EntityManager,
  companyId: string,
  controlDepartmentId: string | undefined,
): Promise<VisibleDepartmentsView> {
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

/** What an account of the caller's company may see under its current コントロール部門. */
export async function visibleDepartmentsOfAccount(
  em: EntityManager,
  principal: Principal,
  accountCode: string,
): Promise<VisibleDepartmentsView> {
  assertPermitted(principal, 'accounts:read');
  const account = await em.findOne(Account, { company: principal.companyId, code: accountCode });
  if (!account) throw new NotFoundError(`No account "${accountCode}".`, 'ACCOUNT_NOT_FOUND');
  return visibleDepartments(em, principal.companyId, account.controlDepartment.id);
}

/**
 * What the caller's own account may see, from the control department recorded at login. It asks for no
 * permission, so that any session (even one that must change its password first) learns its own scope.
 * A principal from before control departments were recorded uses the account's current one.
 */
export async function ownVisibleDepartments(em: EntityManager, principal: Principal): Promise<VisibleDepartmentsView> {
  const controlDepartmentId =
    principal.controlDepartmentId ?? (await em.findOneOrFail(Account, principal.accountId)).controlDepartment.id;
  return visibleDepartments(em, principal.companyId, controlDepartmentId);
}
