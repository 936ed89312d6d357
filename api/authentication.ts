import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { Session, type SessionScope } from '../entities';
import type { Permission } from '../lib/permissions';
import { AuthenticationError, ForbiddenError } from './errors';
import type { ApiServices } from './services';

export interface AuthContext {
  sessionId: string;
  accountId: string;
  accountCode: string;
  companyId: string;
  companyCode: string;
  roleCode: string;
  permissions: readonly string[];
  /** Snapshot taken at login (the seed: department changes apply from the next login). */
  departmentId?: string;
  controlDepartmentId?: string;
  scope: SessionScope;
}

/** Who may call a route: anyone, any logged-in account (even one that must change its password first), or a permission. */
export type Access = 'public' | 'session' | { permission: Permission };

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
  return match?.[1];
}

export async function authenticate(req: Request, em: EntityManager, services: ApiServices): Promise<AuthContext> {
  const token = bearerToken(req);
  if (!token) throw new AuthenticationError();
  return authenticateToken(token, em, services);
}

export async function authenticateToken(token: string, em: EntityManager, services: ApiServices): Promise<AuthContext> {
  const now = services.clock?.() ?? new Date();
  const session = await em.findOne(
    Session,
    { tokenHash: services.secretBox.hashToken(token), revokedAt: null, expiresAt: { $gt: now } },
    { populate: ['account', 'account.company'] },
  );
  if (!session) throw new AuthenticationError('The token is unknown, expired or revoked.', 'INVALID_TOKEN');
  const account = session.account.getEntity();
  if (account.disabled || account.loginDisabled) {
    throw new AuthenticationError('This account may not log in.', 'ACCOUNT_DISABLED');
  }
  return {
    sessionId: session.id,
    accountId: account.id,
    accountCode: account.code,
    companyId: account.company.id,
    companyCode: account.company.getEntity().code,
    roleCode: session.roleCode,
    permissions: session.permissions,
    departmentId: session.departmentId,
    controlDepartmentId: session.controlDepartmentId,
    scope: session.scope,
  };
}

export function authorize(auth: AuthContext, access: Exclude<Access, 'public'>): void {
  if (access === 'session') return;
  if (auth.scope !== 'full') {
    throw new ForbiddenError('Change your password before doing anything else.', 'PASSWORD_CHANGE_REQUIRED');
  }
  if (!auth.permissions.includes(access.permission)) {
    throw new ForbiddenError(`Your role does not have the permission "${access.permission}".`);
  }
}
