import { renderCredentials } from '../lib/mail/credentials';
import { messageIdFor } from '../lib/mailer';
import { generatePassword, hashPassword } from '../lib/passwords';
import type { IssuanceStatus } from '../entities';
import { revokeSessionsOf } from '../domain/access/sessions';
import type { ActivityDependencies } from './dependencies';
import { displayName, lockIssuance } from '../domain/issuance/issuance-access';
import { employeeLinks } from '../domain/issuance/employee-links';

/**
 * Generates the password, stores only its argon2id hash on the account, and mails the credentials.
 * Until the mail is out the password is kept encrypted on the issuance, so a retry mails the same
 * password rather than a second, different one; it is deleted as soon as the mail is accepted.
 * The password never leaves this function: the workflow gets only the resulting state.
 */
export function createIssueCredentials(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function issueCredentials(issuanceId: string): Promise<{ state: IssuanceStatus }> {
    const prepared = await deps.orm.em.fork().transactional(async (em) => {
      const { issuance, account, company } = await lockIssuance(em, issuanceId, 'sealedPassword');
      if (issuance.status !== 'verified') return { state: issuance.status } as const;
      let password: string;
      if (issuance.sealedPassword) {
        password = deps.secretBox.open(issuance.sealedPassword, issuance.id);
      } else {
        password = generatePassword(company.minPasswordLength);
        account.passwordHash = await hashPassword(password);
        account.mustChangePassword = true;
        account.passwordChangedAt = now();
        await revokeSessionsOf(em, account.id, now());
        issuance.sealedPassword = deps.secretBox.seal(password, issuance.id);
      }
      const mail = renderCredentials({
        ...employeeLinks(company, account, deps.publicBaseUrl),
        serviceName: company.serviceName,
        companyCode: company.code,
        recipientName: displayName(account),
        loginId: account.code,
        password,
      });
      return { state: 'ready', to: issuance.emailAddress, mail } as const;
    });
    if (prepared.state !== 'ready') return { state: prepared.state };

    const { messageId } = await deps.mailer.send({
      to: prepared.to,
      ...prepared.mail,
      messageId: messageIdFor(`${issuanceId}.credentials`, deps.publicBaseUrl),
    });

    return deps.orm.em.fork().transactional(async (em) => {
      const { issuance, account } = await lockIssuance(em, issuanceId, 'sealedPassword');
      issuance.sealedPassword = undefined;
      if (issuance.status !== 'verified') return { state: issuance.status };
      issuance.status = 'issued';
      issuance.issuedAt = now();
      issuance.endedAt = issuance.issuedAt;
      issuance.credentialsMessageId = messageId;
      account.passwordStatus = 'issued';
      account.passwordIssuedVia = 'email';
      account.authStatus = 'verified';
      deps.logger.info({ issuanceId, event: 'credentials-mail-sent' }, 'credentials mail sent');
      return { state: issuance.status };
    });
  };
}
