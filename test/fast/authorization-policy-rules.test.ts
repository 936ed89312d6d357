import {
  assertMayAssignRole,
  assertMayChangeAccount,
  assertMayChangeAccountFields,
  assertMayDefineRole,
  assertMayIssue,
  assertPermitted,
  assertSameCompany,
  isSystemAdministrator,
  refusalOf,
  type TargetAccount,
} from '../../domain/access/policy';
import type { Principal } from '../../domain/access/principal';
import { permissions, type Permission } from '../../lib/permissions';

/**
 * Every rule of the one policy (domain/access/policy.ts), called directly without a database: the system
 * administrator, a user administrator, an employee, a custom role that may only issue, and another company's
 * administrator, against Admin, another system-admin account, an account above the caller's role and an
 * ordinary employee. test/authorization-policy.test.ts asks the same through HTTP.
 */

const userAdminPermissions: Permission[] = [
  'accounts:read',
  'accounts:write',
  'reference:read',
  'issuance:issue',
  'issuance:reissue',
];

function principal(roleCode: string, granted: readonly string[], overrides: Partial<Principal> = {}): Principal {
  return {
    companyId: 'company-a',
    companyCode: 'a',
    accountId: `${roleCode}-account`,
    accountCode: roleCode.toUpperCase(),
    roleCode,
    permissions: granted,
    scope: 'full',
    ...overrides,
  };
}

const actors = {
  systemAdmin: principal('system-admin', permissions, { accountId: 'admin-account', accountCode: 'Admin' }),
  userAdmin: principal('user-admin', userAdminPermissions),
  employee: principal('employee', []),
  issuer: principal('issuer', ['accounts:read', 'issuance:issue']),
  otherCompany: principal('system-admin', permissions, { companyId: 'company-b', companyCode: 'b' }),
};

function target(code: string, roleCode: string, granted: readonly string[], companyId = 'company-a'): TargetAccount {
  return { id: `${code}-id`, code, companyId, roleCode, rolePermissions: granted };
}

const targets = {
  admin: target('Admin', 'system-admin', permissions),
  secondSystemAdmin: target('S0001', 'system-admin', permissions),
  /** The custom role is above the issuer (accounts:write) but below the user administrator. */
  aboveIssuer: target('W0001', 'writer', ['accounts:read', 'accounts:write']),
  employee: target('E0001', 'employee', []),
};

const refusal = (check: () => void) => refusalOf(check)?.code ?? 'allowed';

