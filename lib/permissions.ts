export const permissions = [
  'accounts:read',
  'accounts:write',
  'settings:read',
  'settings:write',
  'reference:read',
  'reference:write',
  'issuance:issue',
  'issuance:reissue',
  'audit:read',
] as const;
export type Permission = (typeof permissions)[number];

/** The roles every company starts with. ユーザー管理者 may issue and reissue; 一般 is an employee without admin rights. */
export const defaultRoles: readonly { code: string; name: string; permissions: readonly Permission[] }[] = [
  { code: 'system-admin', name: 'システム管理者', permissions },
  {
    code: 'user-admin',
    name: 'ユーザー管理者',
    permissions: ['accounts:read', 'accounts:write', 'reference:read', 'issuance:issue', 'issuance:reissue'],
  },
  { code: 'employee', name: '一般', permissions: [] },
];
export const systemAdministratorRole = 'system-admin';
export const defaultEmployeeRole = 'employee';
