import { createApplyTransfer } from './apply-transfer';
import type { ActivityDependencies } from './dependencies';
import { createExpireIssuance, createFailIssuance } from './expire-issuance';
import { createIssueCredentials } from './issue-credentials';
import { createSendVerificationMail } from './send-verification-mail';

export type { ActivityDependencies } from './dependencies';

export function createActivities(deps: ActivityDependencies) {
  return {
    sendVerificationMail: createSendVerificationMail(deps),
    expireIssuance: createExpireIssuance(deps),
    failIssuance: createFailIssuance(deps),
    issueCredentials: createIssueCredentials(deps),
    applyTransfer: createApplyTransfer(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
