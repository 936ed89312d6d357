import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../entities';
import { findAccount, targetOf } from '../accounts/target';
import { ConflictError } from '../errors';
import { nowOf, type DomainServices } from '../services';
import { assertMayChangeAccount, assertPermitted, assertSteppedUp } from './policy';
import type { Principal } from './principal';
import type { Reauthentication } from './reauthentication';
import { revokeSessionsOf } from './sessions';

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
  constructor(private readonly services: Pick<DomainServices, 'logger' | 'clock'>) {}

  private audit(principal: Principal, action: string, code: string): void {
    this.services.logger.info(
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

  /**
   * 多要素認証設定初期化. On one's own account only with a step-up (the current password and code again); the
   * account's sessions end, as after a password reset (one's own: all but this one), so whoever used the old
   * second factor is logged out.
   */
  async resetMfa(
    em: EntityManager,
    principal: Principal,
    code: string,
    reauthentication?: Reauthentication,
  ): Promise<SecurityState> {
    assertPermitted(principal, 'accounts:write');
    const account = await findAccount(em, principal, code);
    const target = await targetOf(em, account);
    assertMayChangeAccount(principal, 'accounts:write', target);
    assertSteppedUp(principal, target, 'mfa', reauthentication?.accountId === principal.accountId);
    const id = account.id;
    const reset = await em.nativeUpdate(
      Account,
      { id, mfaConfiguredAt: { $ne: null } },
      { mfaSecret: null, mfaConfiguredAt: null },
    );
    if (reset === 0) {
      throw new ConflictError('MFA_NOT_CONFIGURED', 'Multi-factor authentication is not set up (未設定).');
    }
    await revokeSessionsOf(em, id, nowOf(this.services), id === principal.accountId ? principal.sessionId : undefined);
    this.audit(principal, 'mfa-reset', code);
    return stateOf(em.fork(), principal, code);
  }
}
