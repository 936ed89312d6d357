import { z } from 'zod';
import { passwordText } from '../input-schemas';
import { LoginService } from '../login-service';
import { defineRoute } from '../route';
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

export function registerAuthRoutes(target: RouteTarget): void {
  const logins = new LoginService(target.services);

  defineRoute(target, {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in with company code, login id and password',
    tag: 'Authentication',
    access: 'public',
    body: loginBody,
    responses: { 200: { description: 'Logged in', schema: sessionResponse } },
    handler: async ({ body, em }) => ({ status: 200, body: await logins.logIn(em, body) }),
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
    handler: async ({ body, em, auth }) => ({
      status: 200,
      body: await logins.changePassword(em, auth.accountId, body),
    }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Revoke the token of this request',
    tag: 'Authentication',
    access: 'session',
    responses: { 204: { description: 'Revoked' } },
    handler: async ({ em, auth }) => {
      await logins.revoke(em, auth.sessionId);
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
