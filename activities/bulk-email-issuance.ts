import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { BulkRunProgress } from '../contract';
import { claimBulkChunk } from '../domain/issuance/bulk-email-chunk';
import { launchEmailIssuance } from '../domain/issuance/email-issuance';
import {
  prepareVerificationMail,
  recordVerificationsSent,
  type VerificationMail,
} from '../domain/issuance/issuance-steps';
import { finishBulkRun, readBulkRunProgress } from '../domain/issuance/bulk-run-progress';
import { reserveSendSlots, untilSlot } from '../lib/mail-pace';
import { defaultMailRatePerSecond, type ActivityDependencies } from './dependencies';
import { recordDeliveryProblem } from '../domain/issuance/delivery-problems';
import { temporaryDeliveryProblem } from './mail-failures';
import { cancelWorkflows } from '../lib/workflow-control';

/** Mails sent and issuances started side by side within a chunk (the bench's floor uses as many lanes). */
export const startConcurrency = 8;
/** Sent mails recorded in one transaction: at most this many go out a second time (same link) after a crash. */
export const recordEvery = 25;

/**
 * Starts the issuances of the next chunk of a bulk run. The domain claims the chunk's items (claimBulkChunk: the
 * rules of a single issuance, first issuances only, each issuance recorded with its token in one transaction),
 * so a retried or resumed chunk never starts an employee twice. The chunk then sends the verification mails itself over the pooled
 * transport at the configured rate and records them in one transaction. An employee's workflow starts at the
 * click (or now, when the chunk could not send the mail); an item whose mail was interrupted is sent by the next
 * attempt with the same link.
 */
export function createStartBulkChunk(deps: ActivityDependencies) {
  const perSecond = deps.mailRatePerSecond ?? defaultMailRatePerSecond;

  /**
   * Sends the mails side by side within the send slots reserved for them from the rate every worker process
   * shares (MAIL_RATE_PER_SECOND); answers the ones the SMTP server accepted.
   */
  const sendAll = async (mails: { issuanceId: string; mail: VerificationMail }[]) => {
    const sent: { issuanceId: string; messageId: string }[] = [];
    const slots = await reserveSendSlots(deps.orm.em.fork(), 'bulk-verification', mails.length, perSecond);
    await inLanes(
      mails.map((mail, slot) => ({ ...mail, slot })),
      async ({ issuanceId, mail, slot }) => {
        await untilSlot(slots, slot, () => Context.current().heartbeat());
        // An attempt the server gave up on (heartbeat timeout) stops here: its retry sends the rest, once.
        if (Context.current().cancellationSignal.aborted) {
          throw new CancelledFailure('the chunk attempt was cancelled before this mail');
        }
        try {
          const { messageId } = await deps.mailer.send({ to: mail.to, ...mail.mail, messageId: mail.messageId });
          sent.push({ issuanceId, messageId });
        } catch (error) {
          // Refused or failing: the employee's workflow sends it with its own retries and failure handling.
          deps.logger.warn({ err: error, issuanceId }, 'bulk chunk could not send; the workflow sends it');
          const problem = temporaryDeliveryProblem(error);
          if (problem) await recordDeliveryProblem(deps.orm.em.fork(), issuanceId, problem, new Date());
        }
        Context.current().heartbeat();
      },
    );
    return sent;
  };

  return async function startBulkChunk(
    runId: string,
    afterPosition: number,
    limit: number,
    /** The last position of the chunk's range, when the workflow keeps two chunks in flight. */
    throughPosition?: number,
  ): Promise<{ lastPosition: number | null }> {
    const temporal = deps.temporal;
    if (!temporal) {
      throw ApplicationFailure.create({ type: 'Misconfigured', message: 'no Temporal client', nonRetryable: true });
    }
    const em = deps.orm.em.fork();
    const {
      validityMs,
      issuances: chunk,
      lastPosition,
    } = await claimBulkChunk(em, deps, runId, afterPosition, limit, throughPosition);

    // A slice at a time: its mails (made in the claim, or prepared again with the same link for a resumed
    // chunk) go out and are recorded together, so a worker killed mid-chunk leaves at most a slice to send
    // again. An employee whose mail is out has no workflow until the click (signal-with-start, see
    // signalConfirmation); the lapsed-link sweep ends the link if nobody clicks. Only a mail the chunk could
    // not send gets its employee's workflow now, which sends it with its own retries and failure handling.
    const launchDeps = { em, temporal, logger: deps.logger };
    const launches: Promise<void>[] = [];
    for (let at = 0; at < chunk.length; at += recordEvery) {
      const slice = chunk.slice(at, at + recordEvery);
      const mails: { issuanceId: string; mail: VerificationMail }[] = [];
      for (const { recorded, mail } of slice) {
        const issuance = recorded.issuance;
        if (mail) {
          mails.push({ issuanceId: issuance.id, mail });
          continue;
        }
        const prepared = await prepareVerificationMail(deps.orm.em.fork(), deps, issuance.id, validityMs, true);
        if (prepared.state === 'ready') mails.push({ issuanceId: issuance.id, mail: prepared });
      }
      const sent = await sendAll(mails);
      await recordVerificationsSent(deps.orm.em.fork(), deps, sent, validityMs);
      const accepted = new Set(sent.map((mail) => mail.issuanceId));
      const unsent = new Set(mails.filter((mail) => !accepted.has(mail.issuanceId)).map((mail) => mail.issuanceId));
      const launched = inLanes(slice, async ({ recorded }) => {
        if (unsent.has(recorded.issuance.id)) {
          await launchEmailIssuance(launchDeps, recorded, { bulkRunId: runId });
        } else if (recorded.superseded.length > 0) {
          await cancelWorkflows(launchDeps, recorded.superseded);
        }
        Context.current().heartbeat();
      });
      // Awaited below with the others; a failure is not left unhandled meanwhile.
      launched.catch(() => undefined);
      launches.push(launched);
    }
    await Promise.all(launches);
    return { lastPosition };
  };
}

/** Runs `work` over `entries`, `startConcurrency` at a time. */
async function inLanes<T>(entries: readonly T[], work: (entry: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < entries.length) await work(entries[next++]!);
  };
  await Promise.all(Array.from({ length: startConcurrency }, lane));
}

export function createReadBulkRunProgress(deps: ActivityDependencies) {
  return async function readBulkRunProgressActivity(runId: string): Promise<BulkRunProgress> {
    return readBulkRunProgress(deps.orm.em.fork(), runId);
  };
}

/** Marks the run finished and stores its measured send rate, which later previews use for their estimate. */
export function createFinishBulkRun(deps: ActivityDependencies) {
  return async function finishBulkRunActivity(runId: string): Promise<BulkRunProgress> {
    const em = deps.orm.em.fork();
    await finishBulkRun(em, runId);
    return readBulkRunProgress(em, runId);
  };
}
