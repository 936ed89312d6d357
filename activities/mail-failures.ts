import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { deliveryDeadlinePrefix } from '../domain/issuance/failure-reasons';
import type { Mailer } from '../lib/mailer';
import { mailSendDuration, mailSendFailures } from '../lib/metrics';
import { classifySmtpError } from '../lib/smtp-errors';

/** Failure types, so that a workflow, the Temporal UI and the logs can tell them apart. */
export const MailFailureTypes = {
  permanent: 'SmtpPermanentFailure',
  temporary: 'SmtpTemporaryFailure',
  deadline: 'SmtpDeliveryDeadlineExceeded',
} as const;

export const defaultMailDeliveryDeadlineMs = 4 * 60 * 60 * 1000;

const heartbeatEveryMs = 2_000;

/** Heartbeats while `work` runs, when called inside an activity, so the server notices a dead worker quickly. */
async function withHeartbeats<T>(work: Promise<T>): Promise<T> {
  let context: Context | undefined;
  try {
    context = Context.current();
  } catch {
    return work;
  }
  const timer = setInterval(() => context.heartbeat(), heartbeatEveryMs);
  try {
    context.heartbeat();
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** When the current activity was first scheduled (its first attempt), or undefined outside an activity. */
function firstScheduledAt(): number | undefined {
  try {
    return Context.current().info.scheduledTimestampMs;
  } catch {
    return undefined;
  }
}

/**
 * The mailer as the mail activities see it: a refused mail (5xx) becomes a non-retryable ApplicationFailure
 * carrying the server's reply, so the workflow records the issuance as failed at once; a temporary problem
 * (4xx, connection) stays retryable until the mail's delivery deadline, counted from the activity's first
 * attempt, has passed, and then fails the same way with the last reply.
 */
export function withMailFailureClasses(mailer: Mailer, options: { deliveryDeadlineMs?: number } = {}): Mailer {
  const deadlineMs = options.deliveryDeadlineMs ?? defaultMailDeliveryDeadlineMs;
  return {
    close: () => mailer.close(),
    async send(mail) {
      const stopTimer = mailSendDuration.startTimer();
      try {
        const sent = await withHeartbeats(mailer.send(mail));
        stopTimer({ outcome: 'sent' });
        return sent;
      } catch (error) {
        const failure = classifySmtpError(error);
        stopTimer({ outcome: failure.failureClass });
        mailSendFailures.inc({ class: failure.failureClass });
        if (failure.failureClass === 'permanent') {
          throw ApplicationFailure.create({
            type: MailFailureTypes.permanent,
            message: failure.reason,
            nonRetryable: true,
          });
        }
        const startedAt = firstScheduledAt();
        if (startedAt !== undefined && Date.now() - startedAt >= deadlineMs) {
          throw ApplicationFailure.create({
            type: MailFailureTypes.deadline,
            message: `${deliveryDeadlinePrefix}${Math.round(deadlineMs / 60_000)} minutes: ${failure.reason}`,
            nonRetryable: true,
          });
        }
        throw ApplicationFailure.create({
          type: MailFailureTypes.temporary,
          message: failure.reason,
          details: [deliveryProblemOf(failure.responseCode)],
        });
      }
    },
  };
}

/** What the progress of a run shows for a temporary failure: the reply code, or UNREACHABLE without a reply. */
function deliveryProblemOf(responseCode: number | undefined): string {
  return responseCode === undefined ? unreachable : `SMTP ${responseCode}`;
}

const unreachable = 'UNREACHABLE';

/** The delivery problem a temporary mail failure stands for, or undefined for any other error. */
export function temporaryDeliveryProblem(error: unknown): string | undefined {
  if (!(error instanceof ApplicationFailure) || error.type !== MailFailureTypes.temporary) return undefined;
  const [problem] = error.details ?? [];
  return typeof problem === 'string' ? problem : unreachable;
}
