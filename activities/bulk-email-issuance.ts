import { LockMode, ref } from '@mikro-orm/postgresql';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, UnavailableError } from '../domain/errors';
import { principalOfAccount } from '../domain/access/acting-account';
import {
  launchEmailIssuance,
  recordEmailIssuance,
  type RecordedEmailIssuance,
} from '../domain/issuance/email-issuance';
import {
  prepareVerificationMail,
  recordVerificationSent,
  verificationMailOf,
  type VerificationMail,
} from './send-verification-mail';
import type { BulkRunProgress } from '../contract';
import { Account, BulkRun, BulkRunItem, Company } from '../entities';
import { readBulkRunProgress, recordBulkRunRate } from '../domain/issuance/bulk-run-progress';
import { defaultMailRatePerSecond, type ActivityDependencies } from './dependencies';

/** Issuances started side by side within a chunk. */
const startConcurrency = 8;

/** Spaces calls `1 / perSecond` seconds apart, across every caller sharing it (every chunk of this process). */
function pacer(perSecond: number): () => Promise<void> {
  const gapMs = 1000 / perSecond;
  let nextAt = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, nextAt);
    nextAt = at + gapMs;
    if (at > now) await new Promise((done) => setTimeout(done, at - now));
  };
}

/**
 * Starts the issuances of the next chunk of a bulk run, with the same rules as a single issuance
 * (supersede earlier open issuances, reissue only for user administrators). Each item is claimed in
 * the transaction that records its issuance, so a retried or resumed chunk never starts an employee
 * twice; an item whose workflow start was interrupted is started again under the same workflow id.
 */
