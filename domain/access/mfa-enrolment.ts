import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../entities';
import { acceptedTotpStep, newTotpSecret, totpUri } from '../../lib/totp';
import { ConflictError, InputError } from '../errors';
import { claimTotpStep, LoginService, mfaApplies, type OpenedSession } from './login';
import type { DomainServices } from '../services';
import { recordAudit } from '../audit/audit-trail';
import { accountEvent, accountItself } from './access-audit';

export interface StartedEnrolment {
  secret: string;
  otpauthUri: string;
}

/**
 * The employee's own MFA set-up (多要素認証設定): a new TOTP secret, stored sealed with the account id
 * as associated data, and shown once, in the answer to `start`; the status stays 未設定 until a code
 * from the app proves the app holds it. Only an administrator's 初期化 allows a second set-up, so a
 * stolen session cannot quietly move the second factor to another phone.
 */
export class MfaEnrolment {
  private readonly logins: LoginService;

  constructor(private readonly services: DomainServices) {
    this.logins = new LoginService(services);
  }

  private async enrollingAccount(em: EntityManager, accountId: string): Promise<Account> {
    const account = await em.findOneOrFail(Account, accountId, { populate: ['company', 'mfaSecret'] });
    if (!mfaApplies(account.company.getEntity(), account)) {
      throw new ConflictError('MFA_NOT_ENABLED', 'Multi-factor authentication is not enabled for this account.');
    }
    if (account.mfaConfiguredAt) {
      throw new ConflictError(
        'MFA_ALREADY_CONFIGURED',
        'Multi-factor authentication is already set up; an administrator must reset it first.',
      );
    }
    return account;
  }

  /** Starting again before confirming replaces the secret: only the last one shown can be confirmed. */
  async start(em: EntityManager, accountId: string): Promise<StartedEnrolment> {
    const account = await this.enrollingAccount(em, accountId);
    const company = account.company.getEntity();
    const secret = newTotpSecret();
    account.mfaSecret = this.services.secretBox.seal(secret, account.id);
    await em.flush();
    return { secret, otpauthUri: totpUri(secret, company.serviceName, `${account.code}@${company.code}`) };
  }

  /** 設定済 from now on; every earlier token (including an enrolment-only one) is revoked, a full one returned. */
  async confirm(em: EntityManager, accountId: string, code: string): Promise<OpenedSession> {
    const account = await this.enrollingAccount(em, accountId);
    if (!account.mfaSecret) {
      throw new ConflictError('MFA_ENROLMENT_NOT_STARTED', 'Start the set-up first: POST /api/auth/mfa/enrolment.');
    }
    const now = this.services.clock?.() ?? new Date();
    const secret = this.services.secretBox.open(account.mfaSecret, account.id);
    const step = await acceptedTotpStep(secret, code, now, account.mfaLastTimeStep);
    if (step === undefined || !(await claimTotpStep(em, account.id, step))) {
      throw new InputError('INVALID_MFA_CODE', 'The code from the authenticator app is wrong.', 'code');
    }
    account.mfaConfiguredAt = now;
    await this.logins.revokeAll(em, account.id);
    const session = await this.logins.openSession(em, account);
    const changes = [
      { field: 'mfaStatus', before: 'unset', after: 'set' },
      { field: 'mfaSecret', changed: true as const },
    ];
    recordAudit(em, accountEvent(account, 'mfa.enrolled', accountItself(account), { changes }));
    await em.flush();
    return session;
  }
}