describe('rule 1: the permission, with a full session', () => {
  it.each([
    ['systemAdmin', 'accounts:write', 'allowed'],
    ['userAdmin', 'accounts:write', 'allowed'],
    ['userAdmin', 'settings:write', 'FORBIDDEN'],
    ['employee', 'accounts:read', 'FORBIDDEN'],
    ['issuer', 'issuance:issue', 'allowed'],
    ['issuer', 'issuance:reissue', 'FORBIDDEN'],
    ['issuer', 'accounts:write', 'FORBIDDEN'],
  ] as const)('%s asking %s → %s', (actor, permission, expected) => {
    expect(refusal(() => assertPermitted(actors[actor], permission))).toBe(expected);
  });

  it('a session that must change its password first may do nothing else, whatever its role', () => {
    const mustChange = { ...actors.systemAdmin, scope: 'password-change' as const };
    expect(refusal(() => assertPermitted(mustChange, 'accounts:read'))).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

describe('rule 2: another company looks absent', () => {
  it('answers not found, never forbidden, for another company', () => {
    expect(refusalOf(() => assertSameCompany(actors.otherCompany, 'company-a'))).toMatchObject({
      kind: 'not-found',
      code: 'NOT_FOUND',
    });
    expect(refusal(() => assertSameCompany(actors.userAdmin, 'company-a'))).toBe('allowed');
  });

  it('even a system administrator of another company changes nothing here', () => {
    expect(refusal(() => assertMayChangeAccount(actors.otherCompany, 'accounts:write', targets.employee))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('rule 3: who may change which account', () => {
  const table: [keyof typeof actors, keyof typeof targets, string][] = [
    ['systemAdmin', 'admin', 'allowed'],
    ['systemAdmin', 'secondSystemAdmin', 'allowed'],
    ['systemAdmin', 'aboveIssuer', 'allowed'],
    ['systemAdmin', 'employee', 'allowed'],
    ['userAdmin', 'admin', 'SYSTEM_ADMINISTRATOR_ONLY'],
    ['userAdmin', 'secondSystemAdmin', 'SYSTEM_ADMINISTRATOR_ONLY'],
    ['userAdmin', 'aboveIssuer', 'allowed'],
    ['userAdmin', 'employee', 'allowed'],
    ['employee', 'employee', 'FORBIDDEN'],
    ['issuer', 'employee', 'FORBIDDEN'],
    ['otherCompany', 'admin', 'NOT_FOUND'],
  ];
  it.each(table)('%s changing %s → %s', (actor, on, expected) => {
    expect(refusal(() => assertMayChangeAccount(actors[actor], 'accounts:write', targets[on]))).toBe(expected);
  });

  it('nobody acts on an account whose role holds a permission they lack (a custom role)', () => {
    expect(refusal(() => assertMayChangeAccount(actors.issuer, 'issuance:issue', targets.aboveIssuer))).toBe(
      'TARGET_ABOVE_OWN_ROLE',
    );
    expect(refusal(() => assertMayChangeAccount(actors.issuer, 'issuance:issue', targets.employee))).toBe('allowed');
  });

  it('a role named system-admin without every permission is not a system administrator', () => {
    const impostor = principal('system-admin', userAdminPermissions);
    expect(isSystemAdministrator(impostor)).toBe(false);
    expect(refusal(() => assertMayChangeAccount(impostor, 'accounts:write', targets.admin))).toBe(
      'SYSTEM_ADMINISTRATOR_ONLY',
    );
    expect(isSystemAdministrator(actors.systemAdmin)).toBe(true);
  });
});

describe('the one door: which fields of which account (a typed address is a change of emails)', () => {
  it.each([
    ['systemAdmin', 'admin', ['emails'], 'allowed'],
    ['userAdmin', 'admin', ['emails'], 'SYSTEM_ADMINISTRATOR_ONLY'],
    ['userAdmin', 'secondSystemAdmin', ['emails'], 'SYSTEM_ADMINISTRATOR_ONLY'],
    ['userAdmin', 'employee', ['emails', 'lastName'], 'allowed'],
    ['issuer', 'employee', ['emails'], 'FORBIDDEN'],
    ['issuer', 'admin', ['emails'], 'FORBIDDEN'],
    ['employee', 'employee', ['emails'], 'FORBIDDEN'],
    ['otherCompany', 'employee', ['emails'], 'NOT_FOUND'],
  ] as const)('%s changing %s of %s → %s', (actor, on, fields, expected) => {
    expect(refusal(() => assertMayChangeAccountFields(actors[actor], targets[on], fields))).toBe(expected);
  });

  it('a role with accounts:write below the target’s role is refused (a custom role)', () => {
    const writer = principal('writer', ['accounts:read', 'accounts:write']);
    expect(refusal(() => assertMayChangeAccountFields(writer, targets.aboveIssuer, ['emails']))).toBe('allowed');
    const lesser = principal('clerk', ['accounts:write']);
    expect(refusal(() => assertMayChangeAccountFields(lesser, targets.aboveIssuer, ['emails']))).toBe(
      'TARGET_ABOVE_OWN_ROLE',
    );
  });

  it('another account’s password is the reissue right, not accounts:write (field password)', () => {
    const writer = principal('writer', ['accounts:read', 'accounts:write']);
    const setPassword = (actor: Principal) =>
      refusalOf(() => assertMayChangeAccountFields(actor, targets.employee, ['lastName', 'password']));
    expect(setPassword(writer)).toMatchObject({ code: 'REISSUE_NOT_PERMITTED', field: 'password' });
    expect(setPassword(actors.userAdmin)).toBeUndefined();
    expect(setPassword(actors.issuer)?.code).toBe('FORBIDDEN');
    expect(setPassword(actors.otherCompany)?.code).toBe('NOT_FOUND');
    expect(refusal(() => assertMayChangeAccountFields(writer, targets.employee, ['lastName']))).toBe('allowed');
  });

  it('nobody sets their own password here; their own other fields they may change', () => {
    const self = { ...targets.admin, id: actors.systemAdmin.accountId };
    expect(refusal(() => assertMayChangeAccountFields(actors.systemAdmin, self, ['password']))).toBe('OWN_PASSWORD');
    expect(refusal(() => assertMayChangeAccountFields(actors.systemAdmin, self, ['note', 'shortName']))).toBe(
      'allowed',
    );
  });

  it.each(['emails', 'azureAdId', 'mfaEnabled'])('one’s own %s only with a step-up; another’s without', (field) => {
    const self = { ...targets.admin, id: actors.systemAdmin.accountId };
    expect(refusalOf(() => assertMayChangeAccountFields(actors.systemAdmin, self, [field]))).toMatchObject({
      code: 'STEP_UP_REQUIRED',
      field,
    });
    expect(refusal(() => assertMayChangeAccountFields(actors.systemAdmin, self, [field], true))).toBe('allowed');
    expect(refusal(() => assertMayChangeAccountFields(actors.userAdmin, targets.employee, [field]))).toBe('allowed');
  });
});

describe('rule 4: roles', () => {
  const roles = {
    systemAdmin: { code: 'system-admin', permissions },
    userAdmin: { code: 'user-admin', permissions: userAdminPermissions },
    employee: { code: 'employee', permissions: [] },
  };

  it.each([
    ['systemAdmin', 'systemAdmin', 'allowed'],
    ['userAdmin', 'systemAdmin', 'ROLE_ABOVE_OWN'],
    ['userAdmin', 'userAdmin', 'allowed'],
    ['userAdmin', 'employee', 'allowed'],
    ['issuer', 'userAdmin', 'ROLE_ABOVE_OWN'],
    ['issuer', 'employee', 'allowed'],
  ] as const)('%s assigning %s → %s', (actor, role, expected) => {
    expect(refusal(() => assertMayAssignRole(actors[actor], roles[role], { id: 'someone' }, 'roleCode'))).toBe(
      expected,
    );
  });

  it('nobody changes their own role, not even a system administrator; keeping it is no change', () => {
    const self = { id: actors.systemAdmin.accountId, currentRoleCode: 'system-admin' };
    expect(refusal(() => assertMayAssignRole(actors.systemAdmin, roles.employee, self, 'roleCode'))).toBe('OWN_ROLE');
    expect(refusal(() => assertMayAssignRole(actors.systemAdmin, roles.systemAdmin, self, 'roleCode'))).toBe('allowed');
  });

  it('a role is defined with the caller’s permissions at most, never the caller’s own or the system role', () => {
    const definer = principal('user-admin', [...userAdminPermissions, 'reference:write']);
    expect(refusal(() => assertMayDefineRole(definer, { code: 'clerk', permissions: ['accounts:read'] }))).toBe(
      'allowed',
    );
    expect(refusal(() => assertMayDefineRole(definer, { code: 'clerk', permissions: ['settings:write'] }))).toBe(
      'ROLE_ABOVE_OWN',
    );
    expect(
      refusal(() => assertMayDefineRole(definer, { code: 'user-admin', permissions: [] }, { code: 'user-admin' })),
    ).toBe('OWN_ROLE');
    expect(
      refusal(() => assertMayDefineRole(definer, { code: 'system-admin', permissions: [] }, { code: 'system-admin' })),
    ).toBe('SYSTEM_ADMINISTRATOR_ONLY');
    expect(refusal(() => assertMayDefineRole(actors.userAdmin, { code: 'clerk', permissions: [] }))).toBe('FORBIDDEN');
  });
});

describe('rule 5: issuance and reissue', () => {
  it.each([
    ['userAdmin', 'employee', false, 'allowed'],
    ['userAdmin', 'employee', true, 'allowed'],
    ['issuer', 'employee', false, 'allowed'],
    ['issuer', 'employee', true, 'FORBIDDEN'],
    ['issuer', 'admin', false, 'SYSTEM_ADMINISTRATOR_ONLY'],
    ['issuer', 'aboveIssuer', false, 'TARGET_ABOVE_OWN_ROLE'],
    ['employee', 'employee', false, 'FORBIDDEN'],
    ['otherCompany', 'employee', false, 'NOT_FOUND'],
  ] as const)('%s issuing to %s (reissue %s) → %s', (actor, on, reissue, expected) => {
    expect(refusal(() => assertMayIssue(actors[actor], targets[on], reissue))).toBe(expected);
  });

  it('nobody issues a password to themselves through the administrator’s paths', () => {
    const self = target('Admin', 'system-admin', permissions);
    expect(refusal(() => assertMayIssue(actors.systemAdmin, { ...self, id: 'admin-account' }, true))).toBe(
      'OWN_ACCOUNT',
    );
  });

  it('refusalOf answers only the policy’s refusals; any other error still throws', () => {
    expect(() =>
      refusalOf(() => {
        throw new TypeError('a bug');
      }),
    ).toThrow(TypeError);
  });
});
