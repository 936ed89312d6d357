import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, Company, Session, type SessionScope } from '../../entities';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../../lib/passwords';
import { generateToken } from '../../lib/secret-box';
import { acceptedTotpStep } from '../../lib/totp';
import { AuthenticationError, InputError } from '../errors';
import { isLockedOut } from './lockout';
import { recordFailedLogin, recordSuccessfulLogin } from './login-attempts';
import type { Principal } from './principal';
import { revokeSessionsOf } from './sessions';
import type { DomainServices } from '../services';
import { systemActor, type AuditActor } from '../audit/actor';
import { recordAudit, recordAuditNow } from '../audit/audit-trail';
import { accountEvent, accountItself } from './access-audit';

export interface OpenedSession {
  token: string;
  expiresAt: string;
  mustChangePassword: boolean;
  /** MFA is on for the account but not set up yet: the token allows nothing that needs a permission. */
  mfaEnrolmentRequired: boolean;
  account: { code: string; lastName: string; firstName: string; roleCode: string };
  permissions: string[];
}

export interface Credentials {
  companyCode: string;
  loginId: string;
  password: string;
  /** The TOTP code, for accounts that use MFA (多要素認証: 使用する, 設定済). */
  mfaCode?: string;
}

/** 多要素認証: the company enables it (ログイン認証設定) and the account uses it (使用する). */
export function mfaApplies(company: Company, account: Account): boolean {
  return company.mfaEnabled && account.mfaEnabled;
}

function invalidCredentials(): AuthenticationError {
  return new AuthenticationError(
    'The login id or password is wrong, or the account cannot log in now; if this goes on, ask your administrator.',
    'INVALID_CREDENTIALS',
  );
}

/**
 * Login and password change, shared by the JSON API and the employee's login page so both apply the
 * same rules: one answer for unknown company, unknown id and wrong password (with the same work done),
 * a token that only allows the password change while one is required.
 *
 * Lockout (ロックアウト): failed logins are counted atomically within the company's window
 * (see login-attempts.ts); reaching the threshold locks the account. The seed knows no automatic expiry,
 * only ロックアウト状態解除 by an administrator, so an employee's lock is permanent until then (OWASP's
 * "lock permanently"; Zitadel also needs an admin). An account with administrator rights is locked for a
 * growing while instead (Keycloak's temporary lockout, lockout.ts), so nobody outside can lock out the
 * administrators who would unlock the others.
 *
 * What a caller learns: unknown company, unknown id, wrong password, a locked account and a disabled
 * one all answer INVALID_CREDENTIALS with the same message (which tells the employee to ask the
 * administrator if it goes on), whatever password is given: once the lock is reached guessing learns
 * nothing more. Only the right password on an account that may log in learns that MFA is needed.
 */
export class LoginService {
  constructor(private readonly services: DomainServices) {}

  private now(): Date {
    return this.services.clock?.() ?? new Date();
  }

  async logIn(em: EntityManager, credentials: Credentials): Promise<OpenedSession> {
    const now = this.now();
    const company = await em.findOne(Company, { code: credentials.companyCode });
    const account = company
      ? await em.findOne(Account, { company, code: credentials.loginId }, { populate: ['passwordHash', 'mfaSecret'] })
      : null;
    const hash = account?.passwordHash ?? (await decoyPasswordHash());
    const matches = await verifyPassword(hash, credentials.password);
    // A locked or disabled account answers exactly as a wrong password does, whatever password is given
    // (after the same work): guessing past the lock learns nothing, nor which accounts exist or are locked.
    const mayLogIn = account && !isLockedOut(account, now) && !account.disabled && !account.loginDisabled;
    if (!company || !account || !account.passwordHash || !matches || !mayLogIn) {
      if (company) await this.recordLoginFailure(em, company, credentials.loginId, account, matches, now);
      if (!matches) await this.countFailure(em, account ?? undefined, now);
      throw invalidCredentials();
    }
    if (mfaApplies(company, account) && account.mfaConfiguredAt) {
      await this.checkMfaCode(em, account, credentials.mfaCode, now);
    }
    return this.finishLogin(em, account, now);
  }

