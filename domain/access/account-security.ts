import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../entities';
import type { Logger } from '../../lib/logger';
import { findAccount, targetOf } from '../accounts/target';
import { ConflictError } from '../errors';
import { assertMayChangeAccount, assertPermitted } from './policy';
import type { Principal } from './principal';

export interface SecurityState {
  code: string;
  failedLoginCount: number;
  lastFailedLoginAt: string | null;
  lockedAt: string | null;
  lockedUntil: string | null;
  mfaEnabled: boolean;
  mfaStatus: 'unset' | 'set';
}

const iso = (date: Date | undefined | null) => (date ? date.toISOString() : null);

async function stateOf(em: EntityManager, principal: Principal, code: string): Promise<SecurityState> {
  const account = await findAccount(em, principal, code);
  return {
    code: account.code,
    failedLoginCount: account.failedLoginCount,
    lastFailedLoginAt: iso(account.lastFailedLoginAt),
    lockedAt: iso(account.lockedAt),
    lockedUntil: iso(account.lockedUntil),
    mfaEnabled: account.mfaEnabled,
    mfaStatus: account.mfaConfiguredAt ? 'set' : 'unset',
  };
}

async function changeableAccountId(em: EntityManager, principal: Principal, code: string): Promise<string> {
  assertPermitted(principal, 'accounts:write');
  const account = await findAccount(em, principal, code);
  assertMayChangeAccount(principal, 'accounts:write', await targetOf(em, account));
  return account.id;
}

/**
 * The administrator's buttons of the account list and registration screens: ロックアウト状態解除,
 * ログイン失敗クリア and 多要素認証設定初期化. Each is one conditional statement, so it cannot undo a
 * failure counted at the same moment by a login (which updates the same columns atomically).
 */
export class AccountSecurity {
  constructor(private readonly logger: Logger) {}

  private audit(principal: Principal, action: string, code: string): void {
    this.logger.info(
      { event: action, by: principal.accountCode, companyId: principal.companyId, account: code },
      action,
    );
  }

  async unlock(em: EntityManager, principal: Principal, code: string): Promise<SecurityState> {
    const id = await changeableAccountId(em, principal, code);
    await em.nativeUpdate(
      Account,
      { id },
      {
        lockedAt: null,
        lockedUntil: null,
        temporaryLockouts: 0,
        failedLoginCount: 0,
        failedLoginWindowStartedAt: null,
      },
    );
    this.audit(principal, 'account-unlocked', code);
    return stateOf(em.fork(), principal, code);
  }

  async clearLoginFailures(em: EntityManager, principal: Principal, code: string): Promise<SecurityState> {
    const id = await changeableAccountId(em, principal, code);
    await em.nativeUpdate(Account, { id }, { failedLoginCount: 0, failedLoginWindowStartedAt: null });
    this.audit(principal, 'login-failures-cleared', code);
    return stateOf(em.fork(), principal, code);
  }

  async resetMfa(em: EntityManager, principal: Principal, code: string): Promise<SecurityState> {
    const id = await changeableAccountId(em, principal, code);
    const reset = await em.nativeUpdate(
      Account,
      { id, mfaConfiguredAt: { $ne: null } },
      { mfaSecret: null, mfaConfiguredAt: null },
    );
    if (reset === 0) {
      throw new ConflictError('MFA_NOT_CONFIGURED', 'Multi-factor authentication is not set up (未設定).');
    }
    this.audit(principal, 'mfa-reset', code);
    return stateOf(em.fork(), principal, code);
  }
}
