import type { SessionScope } from '../../entities';
import type { Permission } from '../../lib/permissions';

/**
 * Who acts: an administrator's session, or the administrator recorded on a bulk run when its activities
 * continue the work. Every domain operation takes one and asks the policy (policy.ts) before it
 * changes anything.
 */
export interface Principal {
  companyId: string;
  companyCode: string;
  /** The acting account; a bulk run's activities act for the account that started the run. */
  accountId: string;
  accountCode: string;
  roleCode: string;
  permissions: readonly string[];
  /** `password-change` while the account must change its password first: nothing else is allowed. */
  scope: SessionScope;
  sessionId?: string;
  /** Snapshot taken at login (the seed: department changes apply from the next login). */
  departmentId?: string;
  controlDepartmentId?: string;
  /** Set when a SCIM token acts (domain/provisioning/scim-tokens.ts): its changes are made in its creator's name,
   * and the audit trail records the token by its name as the actor. */
  scimToken?: { id: string; name: string };
}

export function holds(principal: Pick<Principal, 'permissions'>, permission: Permission): boolean {
  return principal.permissions.includes(permission);
}