  /**
   * 'login.failed' in the audit trail, in its own statement (the login answers an error): who tried is not known,
   * so the actor is the login id typed; the reason says which check failed (the caller only ever learns
   * INVALID_CREDENTIALS).
   */
  private async recordLoginFailure(
    em: EntityManager,
    company: Company,
    loginId: string,
    account: Account | null,
    matches: boolean,
    now: Date,
  ): Promise<void> {
    const actor: AuditActor = { kind: 'anonymous', code: loginId };
    if (!account) {
      const target = { type: 'account', code: loginId };
      const event = { companyId: company.id, actor, action: 'login.failed', target };
      return recordAuditNow(em, { ...event, outcome: 'failed', reason: 'UNKNOWN_LOGIN_ID' });
    }
    const reason = !account.passwordHash
      ? 'NO_PASSWORD'
      : !matches
        ? 'WRONG_PASSWORD'
        : isLockedOut(account, now)
          ? 'LOCKED_OUT'
          : 'LOGIN_NOT_ALLOWED';
    await recordAuditNow(em, accountEvent(account, 'login.failed', actor, { outcome: 'failed', reason }));
  }

  /**
   * The TOTP step of a login (password or Azure AD): no code asks for one; a wrong or replayed code counts
   * as a failed login. The account must be loaded with `mfaSecret`.
   */
  async checkMfaCode(em: EntityManager, account: Account, code: string | undefined, now = this.now()): Promise<void> {
    if (!code) throw new AuthenticationError('Enter the code from your authenticator app.', 'MFA_REQUIRED');
    const secret = account.mfaSecret ? this.services.secretBox.open(account.mfaSecret, account.id) : undefined;
    const step = secret ? await acceptedTotpStep(secret, code, now, account.mfaLastTimeStep) : undefined;
    // Claimed in one statement, so two logins racing with the same code cannot both pass.
    if (step === undefined || !(await claimTotpStep(em, account.id, step))) {
      const failed = { outcome: 'failed' as const, reason: 'INVALID_MFA_CODE' };
      await recordAuditNow(em, accountEvent(account, 'login.failed', accountItself(account), failed));
      await this.countFailure(em, account, now);
      throw new AuthenticationError('The code from the authenticator app is wrong.', 'INVALID_MFA_CODE');
    }
  }

  /** Records the login and opens the session, once every check passed. */
  async finishLogin(
    em: EntityManager,
    account: Account,
    now = this.now(),
    options: { passwordUsed: boolean } = { passwordUsed: true },
  ): Promise<OpenedSession> {
    // A parallel wrong password may have locked the account since it was read.
    if (!(await recordSuccessfulLogin(em, account.id, now))) throw invalidCredentials();
    const session = await this.openSession(em, account, options);
    const action = options.passwordUsed ? 'login.succeeded' : 'login.azure-ad';
    recordAudit(em, accountEvent(account, action, accountItself(account)));
    await em.flush();
    return session;
  }

  /** Counts a wrong password or code of a login or a step-up (reauthentication.ts). */
  async countFailure(em: EntityManager, account: Account | undefined, now: Date): Promise<void> {
    const outcome = await recordFailedLogin(em, account?.id, now, this.services.adminLockout);
    if (account && outcome?.lockedNow) {
      const details = { failedLoginCount: outcome.failedLoginCount, lockedUntil: outcome.lockedUntil ?? null };
      await recordAuditNow(em, accountEvent(account, 'login.locked', systemActor('lockout'), { details }));
    }
    if (account && outcome?.lockedNow && outcome.lockedUntil) {
      this.services.logger.warn(
        { event: 'account-locked-temporarily', accountId: account.id, lockedUntil: outcome.lockedUntil.toISOString() },
        'account with administrator rights locked for a while after failed logins',
      );
    } else if (account && outcome?.lockedNow) {
      // Whoever is logged in as the account now does not keep working past the lock.
      await revokeSessionsOf(em, account.id, now);
      this.services.logger.warn(
        { event: 'account-locked', accountId: account.id, failedLoginCount: outcome.failedLoginCount },
        'account locked after failed logins',
      );
    }
  }

  /**
   * The current password, asked again of a logged-in account (password change, step-up): a wrong one counts as
   * a failed login, so a stolen session guesses no faster than a login (the lockout, and the route's rate
   * limits); during a lock even the right one is refused. The account must be loaded with `passwordHash`.
   */
  async checkCurrentPassword(em: EntityManager, account: Account, password: string, now = this.now()): Promise<void> {
    const matches = account.passwordHash ? await verifyPassword(account.passwordHash, password) : false;
    if (!matches) await this.countFailure(em, account, now);
    if (!matches || isLockedOut(account, now)) {
      throw new InputError('WRONG_CURRENT_PASSWORD', 'The current password is wrong.', 'currentPassword');
    }
  }

