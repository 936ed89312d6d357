import { systemAdministratorCode } from '../../entities';
import { permissions as allPermissions, systemAdministratorRole, type Permission } from '../../lib/permissions';
import { ForbiddenError, NotFoundError } from '../errors';
import { holds, type Principal } from './principal';

/**
 * The one authorization policy. Every operation of the domain layer asks it before it changes anything,
 * whichever way the request came (HTTP, a bulk run's activity, the CLI or the console through HTTP):
 *
 * 1. The caller holds the operation's permission, with a full session (not one that must change its
 *    password first).
 * 2. Accounts of another company do not exist for the caller.
 * 3. Only a system administrator (role `system-admin`) changes anything about a system administrator
 *    account or the `Admin` account; nobody acts on an account whose role holds a permission they lack.
 * 4. Nobody assigns a role, or defines one, holding a permission they lack; nobody changes their own role.
 * 5. A reissue (the account has had a password) needs `issuance:reissue`, decided by `isReissue`
 *    (domain/issuance/reissue.ts) on every path.
 */

/** What the policy needs to know of an account that an operation acts on. */
export interface TargetAccount {
  id: string;
  code: string;
  companyId: string;
  roleCode: string;
  rolePermissions: readonly string[];
}

/** What the policy needs to know of a role that is assigned or defined. */
export interface RoleGrant {
  code: string;
  permissions: readonly string[];
}

export function isSystemAdministrator(principal: Pick<Principal, 'roleCode' | 'permissions'>): boolean {
  return principal.roleCode === systemAdministratorRole && allPermissions.every((p) => holds(principal, p));
}

function isPrivilegedTarget(target: TargetAccount): boolean {
  return target.roleCode === systemAdministratorRole || target.code === systemAdministratorCode;
}

function lacking(principal: Principal, granted: readonly string[]): string[] {
  return granted.filter((permission) => !principal.permissions.includes(permission));
}

/** Rule 1: the permission, with a full session. */
export function assertPermitted(principal: Principal, permission: Permission): void {
  if (principal.scope !== 'full') {
    throw new ForbiddenError('Change your password before doing anything else.', 'PASSWORD_CHANGE_REQUIRED');
  }
  if (!holds(principal, permission)) {
    throw new ForbiddenError(`Your role does not have the permission "${permission}".`);
  }
}

/** Rule 2: the caller's own company only; another company's rows look absent. */
export function assertSameCompany(principal: Principal, companyId: string, what = 'account'): void {
  if (principal.companyId !== companyId) throw new NotFoundError(`No such ${what}.`, 'NOT_FOUND');
}

/**
 * Rules 1–3 for a change of any kind to an account (its fields, password, addresses, login id, role,
 * MFA, lockout, deletion, or an issuance to it).
 */
export function assertMayChangeAccount(principal: Principal, permission: Permission, target: TargetAccount): void {
  assertPermitted(principal, permission);
  assertSameCompany(principal, target.companyId);
  if (isPrivilegedTarget(target) && !isSystemAdministrator(principal)) {
    throw new ForbiddenError(
      'Only a system administrator may change a system administrator account.',
      'SYSTEM_ADMINISTRATOR_ONLY',
    );
  }
  const missing = lacking(principal, target.rolePermissions);
  if (missing.length > 0) {
    throw new ForbiddenError(
      `The account's role holds permissions your role lacks (${missing.join(', ')}).`,
      'TARGET_ABOVE_OWN_ROLE',
    );
  }
}

/**
 * Rules 1–3, asked field by field, for a change to an account's data, whichever way it came (the account
 * form, a CSV import row, a bulk run's typed address): `fields` are the names of the account form
 * (`UpdateAccountRequest`) the change sets. Only an account the caller may change takes any field; nobody
 * sets their own password this way (they change it with the current one), and setting another's password
 * needs `issuance:reissue`; one's own MFA, Azure AD id and addresses need a step-up. The role a change assigns is
 * asked separately (`assertMayAssignRole`), once the role is known.
 */
export function assertMayChangeAccountFields(
  principal: Principal,
  target: TargetAccount,
  fields: readonly string[],
  reauthenticated = false,
): void {
  assertMayChangeAccount(principal, 'accounts:write', target);
  for (const field of fields) {
    if (field === 'password') assertMaySetPassword(principal, target);
    if (stepUpFields.has(field)) assertSteppedUp(principal, target, field, reauthenticated);
  }
}

