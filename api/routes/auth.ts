import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account, Company, Session, type SessionScope } from '../../entities';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../../lib/passwords';
import { generateToken } from '../../lib/secret-box';
import { AuthenticationError, ForbiddenError, InputError } from '../errors';
import { passwordText } from '../input-schemas';
import { defineRoute } from '../route';
import type { ApiServices } from '../services';
import type { RouteTarget } from './types';

const loginBody = z
  .object({
    companyCode: z.string().min(1).max(32).meta({ example: 'demo' }),
    loginId: z.string().min(1).max(10).meta({ example: 'Admin', description: 'アカウントコード' }),
    password: z.string().min(1).max(200),
  })
  .meta({ id: 'LoginRequest' });

const sessionResponse = z
  .object({
    token: z.string().meta({ description: 'Bearer token for the Authorization header' }),
    expiresAt: z.iso.datetime(),
    mustChangePassword: z
      .boolean()
      .meta({ description: 'When true the token only allows POST /api/auth/password, /me and logout' }),
    account: z.object({ code: z.string(), lastName: z.string(), firstName: z.string(), roleCode: z.string() }),
    permissions: z.array(z.string()),
  })
  .meta({ id: 'Session' });

const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: passwordText.min(1) })
  .meta({ id: 'ChangePasswordRequest' });

async function openSession(em: EntityManager, services: ApiServices, account: Account) {
  const role = await account.role.load();
  const token = generateToken();
  const now = services.clock?.() ?? new Date();
  const scope: SessionScope = account.mustChangePassword ? 'password-change' : 'full';
  const session = new Session({
    account: em.getReference(Account, account.id, { wrapped: true }),
    tokenHash: services.secretBox.hashToken(token),
    scope,
    roleCode: role!.code,
    permissions: [...role!.permissions],
    expiresAt: new Date(now.getTime() + services.sessionTtlMinutes * 60_000),
  });
  em.persist(session);
  return {
    token,
    expiresAt: session.expiresAt.toISOString(),
    mustChangePassword: account.mustChangePassword,
    account: { code: account.code, lastName: account.lastName, firstName: account.firstName, roleCode: role!.code },
    permissions: session.permissions,
  };
}

export function registerAuthRoutes(target: RouteTarget): void {
  const { services } = target;

  defineRoute(target, {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in with company code, login id and password',
    tag: 'Authentication',
    access: 'public',
    body: loginBody,
    responses: { 200: { description: 'Logged in', schema: sessionResponse } },
    handler: async ({ body, em }) => {
      const company = await em.findOne(Company, { code: body.companyCode });
      const account = company
        ? await em.findOne(Account, { company, code: body.loginId }, { populate: ['passwordHash'] })
        : null;
      // Unknown company, unknown id and wrong password take the same time and get the same answer.
      const hash = account?.passwordHash ?? (await decoyPasswordHash());
      const matches = await verifyPassword(hash, body.password);
      if (!account || !account.passwordHash || !matches) {
        throw new AuthenticationError('The login id or password is wrong.', 'INVALID_CREDENTIALS');
      }
      if (account.disabled || account.loginDisabled) {
        throw new ForbiddenError('This account may not log in.', 'LOGIN_DISABLED');
      }
      account.lastLoginAt = services.clock?.() ?? new Date();
      const session = await openSession(em, services, account);
      await em.flush();
      return { status: 200, body: session };
    },
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/auth/password',
    summary: 'Change the own password (required at first login after an issuance)',
    tag: 'Authentication',
    access: 'session',
    body: changePasswordBody,
    responses: {
      200: { description: 'Changed; all earlier tokens are revoked, a new one is returned', schema: sessionResponse },
    },
    handler: async ({ body, em, auth }) => {
      const account = await em.findOneOrFail(Account, auth.accountId, { populate: ['passwordHash', 'company'] });
      if (!account.passwordHash || !(await verifyPassword(account.passwordHash, body.currentPassword))) {
        throw new InputError('WRONG_CURRENT_PASSWORD', 'The current password is wrong.', 'currentPassword');
      }
      const minimum = account.company.getEntity().minPasswordLength;
      if (body.newPassword.length < minimum) {
        throw new InputError(
          'PASSWORD_TOO_SHORT',
          `The new password needs at least ${minimum} characters.`,
          'newPassword',
        );
      }
      if (body.newPassword === body.currentPassword) {
        throw new InputError('PASSWORD_UNCHANGED', 'The new password must differ from the current one.', 'newPassword');
      }
      const now = services.clock?.() ?? new Date();
      account.passwordHash = await hashPassword(body.newPassword);
      account.mustChangePassword = false;
      account.passwordChangedAt = now;
      await em.nativeUpdate(Session, { account: account.id, revokedAt: null }, { revokedAt: now });
      const session = await openSession(em, services, account);
      await em.flush();
      return { status: 200, body: session };
    },
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Revoke the token of this request',
    tag: 'Authentication',
    access: 'session',
    responses: { 204: { description: 'Revoked' } },
    handler: async ({ em, auth }) => {
      await em.nativeUpdate(Session, { id: auth.sessionId }, { revokedAt: services.clock?.() ?? new Date() });
      return { status: 204 };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/auth/me',
    summary: 'Who this token belongs to, and what it may do',
    tag: 'Authentication',
    access: 'session',
    responses: {
      200: {
        description: 'The logged-in account',
        schema: z.object({
          companyCode: z.string(),
          accountCode: z.string(),
          roleCode: z.string(),
          permissions: z.array(z.string()),
          mustChangePassword: z.boolean(),
        }),
      },
    },
    handler: async ({ auth }) => ({
      status: 200,
      body: {
        companyCode: auth.companyCode,
        accountCode: auth.accountCode,
        roleCode: auth.roleCode,
        permissions: auth.permissions,
        mustChangePassword: auth.scope === 'password-change',
      },
    }),
  });
}
