import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Account, Company, systemAdministratorCode } from '../../entities';
import { generatePassword, hashPassword } from '../../lib/passwords';
import { NotFoundError } from '../errors';
import { revokeSessionsOf } from './sessions';

export interface RecoveredAdministrator {
  companyCode: string;
  loginId: string;
  /** Generated here and shown once to the operator; only its hash is stored. */
  password: string;
}

/**
 * The way back in when `Admin` is locked out for good (failed logins, a lost authenticator, a forgotten
 * password). Nobody can do this over HTTP: it is run by an operator on the server, with database access
 * (`npm run admin:recover -- --company <code>`). It unlocks the account, clears its failed logins and
 * MFA setup, lets it log in again, gives it a new password that must be changed at the next login, and
 * ends every open session of it.
 */
export async function recoverSystemAdministrator(
  em: EntityManager,
  companyCode: string,
  now: Date,
): Promise<RecoveredAdministrator> {
  return em.transactional(async (tx) => {
    const company = await tx.findOne(Company, { code: companyCode });
    if (!company) throw new NotFoundError(`No company "${companyCode}".`, 'COMPANY_NOT_FOUND');
    const admin = await tx.findOne(
      Account,
      { company, code: systemAdministratorCode },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!admin)
      throw new NotFoundError(`Company "${companyCode}" has no ${systemAdministratorCode}.`, 'ACCOUNT_NOT_FOUND');
    const password = generatePassword(Math.max(16, company.minPasswordLength));
    admin.passwordHash = await hashPassword(password);
    admin.passwordChangedAt = now;
    admin.mustChangePassword = true;
    admin.lockedAt = undefined;
    admin.lockedUntil = undefined;
    admin.temporaryLockouts = 0;
    admin.failedLoginCount = 0;
    admin.failedLoginWindowStartedAt = undefined;
    admin.disabled = false;
    admin.loginDisabled = false;
    // The TOTP secret is lazy: loaded so that clearing it is written.
    await tx.populate(admin, ['mfaSecret'] as never);
    admin.mfaSecret = undefined;
    admin.mfaConfiguredAt = undefined;
    await tx.flush();
    await revokeSessionsOf(tx, admin.id, now);
    return { companyCode: company.code, loginId: admin.code, password };
  });
}
