import { heartbeat } from '@temporalio/activity';
import { PasswordNotice, PasswordNoticeItem } from '../entities';
import {
  assembleBulkNotice,
  recordBulkNoticeBatch,
  type ItemOutcome,
  type PreparedPassword,
} from '../domain/issuance/bulk-pdf-batch';
import { expireUnfetchedNotice } from '../domain/issuance/unfetched-notice-expiry';
import { generatePassword, hashPassword } from '../lib/passwords';
import type { ActivityDependencies } from './dependencies';

/** argon2 runs on libuv's thread pool (4 threads by default); more at once only queues. */
const hashingConcurrency = 4;

/**
 * Hashing slots shared by every chunk activity of this process (a run keeps two chunks in flight): the next
 * chunk hashes on the threads the previous one no longer needs, first come first served, and the pool
 * never holds more than four bulk hashes ahead of a login's verification.
 */
const hashingSlots = (() => {
  let free = hashingConcurrency;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        const nextInLine = waiting.shift();
        if (nextInLine) nextInLine();
        else free++;
      }
    },
  };
})();

/** Well inside the workflow's 10 s heartbeat timeout, also with a busy event loop. */
const assemblyHeartbeatEveryMs = 2_000;

/** Employees recorded per transaction while the next ones are hashed. */
const recordBatchSize = 25;

/**
 * One chunk of a bulk run: new passwords for the employees at positions [from, from + count). The
 * passwords are hashed on every libuv thread outside any transaction, and each batch of 25 is recorded
 * in one transaction (recordBulkNoticeBatch in domain/issuance/bulk-pdf-batch.ts) as soon as its hashes are ready. A retry finds done items and leaves them.
 */
export function createIssueBulkNoticeChunk(deps: ActivityDependencies) {
  const now = deps.clock ?? (() => new Date());

  return async function issueBulkNoticeChunk(
    noticeId: string,
    workflowId: string,
    from: number,
    count: number,
  ): Promise<{ done: number; stopped: boolean }> {
    const range = { notice: noticeId, position: { $gte: from, $lt: from + count } };
    const em = deps.orm.em.fork();
    const notice = await em.findOneOrFail(PasswordNotice, noticeId, { populate: ['company'] });
    const items = await em.find(PasswordNoticeItem, range, { orderBy: { position: 'asc' } });
    const open = items.filter((item) => !item.issuance);
    if (notice.supersededAt || open.length === 0) {
      return { done: items.length - open.length, stopped: Boolean(notice.supersededAt) };
    }
    const minLength = notice.company.getEntity().minPasswordLength;

    // Hashing runs ahead on every libuv thread while finished batches are recorded, so both cores stay busy.
    const hashes: Promise<PreparedPassword>[] = [];
    const ready: ((value: PreparedPassword) => void)[] = [];
    const failed: ((error: unknown) => void)[] = [];
    for (let index = 0; index < open.length; index++) {
      hashes.push(
        new Promise<PreparedPassword>((resolve, reject) => {
          ready[index] = resolve;
          failed[index] = reject;
        }),
      );
      // Settled below or by the batch that awaits it; never an unhandled rejection in between.
      hashes[index]!.catch(() => undefined);
    }
    let next = 0;
    const hashLane = async () => {
      while (next < open.length) {
        const index = next++;
        try {
          const password = generatePassword(minLength);
          ready[index]!({ password, hash: await hashingSlots.run(() => hashPassword(password)) });
        } catch (error) {
          failed[index]!(error);
        }
        heartbeat(index + 1);
      }
    };
    const hashing = Promise.all(Array.from({ length: hashingConcurrency }, hashLane));

    const outcomes: ItemOutcome[] = [];
    try {
      for (let start = 0; start < open.length && !outcomes.includes('stopped'); start += recordBatchSize) {
        const batch = open.slice(start, start + recordBatchSize);
        const prepared = await Promise.all(hashes.slice(start, start + recordBatchSize));
        outcomes.push(
          ...(await recordBulkNoticeBatch(
            deps.orm.em.fork(),
            deps,
            { noticeId, workflowId, now: now() },
            batch,
            prepared,
          )),
        );
        heartbeat(start + batch.length);
      }
    } finally {
      // A stopped run leaves hashes unused: stop taking new ones and let the running ones end.
      next = open.length;
      await hashing;
    }
    const stopped = outcomes.includes('stopped');
    const issued = outcomes.filter((outcome) => outcome === 'issued').length;
    return { done: items.length - open.length + issued, stopped };
  };
}

/** Renders the bulk notice's pages into one PDF (assembleBulkNotice): the passwords exist only in it. */
export function createAssembleBulkNotice(deps: ActivityDependencies) {
  return async function assembleBulkNoticeActivity(
    noticeId: string,
    validityMs: number,
  ): Promise<{ state: 'ready' | 'superseded'; pages: number }> {
    // Rendering yields to the event loop between pages, so the beat keeps going while a large PDF is built.
    heartbeat();
    const beat = setInterval(() => heartbeat(), assemblyHeartbeatEveryMs);
    try {
      return await assembleBulkNotice(deps.orm.em.fork(), deps, noticeId, validityMs);
    } finally {
      clearInterval(beat);
    }
  };
}

/** Ends a bulk notice's link unused: see expireUnfetchedNotice (PDF未取得/期限切れ for its employees). */
export function createDiscardBulkNotice(deps: ActivityDependencies) {
  return async function discardBulkNotice(noticeId: string): Promise<{ discarded: boolean }> {
    const { discarded, accountsExpired } = await expireUnfetchedNotice(deps.orm.em.fork(), { id: noticeId });
    if (discarded) {
      deps.logger.info({ noticeId, accountsExpired, event: 'password-notice-expired' }, 'bulk notice discarded');
    }
    return { discarded };
  };
}
