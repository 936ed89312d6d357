import type { IssuanceStatus } from '../entities';
import { credentialsMessageId, prepareCredentials, recordCredentialsSent } from '../domain/issuance/issuance-steps';
import type { ActivityDependencies } from './dependencies';

/**
 * Mails the credentials of a verified issuance: the password is made (or its kept copy opened, for a retry) by
 * prepareCredentials, exists in plaintext only in that mail, and its kept copy is deleted once the mail is out.
 * The workflow gets only the resulting state.
 */
export function createIssueCredentials(deps: ActivityDependencies) {
  return async function issueCredentials(issuanceId: string): Promise<{ state: IssuanceStatus }> {
    const prepared = await prepareCredentials(deps.orm.em.fork(), deps, issuanceId);
    if (prepared.state !== 'ready') return { state: prepared.state };
    const { messageId } = await deps.mailer.send({
      to: prepared.to,
      ...prepared.mail,
      messageId: credentialsMessageId(deps, issuanceId),
    });
    return recordCredentialsSent(deps.orm.em.fork(), deps, issuanceId, messageId);
  };
}
