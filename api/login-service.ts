import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, Company, Session, type SessionScope } from '../entities';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../lib/passwords';
import { generateToken } from '../lib/secret-box';
import { AuthenticationError, ForbiddenError, InputError } from './errors';
import type { ApiServices } from './services';

export interface OpenedSession {
  token: string;
  expiresAt: string;
  mustChangePassword: boolean;
  account: { code: string; lastName: string; firstName: string; roleCode: string };
  permissions: string[];
}

/**
 * Login and password change, shared by the JSON API and the employee's login page so both apply the
 * same rules: one answer for unknown company, unknown id and wrong password (with the same work done),
 * a token that only allows the password change while one is required.
 */
export class LoginService {
  constructor(private readonly services: ApiServices) {}

  private now(): Date {
    return this.services.clock?.() ?? new Date();
  }

  async logIn(
    em: EntityManager,
    credentials: { companyCode: string; loginId: string; password: string },
  ): Promise<OpenedSession> {
    const company = await em.findOne(Company, { code: credentials.companyCode });
    const account = company
      ? await em.findOne(Account, { company, code: credentials.loginId }, { populate: ['passwordHash'] })
      : null;
    const hash = account?.passwordHash ?? (await decoyPasswordHash());
    const matches = await verifyPassword(hash, credentials.password);
    if (!account || !account.passwordHash || !matches) {
      throw new AuthenticationError('The login id or password is wrong.', 'INVALID_CREDENTIALS');
    }
    if (account.disabled || account.loginDisabled) {
      throw new ForbiddenError('This account may not log in.', 'LOGIN_DISABLED');
    }
    account.lastLoginAt = this.now();
    const session = await this.openSession(em, account);
    await em.flush();
    return session;
  }

  /** Changes the password of the session's account, revokes every earlier token and returns a new one. */
  async changePassword(
    em: EntityManager,
    accountId: string,
    change: { currentPassword: string; newPassword: string },
  ): Promise<OpenedSession> {
    const account = await em.findOneOrFail(Account, accountId, { populate: ['passwordHash', 'company'] });
    if (!account.passwordHash || !(await verifyPassword(account.passwordHash, change.currentPassword))) {
      throw new InputError('WRONG_CURRENT_PASSWORD', 'The current password is wrong.', 'currentPassword');
    }
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
    await em.nativeUpdate(Session, { account: account.id, revokedAt: null }, { revokedAt: now });
    const session = await this.openSession(em, account);
    await em.flush();
    return session;
  }

  async revoke(em: EntityManager, sessionId: string): Promise<void> {
    await em.nativeUpdate(Session, { id: sessionId }, { revokedAt: this.now() });
  }

  private async openSession(em: EntityManager, account: Account): Promise<OpenedSession> {
    const role = await account.role.loadOrFail();
    const token = generateToken();
    const scope: SessionScope = account.mustChangePassword ? 'password-change' : 'full';
    const session = new Session({
      account: em.getReference(Account, account.id, { wrapped: true }),
      tokenHash: this.services.secretBox.hashToken(token),
      scope,
      roleCode: role.code,
      permissions: [...role.permissions],
      expiresAt: new Date(this.now().getTime() + this.services.sessionTtlMinutes * 60_000),
    });
    em.persist(session);
    return {
      token,
      expiresAt: session.expiresAt.toISOString(),
      mustChangePassword: account.mustChangePassword,
      account: { code: account.code, lastName: account.lastName, firstName: account.firstName, roleCode: role.code },
      permissions: session.permissions,
    };
  }
}