  /** Changes the password of the session's account, revokes every earlier token and returns a new one. */
  async changePassword(
    em: EntityManager,
    accountId: string,
    change: { currentPassword: string; newPassword: string },
  ): Promise<OpenedSession> {
    const account = await em.findOneOrFail(Account, accountId, { populate: ['passwordHash', 'company'] });
    await this.checkCurrentPassword(em, account, change.currentPassword);
    const minimum = account.company.getEntity().minPasswordLength;
    if (change.newPassword.length < minimum) {
      throw new InputError(
        'PASSWORD_TOO_SHORT',
        `The new password needs at least ${minimum} characters.`,
        'newPassword',
      );
    }
    if (change.newPassword === change.currentPassword) {
      throw new InputError('PASSWORD_UNCHANGED', 'The new password must differ from the current one.', 'newPassword');
    }
    const now = this.now();
    account.passwordHash = await hashPassword(change.newPassword);
    account.mustChangePassword = false;
    account.passwordChangedAt = now;
    await this.revokeAll(em, account.id);
    const session = await this.openSession(em, account);
    const changes = [{ field: 'password', changed: true as const }];
    recordAudit(em, accountEvent(account, 'password.changed', accountItself(account), { changes }));
    await em.flush();
    return session;
  }

  async revoke(em: EntityManager, sessionId: string): Promise<void> {
    await em.nativeUpdate(Session, { id: sessionId }, { revokedAt: this.now() });
  }

  async revokeAll(em: EntityManager, accountId: string): Promise<void> {
    await em.nativeUpdate(Session, { account: accountId, revokedAt: null }, { revokedAt: this.now() });
  }

  /**
   * Opens a session for an account whose credentials the caller has checked; the caller flushes.
   *
   * MFA on but not set up yet (未設定): the password alone opens a session, but one without any
   * permission, so it reaches only the routes every session may use (own profile, password change,
   * logout and the MFA enrolment). Confirming the enrolment opens a full session. Refusing the login
   * instead would leave the employee no way to enrol, and a full session would make MFA optional.
   */
  async openSession(
    em: EntityManager,
    account: Account,
    options: { passwordUsed: boolean } = { passwordUsed: true },
  ): Promise<OpenedSession> {
    const role = await account.role.loadOrFail();
    const company = await account.company.loadOrFail();
    const mfaEnrolmentRequired = mfaApplies(company, account) && !account.mfaConfiguredAt;
    const token = generateToken();
    // A sign-in without the password (Azure AD) does not ask to change a password it never used.
    const mustChangePassword = options.passwordUsed && account.mustChangePassword;
    const scope: SessionScope = mustChangePassword ? 'password-change' : 'full';
    const session = new Session({
      account: em.getReference(Account, account.id, { wrapped: true }),
      tokenHash: this.services.secretBox.hashToken(token),
      scope,
      roleCode: role.code,
      permissions: mfaEnrolmentRequired ? [] : [...role.permissions],
      departmentId: account.department.id,
      controlDepartmentId: account.controlDepartment.id,
      expiresAt: new Date(this.now().getTime() + this.services.sessionTtlMinutes * 60_000),
    });
    em.persist(session);
    return {
      token,
      expiresAt: session.expiresAt.toISOString(),
      mustChangePassword,
      mfaEnrolmentRequired,
      account: { code: account.code, lastName: account.lastName, firstName: account.firstName, roleCode: role.code },
      permissions: session.permissions,
    };
  }
}

/** What `/api/auth/me` answers: who the session belongs to and what it may do. */
export async function describeSession(em: EntityManager, principal: Principal) {
  const account = await em.findOneOrFail(Account, principal.accountId, { populate: ['company'] });
  const company = account.company.getEntity();
  return {
    companyCode: principal.companyCode,
    companyName: company.name,
    accountCode: principal.accountCode,
    lastName: account.lastName,
    firstName: account.firstName,
    locale: account.locale ?? company.locale,
    roleCode: principal.roleCode,
    permissions: [...principal.permissions],
    mustChangePassword: principal.scope === 'password-change',
    mfaStatus: !mfaApplies(company, account)
      ? ('off' as const)
      : account.mfaConfiguredAt
        ? ('set' as const)
        : ('unset' as const),
    // The settings the screens follow, for every role (GET /api/settings needs settings:read).
    issuanceChannel: company.issuanceChannel,
    timeZone: company.timeZone,
  };
}

/** Records an accepted TOTP step unless this or a later one was used already (then the code is a replay). */
export async function claimTotpStep(em: EntityManager, accountId: string, step: number): Promise<boolean> {
  const claimed = await em.nativeUpdate(
    Account,
    { id: accountId, $or: [{ mfaLastTimeStep: null }, { mfaLastTimeStep: { $lt: step } }] },
    { mfaLastTimeStep: step },
  );
  return claimed === 1;
}
