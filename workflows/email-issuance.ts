import {
  ActivityFailure,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import {
  emailIssuanceStageQuery,
  verificationConfirmedSignal,
  type EmailIssuanceInput,
  type EmailIssuanceResult,
  type EmailIssuanceStage,
} from '../contract';

const mailOptions = {
  startToCloseTimeout: '2 minutes',
  // The mailer heartbeats while a send is under way (activities/mail-failures.ts), so a mail held by a killed
  // worker is retried after ~10 s, not after the 2-minute attempt limit.
  heartbeatTimeout: '10 seconds',
  // A refused mail (5xx) fails at once and a temporary failure at the delivery deadline (activities/mail-failures.ts,
  // MAIL_DELIVERY_DEADLINE_MINUTES, at most 23 h); this limit is only the backstop.
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
} as const;

const bookkeeping = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One e-mail issuance (●メール且つ個別送信): verification request mail, wait for the employee's
 * confirmation for at most the validity period, then the credentials mail. The database is the
 * arbiter of every race (late click against timeout, supersede against send); this workflow only
 * sequences the steps and keeps the timer.
 */
export async function emailIssuance(input: EmailIssuanceInput): Promise<EmailIssuanceResult> {
  const { issuanceId } = input;
  // Verification mails wait in their own rate-limited queue, the credentials (argon2, after a click) in
  // another, so a bulk run of thousands cannot delay an employee who has just confirmed. Without
  // queues in the input, the activities run on the workflow's own queue.
  const { sendVerificationMail } = proxyActivities<ReturnType<typeof createActivities>>({
    ...mailOptions,
    ...(input.activityQueues ? { taskQueue: input.activityQueues.verificationMail } : {}),
  });
  const { issueCredentials } = proxyActivities<ReturnType<typeof createActivities>>({
    ...mailOptions,
    ...(input.activityQueues ? { taskQueue: input.activityQueues.credentials } : {}),
  });
  let stage: EmailIssuanceStage = 'sending-verification';
  let confirmed = false;

  setHandler(verificationConfirmedSignal, (signal) => {
    // A signal sent by workflow id reaches the current run; only this issuance's confirmation counts.
    if (signal.issuanceId === issuanceId) confirmed = true;
  });
  setHandler(emailIssuanceStageQuery, () => stage);

  try {
    // アカウント通知メール送信 (reissue B) is recorded as verified already: the credentials go straight out.
    if (!input.direct) {
      // A bulk chunk may have sent and recorded the mail before it started this workflow.
      if (!input.verificationSent) {
        const sent = await sendVerificationMail(issuanceId, input.verificationValidityMs);
        if (sent.state !== 'pending' && sent.state !== 'verified') return { issuanceId, outcome: 'superseded' };
      }

      stage = 'awaiting-verification';
      // A delayed start (verificationExpiresAtMs) runs its first task at the click or at the end of the
      // validity; Date.now() is workflow time, so what is left of the period replays the same.
      const waitMs =
        input.verificationExpiresAtMs === undefined
          ? input.verificationValidityMs
          : input.verificationExpiresAtMs - Date.now();
      if (!(confirmed || (waitMs > 0 && (await condition(() => confirmed, waitMs))))) {
        const after = await bookkeeping.expireIssuance(issuanceId);
        if (after.state === 'expired') return { issuanceId, outcome: 'expired' };
        if (after.state !== 'verified') return { issuanceId, outcome: 'superseded' };
      }
    }

    stage = 'issuing-credentials';
    const issued = await issueCredentials(issuanceId);
    stage = 'done';
    return { issuanceId, outcome: issued.state === 'issued' ? 'issued' : 'superseded' };
  } catch (error) {
    // A later issuance for the same account cancels this run after marking it superseded in the database.
    if (isCancellation(error)) return { issuanceId, outcome: 'superseded' };
    if (error instanceof ActivityFailure) {
      const reason = error.cause?.message ?? error.message;
      await CancellationScope.nonCancellable(() => bookkeeping.failIssuance(issuanceId, reason));
      return { issuanceId, outcome: 'failed' };
    }
    throw error;
  } finally {
    stage = 'done';
  }
}
