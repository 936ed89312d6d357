import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  issuanceWorkflowId,
  SearchAttributes,
  TaskQueues,
  workflowTypes,
  type EmailIssuanceInput,
  type IssuanceKind,
} from '../contract';
import { Account, Company, Issuance, openIssuanceStatuses, type EmailSlot } from '../entities';
import type { Logger } from '../lib/logger';
import type { AuthContext } from './authentication';
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError, UnprocessableError } from './errors';
import { cancelWorkflows } from './workflow-control';

export interface StartEmailIssuanceRequest {
  accountCode: string;
  emailSlot: EmailSlot;
  auth: AuthContext;
}

/**
 * Starts an e-mail issuance for one account. In one transaction, with the account row locked so two
 * admins cannot race: every open issuance of the account is superseded (its link stops working at
 * once) and the new one is recorded. Then the old workflows are cancelled and the new one started.
 */
export async function startEmailIssuance(
  deps: { em: EntityManager; temporal: Client; logger: Logger },
  request: StartEmailIssuanceRequest,
): Promise<Issuance> {
  const { em, temporal } = deps;
  const { auth } = request;

  const { issuance, superseded, company } = await em.transactional(async (tx) => {
    const account = await tx.findOne(
      Account,
      { company: auth.companyId, code: request.accountCode },
      { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['a0'] },
    );
    if (!account) throw new NotFoundError(`No account "${request.accountCode}".`, 'ACCOUNT_NOT_FOUND');
    const company = await tx.findOneOrFail(Company, auth.companyId);
    if (company.issuanceChannel !== 'email') {
      throw new ConflictError(
        'ISSUANCE_CHANNEL_IS_PDF',
        'The company issues passwords as PDF notices; change the issuance channel to send e-mails.',
        'issuanceChannel',
      );
    }
    if (account.disabled) throw new ConflictError('ACCOUNT_DISABLED', 'The account is disabled.', 'code');
    const address = account.emailAt(request.emailSlot);
    if (!address) {
      throw new UnprocessableError(
        'EMAIL_NOT_SET',
        `メールアドレス${request.emailSlot} is not set for this account.`,
        'emailSlot',
      );
    }
    const earlier = await tx.find(Issuance, { account }, { orderBy: { sequence: 'desc' } });
    const kind: IssuanceKind =
      account.passwordStatus === 'issued' || earlier.some((row) => row.status === 'issued')
        ? 'reissue-verify'
        : 'initial';
    if (kind !== 'initial' && !auth.permissions.includes('issuance:reissue')) {
      throw new ForbiddenError('Only a user administrator may reissue a password.');
    }

    const now = new Date();
    const open = earlier.filter((row) => openIssuanceStatuses.includes(row.status));
    for (const row of open) {
      row.status = 'superseded';
      row.endedAt = now;
      row.sealedToken = undefined;
      row.sealedPassword = undefined;
    }
    const sequence = (earlier[0]?.sequence ?? 0) + 1;
    const created = new Issuance({
      company: tx.getReference(Company, company.id, { wrapped: true }),
      account: tx.getReference(Account, account.id, { wrapped: true }),
      sequence,
      kind,
      emailSlot: request.emailSlot,
      emailAddress: address,
      workflowId: issuanceWorkflowId(company.code, account.code, sequence),
      requestedBy: tx.getReference(Account, auth.accountId, { wrapped: true }),
    });
    tx.persist(created);
    return {
      issuance: created,
      superseded: open.map((row) => row.workflowId),
      company: { code: company.code, validityHours: company.verificationValidityHours },
    };
  });

  await cancelWorkflows({ temporal, logger: deps.logger }, superseded);

  const input: EmailIssuanceInput = {
    issuanceId: issuance.id,
    verificationValidityMs: company.validityHours * 60 * 60 * 1000,
  };
  try {
    await temporal.workflow.start(workflowTypes.emailIssuance, {
      taskQueue: TaskQueues.main,
      workflowId: issuance.workflowId,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [
        { key: SearchAttributes.companyCode, value: company.code },
        { key: SearchAttributes.accountCode, value: request.accountCode },
        { key: SearchAttributes.issuanceKind, value: issuance.kind },
      ],
      memo: { purpose: 'email issuance', kind: issuance.kind, issuanceId: issuance.id },
    });
  } catch (error) {
    deps.logger.error({ err: error, issuanceId: issuance.id }, 'could not start the issuance workflow');
    issuance.status = 'failed';
    issuance.failureReason = 'the workflow could not be started';
    issuance.endedAt = new Date();
    await em.flush();
    throw new UnavailableError('The workflow service is not reachable; nothing was sent. Try again shortly.');
  }
  return issuance;
}
