import { z } from 'zod';
import { AccountSecurity } from '../../domain/access/account-security';
import { errorBodySchema } from '../errors';
import { accountCodeParam } from '../../domain/input-schemas';
import type { RateLimits } from '../rate-limits';
import { defineRoute } from '../route';
import { stepUpFields, stepUpOf } from './step-up';
import type { RouteTarget } from './types';

const securityState = z
  .object({
    code: z.string(),
    failedLoginCount: z.number().int().meta({ description: 'ログイン失敗回数 within the current window' }),
    lastFailedLoginAt: z.iso.datetime().nullable(),
    lockedAt: z.iso.datetime().nullable().meta({ description: 'ロックアウト日時; null when not locked' }),
    lockedUntil: z.iso.datetime().nullable().meta({
      description: 'End of a temporary lock (accounts with administrator rights); null: locked until unlocked',
    }),
    mfaEnabled: z.boolean().meta({ description: '多要素認証: 使用する' }),
    mfaStatus: z.enum(['unset', 'set']).meta({ description: '多要素認証設定状況: 未設定 / 設定済' }),
  })
  .meta({ id: 'AccountSecurityState' });

/**
 * The administrator's buttons of the account list and registration screens: ロックアウト状態解除,
 * ログイン失敗クリア and 多要素認証設定初期化. Each is one conditional statement, so it cannot undo a
 * failure counted at the same moment by a login (which updates the same columns atomically).
 */
export function registerAccountSecurityRoutes(target: RouteTarget, rateLimits: RateLimits): void {
  const security = new AccountSecurity(target.services);

  defineRoute(target, {
    method: 'delete',
    path: '/api/accounts/:code/lockout',
    summary: 'ロックアウト状態解除: unlock the account and clear its failed logins',
    tag: 'Account security',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    responses: {
      200: { description: 'Unlocked (also when it was not locked)', schema: securityState },
      404: { description: 'ACCOUNT_NOT_FOUND', schema: errorBodySchema },
    },
    handler: async ({ em, auth, params }) => ({ status: 200, body: await security.unlock(em, auth, params.code) }),
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/accounts/:code/login-failures',
    summary: 'ログイン失敗クリア: set the failed-login count back to zero (a lock stays)',
    tag: 'Account security',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    responses: {
      200: { description: 'Cleared', schema: securityState },
      404: { description: 'ACCOUNT_NOT_FOUND', schema: errorBodySchema },
    },
    handler: async ({ em, auth, params }) => ({
      status: 200,
      body: await security.clearLoginFailures(em, auth, params.code),
    }),
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/accounts/:code/mfa',
    summary:
      "多要素認証設定初期化: forget the TOTP secret and end the account's sessions; the employee sets MFA up again at the next login",
    tag: 'Account security',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    body: z.object(stepUpFields).strict().meta({ id: 'StepUpRequest' }),
    bodyOptional: true,
    responses: {
      200: { description: 'Reset to 未設定', schema: securityState },
      400: {
        description: 'WRONG_CURRENT_PASSWORD, MFA_CODE_REQUIRED, INVALID_MFA_CODE (step-up)',
        schema: errorBodySchema,
      },
      403: {
        description: "STEP_UP_REQUIRED: one's own MFA, without currentPassword; the policy",
        schema: errorBodySchema,
      },
      429: { description: 'Too many wrong step-up passwords from this address', schema: errorBodySchema },
      404: { description: 'ACCOUNT_NOT_FOUND', schema: errorBodySchema },
      409: { description: 'MFA_NOT_CONFIGURED: the status is not 設定済', schema: errorBodySchema },
    },
    handler: async ({ em, auth, params, body, req }) => {
      const reauthentication = await stepUpOf({ em, auth, req, rateLimits, services: target.services }, body);
      return { status: 200, body: await security.resetMfa(em, auth, params.code, reauthentication) };
    },
  });
}
