import { createApplyReorganisation } from './apply-reorganisation';
import { createApplyAccountImportChunk, createFinishAccountImport } from './account-import';
import { createApplyTransfer } from './apply-transfer';
import { createAssembleBulkNotice, createDiscardBulkNotice, createIssueBulkNoticeChunk } from './bulk-password-notice';
import { createFinishBulkRun, createReadBulkRunProgress, createStartBulkChunk } from './bulk-email-issuance';
import type { ActivityDependencies } from './dependencies';
import { createExpireIssuance, createFailIssuance } from './expire-issuance';
import { createIssueCredentials } from './issue-credentials';
import { createDiscardPasswordNotice, createIssuePasswordNotice } from './issue-password-notice';
import { withDomainFailures } from './failures';
import {
  createExpireLapsedLinks,
  createPurgeExpired,
  createReconcileBulkRuns,
  createResumeStrandedConfirmations,
} from './housekeeping';
import { withMailFailureClasses } from './mail-failures';
import { createSendVerificationMail } from './send-verification-mail';

export type { ActivityDependencies } from './dependencies';

export function createActivities(dependencies: ActivityDependencies) {
  // Every mail activity sees SMTP failures classified: refused mails fail at once, the rest retry until the deadline.
  const deps = {
    ...dependencies,
    mailer: withMailFailureClasses(dependencies.mailer, { deliveryDeadlineMs: dependencies.mailDeliveryDeadlineMs }),
  };
  return withDomainFailures({
    sendVerificationMail: createSendVerificationMail(deps),
    expireIssuance: createExpireIssuance(deps),
    failIssuance: createFailIssuance(deps),
    issueCredentials: createIssueCredentials(deps),
    applyTransfer: createApplyTransfer(deps),
    applyReorganisation: createApplyReorganisation(deps),
    startBulkChunk: createStartBulkChunk(deps),
    readBulkRunProgress: createReadBulkRunProgress(deps),
    finishBulkRun: createFinishBulkRun(deps),
    issuePasswordNotice: createIssuePasswordNotice(deps),
    discardPasswordNotice: createDiscardPasswordNotice(deps),
    issueBulkNoticeChunk: createIssueBulkNoticeChunk(deps),
    assembleBulkNotice: createAssembleBulkNotice(deps),
    discardBulkNotice: createDiscardBulkNotice(deps),
    purgeExpired: createPurgeExpired(deps),
    reconcileBulkRuns: createReconcileBulkRuns(deps),
    expireLapsedLinks: createExpireLapsedLinks(deps),
    resumeStrandedConfirmations: createResumeStrandedConfirmations(deps),
    applyAccountImportChunk: createApplyAccountImportChunk(deps),
    finishAccountImport: createFinishAccountImport(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
