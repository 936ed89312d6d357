import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account } from '../../entities';
import type { AuthContext } from '../authentication';
import { ConflictError, errorBodySchema, NotFoundError } from '../errors';
import { accountCodeParam } from '../input-schemas';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

const iso = (date: Date | undefined | null) => (date ? date.toISOString() : null);

const securityState = z
  .object({
    code: z.string(),
    failedLoginCount: z.number().int().meta({ description: 'ログイン失敗回数 within the current window' }),
    lastFailedLoginAt: z.iso.datetime().nullable(),
    lockedAt: z.iso.datetime().nullable().meta({ description: 'ロックアウト日時; null when not locked' }),
    mfaEnabled: z.boolean().meta({ description: '多要素認証: 使用する' }),
    mfaStatus: z.enum(['unset', 'set']).meta({ description: '多要素認証設定状況: 未設定 / 設定済' }),
  })
  .meta({ id: 'AccountSecurityState' });

async function stateOf(em: EntityManager, companyId: string, code: string): Promise<z.infer<typeof securityState>> {
  const account = await em.findOne(Account, { company: companyId, code });
  if (!account) throw new NotFoundError(`No account "${code}".`, 'ACCOUNT_NOT_FOUND');
  return {
    code: account.code,
    failedLoginCount: account.failedLoginCount,
    lastFailedLoginAt: iso(account.lastFailedLoginAt),
    lockedAt: iso(account.lockedAt),
    mfaEnabled: account.mfaEnabled,
    mfaStatus: account.mfaConfiguredAt ? 'set' : 'unset',
  };
}

async function accountId(em: EntityManager, auth: AuthContext, code: string): Promise<string> {
  const account = await em.findOne(Account, { company: auth.companyId, code }, { fields: ['id'] });
  if (!account) throw new NotFoundError(`No account "${code}".`, 'ACCOUNT_NOT_FOUND');
  return account.id;
}

/**
 * The administrator's buttons of the account list and registration screens: ロックアウト状態解除,
 * ログイン失敗クリア and 多要素認証設定初期化. Each is one conditional statement, so it cannot undo a
 * failure counted at the same moment by a login (which updates the same columns atomically).
 */
export function registerAccountSecurityRoutes(target: RouteTarget): void {
  const { logger } = target.services;
  const audit = (auth: AuthContext, action: string, code: string) =>
    logger.info({ event: action, by: auth.accountCode, companyId: auth.companyId, account: code }, action);

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
    handler: async ({ em, auth, params }) => {
      const id = await accountId(em, auth, params.code);
      await em.nativeUpdate(Account, { id }, { lockedAt: null, failedLoginCount: 0, failedLoginWindowStartedAt: null });
      audit(auth, 'account-unlocked', params.code);
      return { status: 200, body: await stateOf(em.fork(), auth.companyId, params.code) };
    },
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
    handler: async ({ em, auth, params }) => {
      const id = await accountId(em, auth, params.code);
      await em.nativeUpdate(Account, { id }, { failedLoginCount: 0, failedLoginWindowStartedAt: null });
      audit(auth, 'login-failures-cleared', params.code);
      return { status: 200, body: await stateOf(em.fork(), auth.companyId, params.code) };
    },
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/accounts/:code/mfa',
    summary: '多要素認証設定初期化: forget the TOTP secret; the employee sets MFA up again at the next login',
    tag: 'Account security',
    access: { permission: 'accounts:write' },
    params: accountCodeParam,
    responses: {
      200: { description: 'Reset to 未設定', schema: securityState },
      404: { description: 'ACCOUNT_NOT_FOUND', schema: errorBodySchema },
      409: { description: 'MFA_NOT_CONFIGURED: the status is not 設定済', schema: errorBodySchema },
    },
    handler: async ({ em, auth, params }) => {
      const id = await accountId(em, auth, params.code);
      const reset = await em.nativeUpdate(
        Account,
        { id, mfaConfiguredAt: { $ne: null } },
        { mfaSecret: null, mfaConfiguredAt: null },
      );
      if (reset === 0) {
        throw new ConflictError('MFA_NOT_CONFIGURED', 'Multi-factor authentication is not set up (未設定).');
      }
      audit(auth, 'mfa-reset', params.code);
      return { status: 200, body: await stateOf(em.fork(), auth.companyId, params.code) };
    },
  });
}