export function createStartBulkChunk(deps: ActivityDependencies) {
  const paced = pacer(deps.mailRatePerSecond ?? defaultMailRatePerSecond);

  /**
   * Sends an issuance's verification mail from the chunk (the same link on every attempt, see
   * prepareVerificationMail) and records it; returns until when the link works, so the employee's
   * workflow starts at the wait for the click. Undefined when the mail is not out: the workflow then
   * sends it with its own activity, retries and failure handling (a refused or failing address).
   */
  const sendFromChunk = async (
    issuanceId: string,
    validityMs: number,
    madeInClaim?: VerificationMail,
  ): Promise<Date | undefined> => {
    const prepared = madeInClaim
      ? ({ state: 'ready', ...madeInClaim } as const)
      : await prepareVerificationMail(deps, issuanceId, validityMs, true);
    if (prepared.state !== 'ready') return prepared.state === 'pending' ? prepared.expiresAt : undefined;
    await paced();
    let messageId: string;
    try {
      ({ messageId } = await deps.mailer.send({ to: prepared.to, ...prepared.mail, messageId: prepared.messageId }));
    } catch (error) {
      deps.logger.warn({ err: error, issuanceId }, 'bulk chunk could not send; the workflow sends it');
      return undefined;
    }
    const sent = await recordVerificationSent(deps, issuanceId, validityMs, messageId);
    return sent.state === 'pending' ? sent.expiresAt : undefined;
  };

  return async function startBulkChunk(
    runId: string,
    afterPosition: number,
    limit: number,
  ): Promise<{ lastPosition: number | null }> {
    const temporal = deps.temporal;
    if (!temporal) {
      throw ApplicationFailure.create({ type: 'Misconfigured', message: 'no Temporal client', nonRetryable: true });
    }
    const em = deps.orm.em.fork();
    const run = await em.findOneOrFail(BulkRun, runId, { populate: ['company'] });
    const items = await em.find(
      BulkRunItem,
      { run: runId, position: { $gt: afterPosition } },
      { orderBy: { position: 'asc' }, limit, populate: ['account', 'issuance'] },
    );
    // The run acts as the admin who started it, with that account's role now, and never with more than
    // the run was started with; the policy decides each employee as it would for a single issuance.
    const actor = await principalOfAccount(em, run.requestedBy?.id, run.mayReissue ? [] : ['issuance:reissue']);
    const company = {
      code: run.company.getEntity().code,
      validityHours: run.company.getEntity().verificationValidityHours,
    };
    const launchDeps = { em, temporal, logger: deps.logger };
    const validityMs = company.validityHours * 60 * 60 * 1000;
    const sendAndLaunch = async (recorded: RecordedEmailIssuance, madeInClaim?: VerificationMail): Promise<void> => {
      const sentUntil = await sendFromChunk(recorded.issuance.id, validityMs, madeInClaim);
      await launchEmailIssuance(launchDeps, recorded, {
        bulkRunId: runId,
        markFailedOnError: false,
        ...(sentUntil ? { verificationSentUntil: sentUntil } : {}),
      });
    };

    const startItem = async (item: BulkRunItem): Promise<void> => {
      const accountCode = item.account.getEntity().code;
      if (item.status === 'started' && item.issuance) {
        // An earlier attempt stopped between recording the issuance and starting its workflow (or did not
        // record the sent mail): the same link goes out again at most, and the start finds a running workflow.
        const issuance = item.issuance.getEntity();
        if (issuance.status === 'sending' || issuance.status === 'pending') {
          await sendAndLaunch({ issuance, superseded: [], company, accountCode, addressVerified: false });
        }
        return;
      }
      if (item.status !== 'queued') return;
      if (!actor) {
        await em
          .fork()
          .nativeUpdate(
            BulkRunItem,
            { id: item.id, status: 'queued' },
            { status: 'skipped', skipReason: 'FORBIDDEN: the administrator who started the run may no longer issue' },
          );
        return;
      }
      let recorded;
      try {
        recorded = await em.fork().transactional(async (tx) => {
          const claimed = await tx.findOneOrFail(BulkRunItem, item.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (claimed.status !== 'queued') return null;
          const result = await recordEmailIssuance(tx, actor, { accountCode, emailSlot: item.emailSlot });
          claimed.status = 'started';
          claimed.issuance = ref(result.issuance);
          // The token is made in the transaction that records the issuance: no second one to prepare the mail.
          const rows = {
            issuance: result.issuance,
            account: await tx.findOneOrFail(Account, result.issuance.account.id),
            company: await tx.findOneOrFail(Company, result.issuance.company.id),
          };
          const mail =
            result.issuance.status === 'sending' ? verificationMailOf(deps, rows, validityMs, true) : undefined;
          return { result, mail };
        });
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof UnavailableError) throw error;
        // The employee's own problem (no address, disabled, …): recorded, and the run goes on.
        await em.fork().nativeUpdate(
          BulkRunItem,
          { id: item.id, status: 'queued' },
          {
            status: 'skipped',
            skipReason: `${error.code}: ${error.message}`,
          },
        );
        return;
      }
      if (recorded) await sendAndLaunch(recorded.result, recorded.mail);
    };

    // Items are independent (each locks its own account), so a few start side by side.
    let next = 0;
    const lane = async () => {
      while (next < items.length) {
        const item = items[next++]!;
        await startItem(item);
        Context.current().heartbeat(item.position);
      }
    };
    await Promise.all(Array.from({ length: startConcurrency }, lane));
    return { lastPosition: items.at(-1)?.position ?? null };
  };
}

export function createReadBulkRunProgress(deps: ActivityDependencies) {
  return async function readBulkRunProgressActivity(runId: string): Promise<BulkRunProgress> {
    return readBulkRunProgress(deps.orm.em.fork(), runId);
  };
}

/** Marks the run finished and stores its measured send rate, which later previews use for their estimate. */
export function createFinishBulkRun(deps: ActivityDependencies) {
  return async function finishBulkRun(runId: string): Promise<BulkRunProgress> {
    const em = deps.orm.em.fork();
    await recordBulkRunRate(em, runId);
    return readBulkRunProgress(em, runId);
  };
}
