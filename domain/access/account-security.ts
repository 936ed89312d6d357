import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../entities';
import { findAccount, targetOf } from '../accounts/target';
import { ConflictError } from '../errors';
import { nowOf, type DomainServices } from '../services';
import { assertMayChangeAccount, assertPermitted, assertSteppedUp } from './policy';
import type { Principal } from './principal';
import type { Reauthentication } from './reauthentication';
import { revokeSessionsOf } from './sessions';
import { actorOf } from '../audit/actor';
import { recordAudit } from '../audit/audit-trail';
import { changesBetween, type AuditChange } from '../audit/changes';
import { accountEvent } from './access-audit';

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

async function changeableAccount(em: EntityManager, principal: Principal, code: string): Promise<Account> {
  assertPermitted(principal, 'accounts:write');
  const account = await findAccount(em, principal, code);
  assertMayChangeAccount(principal, 'accounts:write', await targetOf(em, account));
  return account;
}

/** The lock and failure fields an unlock or a clear resets, as the audit trail compares them. */
function lockState(account: Pick<Account, 'lockedAt' | 'lockedUntil' | 'failedLoginCount'>) {
  return { lockedAt: account.lockedAt, lockedUntil: account.lockedUntil, failedLoginCount: account.failedLoginCount };
}

/**
 * The administrator's buttons of the account list and registration screens: ロックアウト状態解除,
 * ログイン失敗クリア and 多要素認証設定初期化. Each is one conditional statement, so it cannot undo a
 * failure counted at the same moment by a login (which updates the same columns atomically).
 */
export class AccountSecurity {
  constructor(private readonly services: Pick<DomainServices, 'logger' | 'clock'>) {}

  /** The change and its audit event in one transaction; the log line as before. */
  private async change(
    em: EntityManager,
    principal: Principal,
    account: Account,
    event: { action: string; changes: AuditChange[] },
    work: (tx: EntityManager) => Promise<void>,
  ): Promise<void> {
    await em.transactional(async (tx) => {
      await work(tx);
      recordAudit(tx, accountEvent(account, event.action, actorOf(principal), { changes: event.changes }));
    });
    this.services.logger.info(
      { event: event.action, by: principal.accountCode, companyId: principal.companyId, account: account.code },
      event.action,
    );
  }

  async unlock(em: EntityManager, principal: Principal, code: string): Promise<SecurityState> {
    const account = await changeableAccount(em, principal, code);
    const changes = changesBetween(lockState(account), { lockedAt: null, lockedUntil: null, failedLoginCount: 0 });
    await this.change(em, principal, account, { action: 'account.unlock', changes }, async (tx) => {
      await tx.nativeUpdate(
        Account,
        { id: account.id },
        {
          lockedAt: null,
          lockedUntil: null,
          temporaryLockouts: 0,
          failedLoginCount: 0,
          failedLoginWindowStartedAt: null,
        },
      );
    });
    return stateOf(em.fork(), principal, code);
  }

  async clearLoginFailures(em: EntityManager, principal: Principal, code: string): Promise<SecurityState> {
    const account = await changeableAccount(em, principal, code);
    const changes = changesBetween({ failedLoginCount: account.failedLoginCount }, { failedLoginCount: 0 });
    await this.change(em, principal, account, { action: 'account.failures-cleared', changes }, async (tx) => {
      await tx.nativeUpdate(Account, { id: account.id }, { failedLoginCount: 0, failedLoginWindowStartedAt: null });
    });
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
    const changes: AuditChange[] = [
      { field: 'mfaStatus', before: 'set', after: 'unset' },
      { field: 'mfaSecret', changed: true },
    ];
    await this.change(em, principal, account, { action: 'account.mfa-reset', changes }, async (tx) => {
      const reset = await tx.nativeUpdate(
        Account,
        { id, mfaConfiguredAt: { $ne: null } },
        { mfaSecret: null, mfaConfiguredAt: null },
      );
      if (reset === 0) {
        throw new ConflictError('MFA_NOT_CONFIGURED', 'Multi-factor authentication is not set up (未設定).');
      }
      await revokeSessionsOf(
        tx,
        id,
        nowOf(this.services),
        id === principal.accountId ? principal.sessionId : undefined,
      );
    });
    return stateOf(em.fork(), principal, code);
  }
}
