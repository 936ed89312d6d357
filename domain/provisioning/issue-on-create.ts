import type { EntityManager } from '@mikro-orm/postgresql';
import { Company } from '../../entities';
import { holds, type Principal } from '../access/principal';
import { DomainError } from '../errors';
import { startEmailIssuance } from '../issuance/email-issuance';
import type { DomainServices } from '../services';

/**
 * A hire provisioned by SCIM gets the verification request mail at once when the company asks for it (provisioning
 * default `issueOnCreate`) and issues by e-mail: the same single e-mail issuance as the console's button, a durable
 * workflow, with the token's principal (so its role must hold `issuance:issue`). The account exists whatever
 * happens here: a refusal or an outage is logged, and the account stays 未発行 for an administrator to issue.
 */
export async function issueProvisionedAccount(
  em: EntityManager,
  principal: Principal,
  account: { code: string; hasAddress: boolean },
  services: Pick<DomainServices, 'temporal' | 'logger'>,
): Promise<'started' | 'skipped'> {
  const company = await em.findOneOrFail(Company, principal.companyId);
  if (company.issuanceChannel !== 'email' || !account.hasAddress || !holds(principal, 'issuance:issue')) {
    return 'skipped';
  }
  try {
    await startEmailIssuance(
      { em, temporal: services.temporal, logger: services.logger },
      { accountCode: account.code, emailSlot: 1, auth: principal },
    );
    return 'started';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    services.logger.warn(
      { err: error, accountCode: account.code, scimToken: principal.scimToken?.id },
      'the issuance of an account provisioned by SCIM did not start; it stays unissued',
    );
    return 'skipped';
  }
}
