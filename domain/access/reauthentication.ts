import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../entities';
import { InputError } from '../errors';
import type { DomainServices } from '../services';
import { LoginService, mfaApplies } from './login';
import type { Principal } from './principal';

/** What a logged-in account gives again before a security change on itself (step-up). */
export interface ReauthenticationInput {
  currentPassword: string;
  mfaCode?: string;
}

declare const proven: unique symbol;

/** Proof that the session's account has just given its password (and TOTP code where it uses MFA). */
export interface Reauthentication {
  readonly accountId: string;
  readonly [proven]: true;
}

/**
 * Step-up: a stolen session alone must not weaken the account's own security (turn off or reset its MFA,
 * change its Azure AD id or e-mail addresses). The current password is asked again, and the TOTP code when
 * the account uses MFA; a wrong one counts as a failed login (LoginService.checkCurrentPassword), so guessing
 * meets the lockout, and the route throttles it like a login. Answers 400 naming the field, never 401, so a
 * wrong password does not look like an ended session.
 */
export async function reauthenticate(
  em: EntityManager,
  principal: Principal,
  input: ReauthenticationInput,
  services: DomainServices,
): Promise<Reauthentication> {
  const logins = new LoginService(services);
  const account = await em.findOneOrFail(Account, principal.accountId, {
    populate: ['passwordHash', 'mfaSecret', 'company'],
  });
  await logins.checkCurrentPassword(em, account, input.currentPassword);
  if (mfaApplies(account.company.getEntity(), account) && account.mfaConfiguredAt) {
    if (!input.mfaCode) {
      throw new InputError('MFA_CODE_REQUIRED', 'Enter the code from your authenticator app as well.', 'mfaCode');
    }
    await logins.checkMfaCode(em, account, input.mfaCode).catch((error: unknown) => {
      throw error instanceof Error && 'code' in error && error.code === 'INVALID_MFA_CODE'
        ? new InputError('INVALID_MFA_CODE', 'The code from the authenticator app is wrong.', 'mfaCode')
        : error;
    });
  }
  return { accountId: account.id } as Reauthentication;
}