/** The own account's fields that only a step-up changes (the password of the session given again). */
const stepUpFields = new Set(['mfaEnabled', 'azureAdId', 'emails']);

/**
 * A security change on oneself (MFA off or reset, Azure AD id, e-mail addresses) needs the current password
 * (and TOTP code) given again with the request (domain/access/reauthentication.ts): a stolen session alone
 * must not remove the second factor or move the account's sign-in and mail elsewhere.
 */
export function assertSteppedUp(
  principal: Principal,
  target: TargetAccount,
  field: string,
  reauthenticated: boolean,
): void {
  if (target.id === principal.accountId && !reauthenticated) {
    throw new ForbiddenError(
      'Changing this on your own account needs your current password (and MFA code) again: currentPassword, mfaCode.',
      'STEP_UP_REQUIRED',
      field,
    );
  }
}

/**
 * Setting another account's password is a reissue (the old one stops working, the admin knows the new one):
 * it needs `issuance:reissue`, as every other reissue path does, never `accounts:write` alone.
 */
function assertMaySetPassword(principal: Principal, target: TargetAccount): void {
  if (target.id === principal.accountId) {
    throw new ForbiddenError(
      'Change your own password with your current one (POST /api/auth/password).',
      'OWN_PASSWORD',
      'password',
    );
  }
  if (!holds(principal, 'issuance:reissue')) {
    throw new ForbiddenError(
      'Setting the password of another account is a reissue; your role does not have "issuance:reissue".',
      'REISSUE_NOT_PERMITTED',
      'password',
    );
  }
}

/**
 * Rule 4 for giving an account a role (registration, edit, transfer): never a role above the caller's own,
 * never the system administrator role unless the caller is one, never a new role for oneself.
 */
export function assertMayAssignRole(
  principal: Principal,
  role: RoleGrant,
  target: { id?: string; currentRoleCode?: string },
  field: string,
): void {
  if (target.id !== undefined && target.id === principal.accountId && role.code !== target.currentRoleCode) {
    throw new ForbiddenError('Nobody may change their own role.', 'OWN_ROLE', field);
  }
  if (role.code === systemAdministratorRole && !isSystemAdministrator(principal)) {
    throw new ForbiddenError(
      'Only a system administrator may assign the system administrator role.',
      'ROLE_ABOVE_OWN',
      field,
    );
  }
  const missing = lacking(principal, role.permissions);
  if (missing.length > 0) {
    throw new ForbiddenError(
      `The role "${role.code}" holds permissions your role lacks (${missing.join(', ')}).`,
      'ROLE_ABOVE_OWN',
      field,
    );
  }
}

/** Rule 4 for defining a role: only permissions the caller holds; never the caller's own role. */
export function assertMayDefineRole(principal: Principal, role: RoleGrant, existing?: { code: string }): void {
  assertPermitted(principal, 'reference:write');
  if (existing && existing.code === principal.roleCode) {
    throw new ForbiddenError('Nobody may change their own role.', 'OWN_ROLE', 'permissions');
  }
  if (existing?.code === systemAdministratorRole && !isSystemAdministrator(principal)) {
    throw new ForbiddenError('Only a system administrator may change this role.', 'SYSTEM_ADMINISTRATOR_ONLY');
  }
  const missing = lacking(principal, role.permissions);
  if (missing.length > 0) {
    throw new ForbiddenError(
      `A role may hold only permissions your role holds (missing: ${missing.join(', ')}).`,
      'ROLE_ABOVE_OWN',
      'permissions',
    );
  }
}

/**
 * Rules 1–3 and 5 for an issuance of any kind. Nobody issues a password to themselves through the
 * administrator's paths: the own password is changed with the current one (POST /api/auth/password).
 */
export function assertMayIssue(principal: Principal, target: TargetAccount, reissue: boolean): void {
  assertMayChangeAccount(principal, reissue ? 'issuance:reissue' : 'issuance:issue', target);
  if (target.id === principal.accountId) {
    throw new ForbiddenError('Change your own password with your current one instead.', 'OWN_ACCOUNT');
  }
}

/** The same rules as a yes/no answer, for previews that list who would be refused and why. */
export function refusalOf(check: () => void): ForbiddenError | NotFoundError | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) return error;
    throw error;
  }
}
